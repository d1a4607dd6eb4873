// The generated forms' buttons (add, remove, reorder, copy, clear): each with its icon and its translated words.
import { type IconButtonProps, type TemplatesType, TranslatableString } from '@rjsf/utils';
import { ArrowDown, ArrowUp, Copy, Plus, Trash2, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { buttonClasses } from '../../../../ui/Button';

type FormButtonProps = IconButtonProps & { label: TranslatableString; children: ReactNode };

/** A form button with its icon and its (translated) words, like every button of the app. */
function FormButton(props: FormButtonProps) {
  // rjsf's own class names and inline styles are for its Bootstrap theme: ours replace them.
  const {
    registry,
    uiSchema: _ui,
    iconType: _type,
    icon: _icon,
    className: _class,
    style: _style,
    label,
    children,
    ...rest
  } = props;
  return (
    <button type="button" className={buttonClasses('secondary', 'sm')} {...rest}>
      {children}
      <span>{registry.translateString(label)}</span>
    </button>
  );
}

const icon = 'size-3.5';
const AddButton = (props: IconButtonProps) => (
  <FormButton {...props} label={TranslatableString.AddItemButton}>
    <Plus aria-hidden className={icon} />
  </FormButton>
);
const CopyButton = (props: IconButtonProps) => (
  <FormButton {...props} label={TranslatableString.CopyButton}>
    <Copy aria-hidden className={icon} />
  </FormButton>
);
const MoveDownButton = (props: IconButtonProps) => (
  <FormButton {...props} label={TranslatableString.MoveDownButton}>
    <ArrowDown aria-hidden className={icon} />
  </FormButton>
);
const MoveUpButton = (props: IconButtonProps) => (
  <FormButton {...props} label={TranslatableString.MoveUpButton}>
    <ArrowUp aria-hidden className={icon} />
  </FormButton>
);
const RemoveButton = (props: IconButtonProps) => (
  <FormButton {...props} label={TranslatableString.RemoveButton}>
    <Trash2 aria-hidden className={icon} />
  </FormButton>
);
const ClearButton = (props: IconButtonProps) => (
  <FormButton {...props} label={TranslatableString.ClearButton}>
    <X aria-hidden className={icon} />
  </FormButton>
);

export const formButtons: TemplatesType['ButtonTemplates'] = {
  // The caller renders its own Call button below the form.
  SubmitButton: () => null,
  AddButton,
  CopyButton,
  MoveDownButton,
  MoveUpButton,
  RemoveButton,
  ClearButton,
};
