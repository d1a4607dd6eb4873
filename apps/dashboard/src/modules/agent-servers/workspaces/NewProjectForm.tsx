// Create a project in one of the agent's workspaces, with a type and a starting template.
import {
  type CreateProjectBody,
  PROJECT_TEMPLATES,
  PROJECT_TYPES,
  type ProjectTemplate,
  type ProjectType,
  type Workspace,
} from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { SelectField, TextField } from '../../../ui/fields';
import { Section } from '../../../ui/layoutParts';
import { ChoiceField } from './rowParts';

interface NewProjectFormProps {
  workspaces: Workspace[];
  onCreate(body: CreateProjectBody): Promise<unknown>;
  error: unknown;
}

export function NewProjectForm({ workspaces, onCreate, error }: NewProjectFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [workspaceId, setWorkspaceId] = useState('');
  const [type, setType] = useState<ProjectType>('generic');
  const [template, setTemplate] = useState<ProjectTemplate | ''>('');
  const chosenWorkspace = workspaceId || workspaces[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await onCreate({
        name: name.trim(),
        workspaceId: chosenWorkspace,
        type,
        status: 'active',
        ...(template ? { template } : {}),
      });
      setName('');
    } catch {
      // Shown from the mutation's error.
    }
  };

  if (workspaces.length === 0) {
    return (
      <Section title={t('agentProjects.new')}>
        <p className="text-sm text-zinc-600">{t('agentProjects.needWorkspace')}</p>
      </Section>
    );
  }
  return (
    <Section title={t('agentProjects.new')}>
      <form
        onSubmit={(event) => void submit(event)}
        className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto]"
      >
        <TextField label={t('common.name')} value={name} onChange={(e) => setName(e.target.value)} required />
        <SelectField
          label={t('agentProjects.workspace')}
          value={chosenWorkspace}
          onChange={(e) => setWorkspaceId(e.target.value)}
        >
          {workspaces.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspace.name}
            </option>
          ))}
        </SelectField>
        <ChoiceField<ProjectType>
          label={t('agentProjects.type')}
          value={type}
          options={PROJECT_TYPES}
          labelOf={(option) => t(`agentProjects.types.${option}`)}
          onChoose={setType}
        />
        <ChoiceField<ProjectTemplate | ''>
          label={t('agentProjects.template')}
          value={template}
          options={PROJECT_TEMPLATES}
          labelOf={(option) => (option ? t(`agentProjects.templates.${option}`) : '')}
          onChoose={setTemplate}
          empty={t('agentProjects.templateDefault')}
        />
        <Button type="submit" disabled={name.trim() === ''}>
          {t('agentProjects.create')}
        </Button>
      </form>
      <div className="mt-3">
        <ErrorAlert error={error} />
      </div>
    </Section>
  );
}
