// A resource template: one input per variable, the URI they expand to, and reading it.
import { BookOpen } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../../ui/Button';
import { TextField } from '../../../../ui/fields';
import { expandUriTemplate, templateVariables } from '../uriTemplate';

interface TemplateReaderProps {
  template: Record<string, unknown>;
  mayRead: boolean;
  isReading: boolean;
  onRead(uri: string): void;
}

export function TemplateReader({ template, mayRead, isReading, onRead }: TemplateReaderProps) {
  const { t } = useTranslation();
  const uriTemplate = String(template.uriTemplate ?? '');
  const variables = templateVariables(uriTemplate);
  const [values, setValues] = useState<Record<string, string>>({});
  // An empty input is a variable without a value: the RFC leaves it out of the URI.
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
  const uri = expandUriTemplate(uriTemplate, given);
  const isComplete = variables.every((name) => given[name] !== undefined);
  const name = typeof template.name === 'string' ? template.name : uriTemplate;
  const description = typeof template.description === 'string' ? template.description : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mayRead && isComplete) onRead(uri);
  };

  return (
    <form className="space-y-4" onSubmit={submit} data-testid="template-reader">
      <div>
        <h2 className="text-base font-semibold text-zinc-900">{name}</h2>
        <code className="font-mono text-xs break-all text-zinc-600">{uriTemplate}</code>
        {description ? <p className="mt-1 text-sm text-zinc-600">{description}</p> : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {variables.map((variable) => (
          <TextField
            key={variable}
            label={variable}
            value={values[variable] ?? ''}
            onChange={(event) => setValues((current) => ({ ...current, [variable]: event.target.value }))}
            className="font-mono"
          />
        ))}
      </div>
      <div className="space-y-1">
        <p className="text-xs font-medium text-zinc-600">{t('serverExplorer.resources.expandedUri')}</p>
        <code
          className="block rounded-md bg-zinc-50 px-3 py-2 font-mono text-xs break-all text-zinc-800 ring-1 ring-zinc-200 ring-inset"
          data-testid="expanded-uri"
        >
          {uri}
        </code>
      </div>
      <Button type="submit" variant="secondary" size="sm" disabled={!mayRead || !isComplete || isReading}>
        <BookOpen aria-hidden className="size-3.5" />
        {t('serverExplorer.resources.read')}
      </Button>
    </form>
  );
}
