// The Resources tab: resources and templates the server lists; reading one, or a template filled in, shows its contents.
import type { McpServer } from '@mcp-studio/protocol';
import { BookOpen } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAbility } from '../../../../auth/ability';
import { ErrorAlert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { Badge, EmptyState, Section } from '../../../../ui/layoutParts';
import { Spinner } from '../../../../ui/Spinner';
import { useReadResource, useResources } from '../../explorerApi';
import { ResourceContent } from '../ContentPartView';
import { classifyResource } from '../contentParts';
import { JsonBlock } from '../JsonBlock';
import { TemplateReader } from './TemplateReader';

type Listed = Record<string, unknown>;
type Selection = { kind: 'resource'; uri: string } | { kind: 'template'; uriTemplate: string };

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

function ListButton({
  isSelected,
  onClick,
  title,
  subtitle,
  mimeType,
  testValue,
}: {
  isSelected: boolean;
  onClick(): void;
  title: string;
  subtitle: string;
  mimeType: string | null;
  testValue: string;
}) {
  return (
    <button
      type="button"
      data-uri={testValue}
      aria-current={isSelected ? 'true' : undefined}
      onClick={onClick}
      className={`w-full rounded-md px-2 py-2 text-left ${isSelected ? 'bg-indigo-50 ring-1 ring-indigo-200 ring-inset' : 'hover:bg-zinc-50'}`}
    >
      <span className="flex flex-wrap items-center gap-1.5 text-sm text-zinc-900">
        {title}
        {mimeType ? <Badge>{mimeType}</Badge> : null}
      </span>
      <code className="mt-0.5 block font-mono text-xs break-all text-zinc-500">{subtitle}</code>
    </button>
  );
}

export function ResourcesTab({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const ability = useAbility();
  const mayRead = ability.can('use', 'McpServer') && server.enabled;
  const query = useResources(server.id);
  const read = useReadResource(server.id);
  const [params] = useSearchParams();
  const linkedUri = params.get('uri');
  const [selection, setSelection] = useState<Selection | null>(linkedUri ? { kind: 'resource', uri: linkedUri } : null);
  const [readUri, setReadUri] = useState<string | null>(null);

  const readNow = (uri: string) => {
    setReadUri(uri);
    read.mutate(uri);
  };

  // A resource link from a tool result opens here already read.
  const hasReadLink = useRef(false);
  useEffect(() => {
    if (!linkedUri || hasReadLink.current || !mayRead) return;
    hasReadLink.current = true;
    setReadUri(linkedUri);
    read.mutate(linkedUri);
  }, [linkedUri, mayRead, read]);

  if (query.isPending) return <Spinner />;
  const resources = (query.data?.resources ?? []) as Listed[];
  const templates = (query.data?.resourceTemplates ?? []) as Listed[];

  const selectResource = (uri: string) => {
    setSelection({ kind: 'resource', uri });
    if (mayRead) readNow(uri);
    else read.reset();
  };

  const selectTemplate = (uriTemplate: string) => {
    setSelection({ kind: 'template', uriTemplate });
    setReadUri(null);
    read.reset();
  };

  const selectedResource =
    selection?.kind === 'resource' ? (resources.find((r) => r.uri === selection.uri) ?? { uri: selection.uri }) : null;
  const selectedTemplate =
    selection?.kind === 'template' ? templates.find((r) => r.uriTemplate === selection.uriTemplate) : undefined;
  const contents = read.data && readUri ? read.data.contents : null;

  return (
    <div className="space-y-4">
      <ErrorAlert error={query.error} />
      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <div className="space-y-6">
          <Section title={t('serverExplorer.resources.title', { count: resources.length })}>
            {resources.length === 0 ? (
              <p className="text-sm text-zinc-500">{t('serverExplorer.resources.none')}</p>
            ) : (
              <ul className="-mx-2 max-h-96 space-y-0.5 overflow-y-auto" data-testid="resource-list">
                {resources.map((resource) => {
                  const uri = String(resource.uri ?? '');
                  return (
                    <li key={uri}>
                      <ListButton
                        isSelected={selection?.kind === 'resource' && selection.uri === uri}
                        onClick={() => selectResource(uri)}
                        title={text(resource.title) ?? text(resource.name) ?? uri}
                        subtitle={uri}
                        mimeType={text(resource.mimeType)}
                        testValue={uri}
                      />
                    </li>
                  );
                })}
              </ul>
            )}
          </Section>
          <Section title={t('serverExplorer.resources.templates', { count: templates.length })}>
            {templates.length === 0 ? (
              <p className="text-sm text-zinc-500">{t('serverExplorer.resources.noTemplates')}</p>
            ) : (
              <ul className="-mx-2 space-y-0.5" data-testid="template-list">
                {templates.map((template) => {
                  const uriTemplate = String(template.uriTemplate ?? '');
                  return (
                    <li key={uriTemplate}>
                      <ListButton
                        isSelected={selection?.kind === 'template' && selection.uriTemplate === uriTemplate}
                        onClick={() => selectTemplate(uriTemplate)}
                        title={text(template.title) ?? text(template.name) ?? uriTemplate}
                        subtitle={uriTemplate}
                        mimeType={text(template.mimeType)}
                        testValue={uriTemplate}
                      />
                    </li>
                  );
                })}
              </ul>
            )}
          </Section>
        </div>
        <Section>
          {selectedResource ? (
            <div className="space-y-3">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="text-base font-semibold text-zinc-900">
                    {text(selectedResource.title) ?? text(selectedResource.name) ?? String(selectedResource.uri)}
                  </h2>
                  <code className="font-mono text-xs break-all text-zinc-600">{String(selectedResource.uri)}</code>
                  {text(selectedResource.description) ? (
                    <p className="mt-1 text-sm text-zinc-600">{text(selectedResource.description)}</p>
                  ) : null}
                </div>
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={!mayRead || read.isPending}
                  onClick={() => readNow(String(selectedResource.uri))}
                >
                  <BookOpen aria-hidden className="size-3.5" />
                  {t('serverExplorer.resources.read')}
                </Button>
              </div>
            </div>
          ) : selectedTemplate ? (
            <TemplateReader
              key={String(selectedTemplate.uriTemplate)}
              template={selectedTemplate}
              mayRead={mayRead}
              isReading={read.isPending}
              onRead={readNow}
            />
          ) : (
            <EmptyState title={t('serverExplorer.resources.choose')} />
          )}
          {mayRead ? null : (
            <p className="mt-3 text-xs text-zinc-500">
              {server.enabled ? t('serverExplorer.resources.noUse') : t('serverExplorer.serverDisabled')}
            </p>
          )}
          {selection ? (
            <div className="mt-4 space-y-4 border-t border-zinc-200 pt-4" data-testid="resource-contents">
              {read.isPending ? <Spinner /> : null}
              <ErrorAlert error={read.error} />
              {contents?.length === 0 ? (
                <p className="text-sm text-zinc-500">{t('serverExplorer.resources.empty')}</p>
              ) : null}
              {contents?.map((entry, i) => {
                const view = classifyResource(entry);
                // biome-ignore lint/suspicious/noArrayIndexKey: contents are positional and may repeat
                return view ? <ResourceContent key={i} view={view} /> : <JsonBlock key={i} value={entry} />;
              })}
            </div>
          ) : null}
        </Section>
      </div>
    </div>
  );
}
