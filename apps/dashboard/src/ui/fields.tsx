// Labelled form controls: each input has a real <label>, an optional hint and error text.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

const CONTROL =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ' +
  'ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 ' +
  'disabled:bg-zinc-50 disabled:text-zinc-500';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
  hideLabel?: boolean;
}

function FieldFrame({ id, label, hint, children, hideLabel }: FieldFrameProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'block text-sm font-medium text-zinc-800'}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type Common = { label: ReactNode; hint?: ReactNode; hideLabel?: boolean };

export function TextField({
  label,
  hint,
  hideLabel,
  id,
  className = '',
  ...props
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} hideLabel={hideLabel}>
      <input
        id={fieldId}
        aria-describedby={hint ? `${fieldId}-hint` : undefined}
        className={`${CONTROL} ${className}`}
        {...props}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  hint,
  hideLabel,
  id,
  className = '',
  children,
  ...props
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} hideLabel={hideLabel}>
      <select id={fieldId} className={`${CONTROL} pr-8 ${className}`} {...props}>
        {children}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  hint,
  hideLabel,
  id,
  className = '',
  ...props
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} hideLabel={hideLabel}>
      <textarea id={fieldId} rows={3} className={`${CONTROL} ${className}`} {...props} />
    </FieldFrame>
  );
}
