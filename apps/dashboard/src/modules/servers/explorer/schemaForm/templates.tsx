// The layout of generated argument forms (fields, objects, arrays, errors, buttons) in the app's Tailwind style.
import {
  ADDITIONAL_PROPERTY_FLAG,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  buttonId,
  canExpand,
  type DescriptionFieldProps,
  descriptionId,
  errorId,
  type FieldErrorProps,
  type FieldTemplateProps,
  getTemplate,
  getUiOptions,
  type MultiSchemaFieldTemplateProps,
  type ObjectFieldTemplateProps,
  type TemplatesType,
  type TitleFieldProps,
  TranslatableString,
  titleId,
  type WrapIfAdditionalTemplateProps,
} from '@rjsf/utils';
import { formButtons } from './buttons';
import { CONTROL } from './widgets';

function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, help, description, hidden, required, displayLabel, registry, uiSchema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate('WrapIfAdditionalTemplate', registry, uiOptions);
  if (hidden) return <div className="hidden">{children}</div>;
  const isCheckbox = uiOptions.widget === 'checkbox';
  // An array item's label only says "tags-1", which its place in the list shows: kept for screen readers alone.
  const isArrayItem = typeof props.fieldPathId.path.at(-1) === 'number';
  return (
    <WrapIfAdditionalTemplate {...props}>
      <div className="space-y-1.5">
        {displayLabel && !isCheckbox && label ? (
          <label htmlFor={id} className={isArrayItem ? 'sr-only' : 'block font-mono text-sm font-medium text-zinc-800'}>
            {label}
            {required && !isArrayItem ? <span className="ml-0.5 text-red-600">*</span> : null}
          </label>
        ) : null}
        {displayLabel && description ? description : null}
        {children}
        {errors}
        {help}
      </div>
    </WrapIfAdditionalTemplate>
  );
}

function TitleFieldTemplate({ id, title, required, optionalDataControl }: TitleFieldProps) {
  return (
    <legend
      id={id}
      className="mb-1 flex w-full items-center justify-between font-mono text-sm font-semibold text-zinc-900"
    >
      <span>
        {title}
        {required ? <span className="ml-0.5 text-red-600">*</span> : null}
      </span>
      {optionalDataControl}
    </legend>
  );
}

function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return (
    <div id={id} className="text-xs whitespace-pre-line text-zinc-500">
      {description}
    </div>
  );
}

function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const shown = errors.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <ul id={errorId(fieldPathId)} className="space-y-0.5 text-xs text-red-700">
      {shown.map((error, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages are positional and may repeat
        <li key={i}>{error}</li>
      ))}
    </ul>
  );
}

/** The per-field messages already say what is wrong; a second list above the form would only repeat them. */
function ErrorListTemplate() {
  return null;
}

