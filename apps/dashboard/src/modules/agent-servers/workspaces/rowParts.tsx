// What the workspaces and projects tabs share: a select over fixed values, and the cells of their tables.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { SelectField } from '../../../ui/fields';
import { td } from '../../../ui/Table';

interface ChoiceProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  /** The value as shown. */
  labelOf(value: T): string;
  onChoose(value: T): void;
  hideLabel?: boolean;
  disabled?: boolean;
  /** Shown before the options, for an empty value (a default). */
  empty?: ReactNode;
}

export function ChoiceField<T extends string>({ options, labelOf, onChoose, empty, ...field }: ChoiceProps<T>) {
  return (
    <SelectField {...field} onChange={(event) => onChoose(event.target.value as T)}>
      {empty === undefined ? null : <option value="">{empty}</option>}
      {options.map((option) => (
        <option key={option} value={option}>
          {labelOf(option)}
        </option>
      ))}
    </SelectField>
  );
}

/** A row's value out of a fixed set: a select for those who may change it, its label for the others. */
export function ChoiceCell<T extends string>({ editable, ...choice }: ChoiceProps<T> & { editable: boolean }) {
  return <td className={td}>{editable ? <ChoiceField hideLabel {...choice} /> : choice.labelOf(choice.value)}</td>;
}

export function NameCell({ name, description }: { name: string; description?: string | null }) {
  return (
    <td className={td}>
      <span className="font-medium">{name}</span>
      {description ? <p className="text-xs text-zinc-500">{description}</p> : null}
    </td>
  );
}

/** The row's delete button, for those who may delete. */
export function DeleteCell({ editable, onDelete }: { editable: boolean; onDelete(): void }) {
  const { t } = useTranslation();
  return (
    <td className={`${td} text-right`}>
      {editable ? (
        <Button size="sm" variant="secondary" onClick={onDelete}>
          {t('common.delete')}
        </Button>
      ) : null}
    </td>
  );
}
