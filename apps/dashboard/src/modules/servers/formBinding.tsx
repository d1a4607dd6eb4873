// How the server form's field groups read and write the form, and show each field's own error under it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerForm } from './serverForm';
import type { FieldError, FieldErrors } from './serverFormValidation';

export interface FormBinding {
  form: ServerForm;
  set<K extends keyof ServerForm>(field: K, value: ServerForm[K]): void;
  errors: FieldErrors;
}

export function useErrorText() {
  const { t } = useTranslation();
  return (error: FieldError) => t(`serverWizard.errors.${error.key}`, error.values ?? {});
}

/**
 * The `hint` and `aria-invalid` of a field: its error when it has one (announced through the field's description),
 * its usual hint otherwise.
 */
export function useFieldState(errors: FieldErrors) {
  const errorText = useErrorText();
  return (field: string, hint?: ReactNode) => {
    const error = errors[field];
    if (!error) return { hint, 'aria-invalid': undefined };
    return {
      hint: (
        <span data-testid={`field-error-${field}`} className="font-medium text-red-700">
          {errorText(error)}
        </span>
      ),
      'aria-invalid': true as const,
    };
  };
}

/** An error for a control that is not a single input (a group of choices, a list of rows). */
export function FieldErrorText({ errors, field }: { errors: FieldErrors; field: string }) {
  const errorText = useErrorText();
  const error = errors[field];
  if (!error) return null;
  return (
    <p data-testid={`field-error-${field}`} className="text-xs font-medium text-red-700">
      {errorText(error)}
    </p>
  );
}

export const CHECKBOX =
  'size-4 rounded border-zinc-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600';
