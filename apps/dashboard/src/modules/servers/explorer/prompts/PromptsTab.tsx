// The Prompts tab: the server's prompts; one chosen, its arguments filled in, Get shows the messages by role.
import type { McpServer } from '@mcp-studio/protocol';
import { MessageSquareText } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAbility } from '../../../../auth/ability';
import { ErrorAlert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { TextField } from '../../../../ui/fields';
import { EmptyState, Section } from '../../../../ui/layoutParts';
import { Spinner } from '../../../../ui/Spinner';
import { useGetPrompt, usePrompts } from '../../explorerApi';
import { ContentPart } from '../ContentPartView';
import { classifyContentPart } from '../contentParts';

type Listed = Record<string, unknown> & { name: string };
interface PromptArgument {
  name: string;
  description: string | null;
  isRequired: boolean;
}

function argumentsOf(prompt: Listed): PromptArgument[] {
  const list = Array.isArray(prompt.arguments) ? (prompt.arguments as unknown[]) : [];
  return list.flatMap((a) => {
    if (typeof a !== 'object' || a === null || typeof (a as { name?: unknown }).name !== 'string') return [];
    const { name, description, required } = a as { name: string; description?: unknown; required?: unknown };
    return [{ name, description: typeof description === 'string' ? description : null, isRequired: required === true }];
  });
}

function PromptMessages({ messages }: { messages: Record<string, unknown>[] }) {
  const { t } = useTranslation();
  return (
    <ol className="space-y-3" data-testid="prompt-messages">
      {messages.map((message, i) => {
        const role = typeof message.role === 'string' ? message.role : '?';
        const parts = (Array.isArray(message.content) ? message.content : [message.content]).map(classifyContentPart);
        const isAssistant = role === 'assistant';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages are positional
          <li key={i} data-role={role} className={`rounded-lg p-3 ${isAssistant ? 'bg-indigo-50' : 'bg-zinc-50'}`}>
            <p className="mb-2 text-xs font-semibold tracking-wide text-zinc-600 uppercase">
              {role === 'user' || role === 'assistant' ? t(`serverExplorer.prompts.roles.${role}`) : role}
            </p>
            <div className="space-y-2">
              {parts.map((part, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                <ContentPart key={j} part={part} />
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function PromptRunner({ server, prompt, mayGet }: { server: McpServer; prompt: Listed; mayGet: boolean }) {
  const { t } = useTranslation();
  const get = useGetPrompt(server.id);
  const args = argumentsOf(prompt);
  const [values, setValues] = useState<Record<string, string>>({});
  const description = typeof prompt.description === 'string' ? prompt.description : null;
  const title = typeof prompt.title === 'string' ? prompt.title : null;
  const isMissing = args.some((a) => a.isRequired && !values[a.name]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Optional arguments left empty are not sent, so the server applies its own default.
    const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
    get.mutate({ name: prompt.name, args: given });
  };

  return (
    <div className="space-y-4" data-testid="prompt-detail">
      <div>
        <h2 className="font-mono text-base font-semibold text-zinc-900">{prompt.name}</h2>
        {title ? <p className="text-sm font-medium text-zinc-700">{title}</p> : null}
        {description ? <p className="mt-1 text-sm text-zinc-600">{description}</p> : null}
      </div>
      <form className="space-y-3" onSubmit={submit}>
        {args.length === 0 ? <p className="text-sm text-zinc-500">{t('serverExplorer.prompts.noArguments')}</p> : null}
        {args.map((arg) => (
          <TextField
            key={arg.name}
            label={
              <span className="font-mono">
                {arg.name}
                {arg.isRequired ? <span className="ml-0.5 text-red-600">*</span> : null}
              </span>
            }
            hint={arg.description ?? undefined}
            value={values[arg.name] ?? ''}
            required={arg.isRequired}
            disabled={!mayGet}
            onChange={(event) => setValues((current) => ({ ...current, [arg.name]: event.target.value }))}
          />
        ))}
        <Button type="submit" disabled={!mayGet || isMissing || get.isPending}>
          <MessageSquareText aria-hidden className="size-4" />
          {t('serverExplorer.prompts.get')}
        </Button>
      </form>
      <ErrorAlert error={get.error} />
      {get.data ? (
        <section className="space-y-3 border-t border-zinc-200 pt-4" aria-label={t('serverExplorer.prompts.messages')}>
          <h3 className="text-sm font-semibold text-zinc-900">{t('serverExplorer.prompts.messages')}</h3>
          {get.data.description ? <p className="text-sm text-zinc-600">{get.data.description}</p> : null}
          <PromptMessages messages={get.data.messages} />
        </section>
      ) : null}
    </div>
  );
}

export function PromptsTab({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const ability = useAbility();
  const mayGet = ability.can('use', 'McpServer') && server.enabled;
  const query = usePrompts(server.id);
  const [params, setParams] = useSearchParams();
  if (query.isPending) return <Spinner />;
  const prompts = (query.data?.prompts ?? []) as Listed[];
  const selected = prompts.find((p) => p.name === params.get('prompt')) ?? null;
  const select = (name: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('prompt', name);
      return next;
    });

  return (
    <div className="space-y-4">
      <ErrorAlert error={query.error} />
      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <Section title={t('serverExplorer.prompts.title', { count: prompts.length })}>
          {prompts.length === 0 ? (
            <p className="text-sm text-zinc-500">{t('serverExplorer.prompts.none')}</p>
          ) : (
            <ul className="-mx-2 space-y-0.5" data-testid="prompt-list">
              {prompts.map((prompt) => (
                <li key={prompt.name}>
                  <button
                    type="button"
                    data-prompt={prompt.name}
                    aria-current={selected?.name === prompt.name ? 'true' : undefined}
                    onClick={() => select(prompt.name)}
                    className={`w-full rounded-md px-2 py-2 text-left ${selected?.name === prompt.name ? 'bg-indigo-50 ring-1 ring-indigo-200 ring-inset' : 'hover:bg-zinc-50'}`}
                  >
                    <span className="block font-mono text-sm text-zinc-900">{prompt.name}</span>
                    {typeof prompt.description === 'string' ? (
                      <span className="mt-0.5 line-clamp-2 text-xs text-zinc-500">{prompt.description}</span>
                    ) : null}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section>
          {selected ? (
            <PromptRunner key={selected.name} server={server} prompt={selected} mayGet={mayGet} />
          ) : (
            <EmptyState title={t('serverExplorer.prompts.choose')} />
          )}
          {mayGet ? null : (
            <p className="mt-3 text-xs text-zinc-500">
              {server.enabled ? t('serverExplorer.prompts.noUse') : t('serverExplorer.serverDisabled')}
            </p>
          )}
        </Section>
      </div>
    </div>
  );
}
