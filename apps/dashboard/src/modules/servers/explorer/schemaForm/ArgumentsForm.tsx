// A tool's arguments: a form generated from its input schema, or raw JSON for what a form cannot express.
import Form from '@rjsf/core';
import { Braces, ListChecks } from 'lucide-react';
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { TextAreaField } from '../../../../ui/fields';
import { planForm, pruneArguments } from './formPlan';
import { formErrorTranslator, formTranslator } from './formText';
import { errorSchemaOfDetails, schemaValidator } from './schemaValidator';
import { formTemplates } from './templates';
import { formBaseInput, formWidgets } from './widgets';

type Args = Record<string, unknown>;

interface ArgumentsFormProps {
  inputSchema: Record<string, unknown>;
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  disabled: boolean;
  onSubmit(args: Args): void;
  /** Argument errors the studio found (`invalid_arguments` details), shown on their fields. */
  fieldErrors?: { path: string; message: string }[];
  /** The buttons under the form; the one of type "submit" sends it. */
  children: ReactNode;
}

const isArgs = (value: unknown): value is Args => typeof value === 'object' && value !== null && !Array.isArray(value);

export function ArgumentsForm({
  inputSchema,
  idPrefix,
  disabled,
  onSubmit,
  fieldErrors,
  children,
}: ArgumentsFormProps) {
  const { t } = useTranslation();
  const plan = useMemo(() => planForm(inputSchema), [inputSchema]);
  const templates = useMemo(() => ({ ...formTemplates, BaseInputTemplate: formBaseInput }), []);
  const translateString = useMemo(() => formTranslator(t), [t]);
  const transformErrors = useMemo(() => formErrorTranslator(t), [t]);
  const extraErrors = useMemo(() => (fieldErrors ? errorSchemaOfDetails(fieldErrors) : undefined), [fieldErrors]);
  const formRef = useRef<Form<Args>>(null);
  const [isJson, setIsJson] = useState(plan.unsupported.length > 0);
  const [formData, setFormData] = useState<Args | undefined>(undefined);
  const [jsonText, setJsonText] = useState('{}');
  const [jsonError, setJsonError] = useState<string | null>(null);

  const parseJson = (): Args | null => {
    try {
      const value: unknown = JSON.parse(jsonText || '{}');
      if (isArgs(value)) return value;
      setJsonError(t('serverExplorer.form.jsonNotObject'));
    } catch (error) {
      setJsonError(t('serverExplorer.form.jsonInvalid', { message: (error as Error).message }));
    }
    return null;
  };

  const toggle = () => {
    if (isJson) {
      const value = parseJson();
      if (!value) return;
      setFormData(value);
      setIsJson(false);
    } else {
      // The form's state holds the schema defaults it filled in, which the parent never saw.
      const current = formRef.current?.state.formData ?? formData ?? {};
      setJsonText(JSON.stringify(pruneArguments(current, plan.schema), null, 2));
      setJsonError(null);
      setIsJson(true);
    }
  };

  const submitJson = (event: FormEvent) => {
    event.preventDefault();
    const value = parseJson();
    if (value) onSubmit(value);
  };

  const modeButton = (
    <Button variant="ghost" size="sm" onClick={toggle} disabled={disabled} data-testid="toggle-json">
      {isJson ? <ListChecks aria-hidden className="size-3.5" /> : <Braces aria-hidden className="size-3.5" />}
      {isJson ? t('serverExplorer.form.useForm') : t('serverExplorer.form.useJson')}
    </Button>
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-zinc-900">{t('serverExplorer.form.arguments')}</h3>
        {plan.hasFields || isJson ? modeButton : null}
      </div>
      {plan.unsupported.length > 0 && isJson ? (
        <Alert tone="warning">{t('serverExplorer.form.unsupported', { what: plan.unsupported.join(', ') })}</Alert>
      ) : null}
      {isJson ? (
        <form onSubmit={submitJson} className="space-y-3" noValidate>
          <TextAreaField
            label={t('serverExplorer.form.jsonLabel')}
            value={jsonText}
            onChange={(event) => {
              setJsonText(event.target.value);
              setJsonError(null);
            }}
            rows={Math.min(20, Math.max(6, jsonText.split('\n').length + 1))}
            className="font-mono text-xs"
            spellCheck={false}
            disabled={disabled}
          />
          {jsonError ? <Alert tone="error">{jsonError}</Alert> : null}
          {children}
        </form>
      ) : (
        <Form<Args>
          ref={formRef}
          schema={plan.schema}
          uiSchema={plan.uiSchema}
          formData={formData}
          validator={schemaValidator}
          extraErrors={extraErrors}
          templates={templates}
          widgets={formWidgets}
          idPrefix={idPrefix}
          disabled={disabled}
          showErrorList={false}
          noHtml5Validate
          translateString={translateString}
          transformErrors={transformErrors}
          onChange={(event) => setFormData(event.formData)}
          // The errors are shown on their fields; rjsf would also log them to the console.
          onError={() => undefined}
          onSubmit={(event) => onSubmit((pruneArguments(event.formData ?? {}, plan.schema) as Args) ?? {})}
          className="space-y-4"
        >
          {plan.hasFields ? null : <p className="text-sm text-zinc-500">{t('serverExplorer.form.noArguments')}</p>}
          {children}
        </Form>
      )}
    </div>
  );
}
