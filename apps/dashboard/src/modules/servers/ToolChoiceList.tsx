// Which of a server's tools to offer: one checkbox per tool (name, title, description), all or none at once.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { CHECKBOX } from './formBinding';

export interface ToolChoice {
  name: string;
  title?: string;
  description?: string;
  /** Its description or schema changed since the studio first saw it. */
  isChanged?: boolean;
}

interface ToolChoiceListProps {
  tools: ToolChoice[];
  disabled: string[];
  onChange(disabled: string[]): void;
}

export function ToolChoiceList({ tools, disabled, onChange }: ToolChoiceListProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const enabledCount = tools.filter((tool) => !disabled.includes(tool.name)).length;
  const toggle = (name: string, isOn: boolean) =>
    onChange(isOn ? disabled.filter((n) => n !== name) : [...disabled.filter((n) => n !== name), name]);
  const listed = new Set(tools.map((tool) => tool.name));
  // Names disabled earlier that the server no longer lists stay disabled, should the tool come back.
  const unlisted = disabled.filter((name) => !listed.has(name));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-700" data-testid="tools-enabled-count">
          {t('serverWizard.tools.enabledCount', { count: enabledCount, total: tools.length })}
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={() => onChange(unlisted)}>
            {t('serverWizard.tools.enableAll')}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => onChange([...unlisted, ...listed])}>
            {t('serverWizard.tools.disableAll')}
          </Button>
        </div>
      </div>
      <ul data-testid="tool-choices" className="divide-y divide-zinc-100 rounded-md ring-1 ring-zinc-200 ring-inset">
        {tools.map((tool, index) => {
          const id = `${baseId}-${index}`;
          return (
            <li key={tool.name} className="flex items-start gap-3 px-3 py-2.5">
              <input
                id={id}
                type="checkbox"
                className={`mt-0.5 ${CHECKBOX}`}
                checked={!disabled.includes(tool.name)}
                onChange={(e) => toggle(tool.name, e.target.checked)}
                aria-describedby={tool.description || tool.title ? `${id}-about` : undefined}
              />
              <div className="min-w-0 flex-1">
                <label htmlFor={id} className="font-mono text-sm font-medium break-all text-zinc-900">
                  {tool.name}
                </label>
                {tool.isChanged ? (
                  <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">
                    {t('serverWizard.tools.changed')}
                  </span>
                ) : null}
                {tool.title || tool.description ? (
                  <p id={`${id}-about`} className="text-sm text-zinc-600">
                    {tool.title ? <span className="font-medium text-zinc-700">{tool.title}</span> : null}
                    {tool.title && tool.description ? ' — ' : null}
                    {tool.description}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
