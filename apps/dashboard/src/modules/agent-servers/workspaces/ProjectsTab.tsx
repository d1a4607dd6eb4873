// The agent's projects: list, create from a template in a workspace, change status, delete. OPERATOR and up change.
import { PROJECT_STATUSES, type Project } from '@mcp-studio/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAbility } from '../../../auth/ability';
import { ErrorAlert } from '../../../ui/Alert';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { EmptyState, Section } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import { DataTable, td } from '../../../ui/Table';
import type { AgentTabProps } from '../agents/AgentDetailPage';
import { NewProjectForm } from './NewProjectForm';
import { ChoiceCell, DeleteCell, NameCell } from './rowParts';
import { useProjectMutations, useProjects, useWorkspaces } from './workspacesApi';

export function ProjectsTab({ nodeId, agentId }: AgentTabProps) {
  const { t } = useTranslation();
  const canChange = useAbility().can('use', 'AgentServer');
  const projects = useProjects(nodeId, agentId);
  const workspaces = useWorkspaces(nodeId, agentId);
  const { create, update, remove } = useProjectMutations(nodeId, agentId);
  const [deleting, setDeleting] = useState<Project | null>(null);
  const list = projects.data?.projects ?? [];
  const workspaceName = new Map((workspaces.data?.workspaces ?? []).map((w) => [w.id, w.name]));

  return (
    <div className="space-y-6">
      {canChange ? (
        <NewProjectForm
          workspaces={workspaces.data?.workspaces ?? []}
          onCreate={(body) => create.mutateAsync(body)}
          error={create.error}
        />
      ) : null}
      <Section title={t('agentProjects.title')} description={t('agentProjects.description')}>
        <ErrorAlert error={projects.error ?? update.error} />
        {projects.isPending ? (
          <Spinner />
        ) : list.length === 0 ? (
          <EmptyState title={t('agentProjects.empty')} />
        ) : (
          <DataTable
            bodyTestId="projects-list"
            headers={[
              t('common.name'),
              t('agentProjects.workspace'),
              t('agentProjects.type'),
              t('agentProjects.status'),
              t('agentWorkspaces.path'),
              { label: t('common.actions'), srOnly: true },
            ]}
          >
            {list.map((project) => (
              <tr key={project.id} data-testid={`project-row-${project.name}`}>
                <NameCell name={project.name} description={project.description} />
                <td className={td}>{workspaceName.get(project.workspaceId) ?? '—'}</td>
                <td className={td}>{t(`agentProjects.types.${project.type}`)}</td>
                <ChoiceCell
                  editable={canChange}
                  label={t('agentProjects.status')}
                  value={project.status}
                  options={PROJECT_STATUSES}
                  labelOf={(status) => t(`agentProjects.statuses.${status}`)}
                  disabled={update.isPending}
                  onChoose={(status) => update.mutate({ id: project.id, body: { status } })}
                />
                <td className={`${td} font-mono text-xs`}>{project.path}</td>
                <DeleteCell editable={canChange} onDelete={() => setDeleting(project)} />
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={t('agentProjects.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('agentProjects.deleteMessage')}
        confirmLabel={t('common.delete')}
        onConfirm={() => remove.mutateAsync({ id: deleting?.id ?? '', keepFiles: false })}
      />
    </div>
  );
}
