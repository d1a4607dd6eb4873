// Inputs of generated argument forms (text, numbers, enums, booleans, long text) styled like the app's own fields.
import {
  ariaDescribedByIds,
  type BaseInputTemplateProps,
  enumOptionSelectedValue,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  examplesId,
  getInputProps,
  getOptionValueFormat,
  labelValue,
  type RegistryWidgetsType,
  schemaRequiresTrueValue,
  type WidgetProps,
} from '@rjsf/utils';
import type { ChangeEvent, FocusEvent } from 'react';

export const CONTROL =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ' +
  'ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 ' +
  'disabled:bg-zinc-50 disabled:text-zinc-500 aria-[invalid=true]:ring-red-400';

/** Every `<input>` widget (text, number, integer, email, url, date, password…) goes through this one. */
function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, onChangeOverride } = props;
  const { options, schema, type, rawErrors, placeholder, required } = props;
  const inputProps = getInputProps(schema, type, options);
  const isNumber = inputProps.type === 'number' || inputProps.type === 'integer';
  const inputValue = isNumber ? (value || value === 0 ? value : '') : (value ?? '');
  const examples = Array.isArray(schema.examples) ? (schema.examples as unknown[]) : [];
  return (
    <>
      <input
        id={id}
        name={htmlName || id}
        className={CONTROL}
        readOnly={readonly}
        disabled={disabled}
        required={required}
        placeholder={placeholder}
        value={inputValue}
        {...inputProps}
        list={examples.length > 0 ? examplesId(id) : undefined}
        aria-invalid={rawErrors && rawErrors.length > 0 ? true : undefined}
        aria-describedby={ariaDescribedByIds(id, examples.length > 0)}
        onChange={
          onChangeOverride ??
          ((event: ChangeEvent<HTMLInputElement>) =>
            onChange(event.target.value === '' ? options.emptyValue : event.target.value))
        }
        onBlur={(event: FocusEvent<HTMLInputElement>) => onBlur(id, event.target.value)}
        onFocus={(event: FocusEvent<HTMLInputElement>) => onFocus(id, event.target.value)}
      />
      {examples.length > 0 ? (
        <datalist id={examplesId(id)}>
          {examples.map((example) => (
            <option key={String(example)} value={String(example)} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, options, placeholder, value, required, disabled, readonly, rawErrors } = props;
  const { onChange, onBlur, onFocus } = props;
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className={`${CONTROL} font-mono`}
      value={typeof value === 'string' ? value : ''}
      placeholder={placeholder}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      rows={typeof options.rows === 'number' ? options.rows : 5}
      aria-invalid={rawErrors && rawErrors.length > 0 ? true : undefined}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(event) => onChange(event.target.value === '' ? options.emptyValue : event.target.value)}
      onBlur={(event) => onBlur(id, event.target.value)}
      onFocus={(event) => onFocus(id, event.target.value)}
    />
  );
}

function SelectWidget(props: WidgetProps) {
  const { schema, id, htmlName, options, value, required, disabled, readonly, placeholder } = props;
  const { onChange, onBlur, onFocus, multiple = false } = props;
  const { enumOptions, enumDisabled, emptyValue } = options;
  const format = getOptionValueFormat(options);
  const read = (event: ChangeEvent<HTMLSelectElement> | FocusEvent<HTMLSelectElement>) => {
    const raw = multiple ? Array.from(event.target.selectedOptions, (o) => o.value) : event.target.value;
    return enumOptionValueDecoder(raw, enumOptions, format, emptyValue);
  };
  const selected = enumOptionSelectedValue(value, enumOptions, multiple, format, multiple ? [] : '');
  return (
    <select
      id={id}
      name={htmlName || id}
      multiple={multiple}
      className={`${CONTROL} pr-8`}
      value={selected}
      required={required}
      disabled={disabled || readonly}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(event) => onChange(read(event))}
      onBlur={(event) => onBlur(id, read(event))}
      onFocus={(event) => onFocus(id, read(event))}
    >
      {!multiple && schema.default === undefined ? <option value="">{placeholder ?? ''}</option> : null}
      {(enumOptions ?? []).map(({ value: optionValue, label }, i) => (
        <option
          key={String(optionValue)}
          value={enumOptionValueEncoder(optionValue, i, format)}
          disabled={Array.isArray(enumDisabled) && enumDisabled.includes(optionValue)}
        >
          {label}
        </option>
      ))}
    </select>
  );
}

function CheckboxWidget(props: WidgetProps) {
  const { schema, id, htmlName, value, disabled, readonly, label, hideLabel, required, options } = props;
  const { onChange, onBlur, onFocus, registry, uiSchema } = props;
  const description = options.description ?? schema.description;
  const DescriptionField = registry.templates.DescriptionFieldTemplate;
  return (
    <div className="space-y-1">
      <label className="inline-flex items-center gap-2 text-sm text-zinc-800">
        <input
          type="checkbox"
          id={id}
          name={htmlName || id}
          className="size-4 rounded border-zinc-300 text-indigo-600 focus:ring-indigo-600"
          checked={value === true}
          required={schemaRequiresTrueValue(schema) && required}
          disabled={disabled || readonly}
          aria-describedby={ariaDescribedByIds(id)}
          onChange={(event) => onChange(event.target.checked)}
          onBlur={(event) => onBlur(id, event.target.checked)}
          onFocus={(event) => onFocus(id, event.target.checked)}
        />
        {labelValue(<span className="font-mono font-medium">{label}</span>, hideLabel)}
      </label>
      {!hideLabel && description ? (
        <DescriptionField
          id={`${id}__description`}
          description={description}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
    </div>
  );
}

export const formWidgets: RegistryWidgetsType = { TextareaWidget, SelectWidget, CheckboxWidget };
export const formBaseInput = BaseInputTemplate;
