// The generated forms' own words (buttons, validation messages) in the user's language instead of rjsf's English.
import {
  englishStringTranslator,
  type RJSFValidationError,
  replaceStringParameters,
  TranslatableString,
} from '@rjsf/utils';
import type { TFunction } from 'i18next';

type FormWord =
  | 'item'
  | 'emptyArray'
  | 'yes'
  | 'no'
  | 'addItem'
  | 'copy'
  | 'moveUp'
  | 'moveDown'
  | 'remove'
  | 'clear'
  | 'keyLabel'
  | 'newValue'
  | 'option'
  | 'titleOption'
  | 'addOptional'
  | 'removeOptional';

const WORDS: Partial<Record<TranslatableString, FormWord>> = {
  [TranslatableString.ArrayItemTitle]: 'item',
  [TranslatableString.EmptyArray]: 'emptyArray',
  [TranslatableString.YesLabel]: 'yes',
  [TranslatableString.NoLabel]: 'no',
  [TranslatableString.AddButton]: 'addItem',
  [TranslatableString.AddItemButton]: 'addItem',
  [TranslatableString.CopyButton]: 'copy',
  [TranslatableString.MoveUpButton]: 'moveUp',
  [TranslatableString.MoveDownButton]: 'moveDown',
  [TranslatableString.RemoveButton]: 'remove',
  [TranslatableString.ClearButton]: 'clear',
  [TranslatableString.KeyLabel]: 'keyLabel',
  [TranslatableString.NewStringDefault]: 'newValue',
  [TranslatableString.OptionPrefix]: 'option',
  [TranslatableString.TitleOptionPrefix]: 'titleOption',
  [TranslatableString.OptionalObjectAdd]: 'addOptional',
  [TranslatableString.OptionalObjectRemove]: 'removeOptional',
};

/** rjsf's `translateString`: our words where we have them (with its `%1` parameters), its English otherwise. */
export function formTranslator(t: TFunction) {
  return (key: TranslatableString, params?: string[]): string => {
    const word = WORDS[key];
    if (!word) return englishStringTranslator(key, params);
    return replaceStringParameters(t(`serverExplorer.form.words.${word}`), params);
  };
}

type ErrorWord =
  | 'required'
  | 'type'
  | 'minimum'
  | 'maximum'
  | 'above'
  | 'below'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'format'
  | 'enum'
  | 'minItems'
  | 'maxItems';

const ERROR_WORDS: Record<string, ErrorWord> = {
  required: 'required',
  type: 'type',
  minimum: 'minimum',
  exclusiveMinimum: 'above',
  maximum: 'maximum',
  exclusiveMaximum: 'below',
  minLength: 'minLength',
  maxLength: 'maxLength',
  pattern: 'pattern',
  format: 'format',
  enum: 'enum',
  minItems: 'minItems',
  maxItems: 'maxItems',
};

/** Ajv's messages for the common keywords, translated; anything rarer keeps Ajv's English. */
export function formErrorTranslator(t: TFunction) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((error) => {
      const word = error.name ? ERROR_WORDS[error.name] : undefined;
      if (!word) return error;
      const params = (error.params ?? {}) as Record<string, unknown>;
      const message = t(`serverExplorer.form.errors.${word}`, {
        type: String(params.type ?? ''),
        limit: String(params.limit ?? ''),
        format: String(params.format ?? ''),
        pattern: String(params.pattern ?? ''),
      });
      return { ...error, message, stack: `${error.property ?? ''} ${message}`.trim() };
    });
}
