// The settings tab's tool choice: the tools the studio last listed, each on or off for this server.
import type { McpServer } from '@mcp-studio/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { useServerTools, useUpdateServer } from './serversApi';
import { ToolChoiceList } from './ToolChoiceList';

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((name) => b.includes(name));

export function ServerToolsSettings({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const tools = useServerTools(server.id);
  const update = useUpdateServer(server.id);
  const [disabled, setDisabled] = useState<string[]>(server.disabledTools);
  const [isSaved, setIsSaved] = useState(false);
  const isDirty = !sameSet(disabled, server.disabledTools);

  // A change saved elsewhere shows here, unless this form holds changes of its own.
  const savedKey = server.disabledTools.join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new saved list resets the choice
  useEffect(() => {
    if (!isDirty) setDisabled(server.disabledTools);
  }, [savedKey]);

  const save = async () => {
    setIsSaved(false);
    await update.mutateAsync({ disabledTools: disabled });
    setIsSaved(true);
  };

  const list = tools.data?.tools ?? [];
  return (
    <Section
      title={t('serverWizard.settings.toolsTitle')}
      description={
        tools.data?.refreshedAt
          ? t('serverWizard.settings.toolsRefreshedAt', { when: dateTime(tools.data.refreshedAt) })
          : t('serverWizard.settings.toolsDescription')
      }
    >
      {tools.isPending ? (
        <Spinner />
      ) : tools.error ? (
        <ErrorAlert error={tools.error} />
      ) : list.length === 0 ? (
        <p className="text-sm text-zinc-600">{t('serverWizard.tools.none')}</p>
      ) : (
        <form
          className="space-y-4"
          data-testid="settings-tools"
          onSubmit={(e) => {
            e.preventDefault();
            void save().catch(() => undefined);
          }}
        >
          <ToolChoiceList
            tools={list.map((tool) => ({ ...tool, isChanged: tool.changed }))}
            disabled={disabled}
            onChange={(next) => {
              setDisabled(next);
              setIsSaved(false);
            }}
          />
          <ErrorAlert error={update.error} />
          {isSaved && !isDirty ? <Alert tone="success">{t('common.saved')}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" disabled={!isDirty} onClick={() => setDisabled(server.disabledTools)}>
              {t('serverWizard.settings.discard')}
            </Button>
            <Button type="submit" disabled={!isDirty || update.isPending}>
              {update.isPending ? t('common.saving') : t('serverWizard.settings.saveTools')}
            </Button>
          </div>
        </form>
      )}
    </Section>
  );
}
