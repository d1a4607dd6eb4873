// The agent's workspaces: list, create, change kind, delete (with everything in it when asked). OPERATOR and up change.
import { WORKSPACE_KINDS, type Workspace, type WorkspaceKind } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAbility } from '../../../auth/ability';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { TextField } from '../../../ui/fields';
import { EmptyState, Section } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import { DataTable, td } from '../../../ui/Table';
import type { AgentTabProps } from '../agents/AgentDetailPage';
import { ChoiceCell, ChoiceField, DeleteCell, NameCell } from './rowParts';
import { useWorkspaceMutations, useWorkspaces } from './workspacesApi';

export function WorkspacesTab({ nodeId, agentId }: AgentTabProps) {
  const { t } = useTranslation();
  const canChange = useAbility().can('use', 'AgentServer');
  const workspaces = useWorkspaces(nodeId, agentId);
  const { create, update, remove } = useWorkspaceMutations(nodeId, agentId);
  const [deleting, setDeleting] = useState<Workspace | null>(null);
  const list = workspaces.data?.workspaces ?? [];

  return (
    <div className="space-y-6">
      {canChange ? <NewWorkspaceForm onCreate={(body) => create.mutateAsync(body)} error={create.error} /> : null}
      <Section title={t('agentWorkspaces.title')} description={t('agentWorkspaces.description')}>
        <ErrorAlert error={workspaces.error ?? update.error} />
        {workspaces.isPending ? (
          <Spinner />
        ) : list.length === 0 ? (
          <EmptyState title={t('agentWorkspaces.empty')} />
        ) : (
          <DataTable
            bodyTestId="workspaces-list"
            headers={[
              t('common.name'),
              t('agentWorkspaces.kind'),
              t('agentWorkspaces.path'),
              t('agentWorkspaces.projects'),
              { label: t('common.actions'), srOnly: true },
            ]}
          >
            {list.map((workspace) => (
              <tr key={workspace.id} data-testid={`workspace-row-${workspace.name}`}>
                <NameCell name={workspace.name} description={workspace.description} />
                <ChoiceCell
                  editable={canChange}
                  label={t('agentWorkspaces.kind')}
                  value={workspace.kind}
                  options={WORKSPACE_KINDS}
                  labelOf={(kind) => t(`agentWorkspaces.kinds.${kind}`)}
                  disabled={update.isPending}
                  onChoose={(kind) => update.mutate({ id: workspace.id, body: { kind } })}
                />
                <td className={`${td} font-mono text-xs`}>{workspace.path}</td>
                <td className={`${td} tabular-nums`}>{workspace.projectCount}</td>
                <DeleteCell editable={canChange} onDelete={() => setDeleting(workspace)} />
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={t('agentWorkspaces.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('agentWorkspaces.deleteMessage')}
        confirmLabel={t('agentWorkspaces.deleteAll')}
        onConfirm={() => remove.mutateAsync({ id: deleting?.id ?? '', recursive: true })}
      />
    </div>
  );
}

function NewWorkspaceForm({
  onCreate,
  error,
}: {
  onCreate(body: { name: string; kind: WorkspaceKind; description?: string }): Promise<unknown>;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<WorkspaceKind>('personal');
  const [description, setDescription] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await onCreate({ name: name.trim(), kind, ...(description.trim() ? { description: description.trim() } : {}) });
      setName('');
      setDescription('');
    } catch {
      // Shown from the mutation's error.
    }
  };
  return (
    <Section title={t('agentWorkspaces.new')}>
      <form onSubmit={(event) => void submit(event)} className="grid items-end gap-3 sm:grid-cols-[1fr_10rem_1fr_auto]">
        <TextField label={t('common.name')} value={name} onChange={(e) => setName(e.target.value)} required />
        <ChoiceField<WorkspaceKind>
          label={t('agentWorkspaces.kind')}
          value={kind}
          options={WORKSPACE_KINDS}
          labelOf={(option) => t(`agentWorkspaces.kinds.${option}`)}
          onChoose={setKind}
        />
        <TextField
          label={t('common.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <Button type="submit" disabled={name.trim() === ''}>
          {t('agentWorkspaces.create')}
        </Button>
      </form>
      <div className="mt-3">
        <ErrorAlert error={error} />
      </div>
    </Section>
  );
}