/** The title and description of an object or array group, each shown only when given. */
function GroupHeading(
  props: Pick<
    ObjectFieldTemplateProps,
    'disabled' | 'fieldPathId' | 'optionalDataControl' | 'readonly' | 'registry' | 'required' | 'schema' | 'uiSchema'
  > & { title?: string; description?: ObjectFieldTemplateProps['description'] },
) {
  const { description, disabled, fieldPathId, optionalDataControl, readonly, registry, required, schema, title } =
    props;
  const { uiSchema } = props;
  const options = getUiOptions(uiSchema);
  const TitleField = getTemplate('TitleFieldTemplate', registry, options);
  const DescriptionField = getTemplate('DescriptionFieldTemplate', registry, options);
  return (
    <>
      {title ? (
        <TitleField
          id={titleId(fieldPathId)}
          title={title}
          required={required}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
          optionalDataControl={readonly || disabled ? undefined : optionalDataControl}
        />
      ) : null}
      {description ? (
        <DescriptionField
          id={descriptionId(fieldPathId)}
          description={description}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
    </>
  );
}

function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { description, disabled, formData, fieldPathId, onAddProperty, properties, readonly } = props;
  const { registry, schema, title, uiSchema } = props;
  const { AddButton } = registry.templates.ButtonTemplates;
  if ((schema.oneOf || schema.anyOf) && !schema.properties && properties.length === 0) return null;
  const isRoot = fieldPathId.path.length === 0;
  const isArrayItem = typeof fieldPathId.path.at(-1) === 'number';
  return (
    <fieldset
      id={fieldPathId.$id}
      className={isRoot ? 'min-w-0 space-y-4' : 'min-w-0 space-y-4 rounded-md border border-zinc-200 p-4'}
    >
      <GroupHeading
        {...props}
        title={!isRoot && !isArrayItem ? title : undefined}
        description={!isRoot ? description : undefined}
      />
      {properties.map((property) => property.content)}
      {canExpand(schema, uiSchema, formData) ? (
        <AddButton
          id={buttonId(fieldPathId, 'add')}
          onClick={onAddProperty}
          disabled={disabled || readonly}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
    </fieldset>
  );
}

function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, disabled, fieldPathId, uiSchema, items, onAddClick, readonly } = props;
  const { registry, schema, title } = props;
  const uiOptions = getUiOptions(uiSchema);
  const { AddButton } = registry.templates.ButtonTemplates;
  return (
    <fieldset id={fieldPathId.$id} className="min-w-0 space-y-2 rounded-md border border-zinc-200 p-4">
      <GroupHeading
        {...props}
        title={uiOptions.title || title}
        description={uiOptions.description || schema.description}
      />
      {items.length === 0 ? (
        <p className="text-xs text-zinc-500">{registry.translateString(TranslatableString.EmptyArray)}</p>
      ) : (
        <div className="space-y-2">{items}</div>
      )}
      {canAdd ? (
        <AddButton
          id={buttonId(fieldPathId, 'add')}
          onClick={onAddClick}
          disabled={disabled || readonly}
          uiSchema={uiSchema}
          registry={registry}
        />
      ) : null}
    </fieldset>
  );
}

function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, registry, uiSchema } = props;
  const ItemButtons = getTemplate('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema));
  return (
    <div className="flex items-start gap-2">
      <div className="min-w-0 flex-1">{children}</div>
      {hasToolbar ? (
        <div className="flex shrink-0 gap-1 pt-0.5">
          <ItemButtons {...buttonsProps} />
        </div>
      ) : null}
    </div>
  );
}

function WrapIfAdditionalTemplate(props: WrapIfAdditionalTemplateProps) {
  const { id, children, disabled, label, onKeyRenameBlur, onRemoveProperty, readonly, schema, uiSchema, registry } =
    props;
  if (!(ADDITIONAL_PROPERTY_FLAG in schema)) return <div>{children}</div>;
  const { RemoveButton } = registry.templates.ButtonTemplates;
  const keyLabel = registry.translateString(TranslatableString.KeyLabel, [label]);
  return (
    <div className="flex items-end gap-2">
      <div className="w-1/3 space-y-1.5">
        <label htmlFor={`${id}-key`} className="block text-sm font-medium text-zinc-800">
          {keyLabel}
        </label>
        <input
          key={label}
          id={`${id}-key`}
          type="text"
          className={CONTROL}
          defaultValue={label}
          onBlur={onKeyRenameBlur}
          disabled={disabled || readonly}
        />
      </div>
      <div className="min-w-0 flex-1">{children}</div>
      <RemoveButton
        id={buttonId(id, 'remove')}
        disabled={disabled || readonly}
        onClick={onRemoveProperty}
        uiSchema={uiSchema}
        registry={registry}
      />
    </div>
  );
}

function MultiSchemaFieldTemplate({ selector, optionSchemaField }: MultiSchemaFieldTemplateProps) {
  return (
    <div className="space-y-3 rounded-md border border-dashed border-zinc-300 p-3">
      {selector}
      {optionSchemaField}
    </div>
  );
}

export const formTemplates: Partial<TemplatesType> = {
  FieldTemplate,
  TitleFieldTemplate,
  DescriptionFieldTemplate,
  FieldErrorTemplate,
  ErrorListTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  WrapIfAdditionalTemplate,
  MultiSchemaFieldTemplate,
  ButtonTemplates: formButtons,
};
