// An agent's projects: typed directories inside one of its workspaces, started from a template.
import { randomUUID } from 'node:crypto';
import type { CreateProjectBody, ListProjectsQuery, Project, UpdateProjectBody } from '@mcp-studio/protocol';
import { conflict, notFound } from '../../platform/http/errors.js';
import type { ProjectRecord } from '../../platform/state/records.js';
import type { StateStore } from '../../platform/state/stateStore.js';
import type { AgentService } from '../agents/service.js';
import { ensureDirectory, removeDirectory, renameDirectory, writeNewFile } from './homeDirs.js';
import { presentProject } from './present.js';
import { defaultTemplate, templateFiles } from './templates.js';
import type { ChangeOptions, WorkspaceService } from './workspaces.js';

export interface ProjectServiceDeps {
  state: StateStore;
  agents: AgentService;
  workspaces: WorkspaceService;
  now: () => Date;
}

export class ProjectService {
  constructor(private readonly deps: ProjectServiceDeps) {}

  list(agentId: string, query: ListProjectsQuery): Project[] {
    this.deps.agents.place(agentId);
    return this.deps.state.current.projects
      .filter(
        (row) =>
          row.agentId === agentId &&
          (query.workspaceId === undefined || row.workspaceId === query.workspaceId) &&
          (query.status === undefined || row.status === query.status),
      )
      .sort((a, b) => a.path.localeCompare(b.path))
      .map(presentProject);
  }

  get(agentId: string, id: string): Project {
    return presentProject(this.record(agentId, id));
  }

  /**
   * Creates the project's directory in its workspace and writes its template. An existing directory of that name
   * is adopted, and template files never overwrite what is already there.
   */
  async create(agentId: string, body: CreateProjectBody, options: ChangeOptions): Promise<Project> {
    const place = this.deps.agents.place(agentId, options.mustBeActive);
    const workspace = this.deps.workspaces.record(agentId, body.workspaceId);
    this.assertNameFree(body.workspaceId, body.name);
    const at = this.deps.now().toISOString();
    const row: ProjectRecord = {
      id: randomUUID(),
      agentId,
      workspaceId: workspace.id,
      name: body.name,
      type: body.type,
      status: body.status,
      description: body.description || null,
      path: `${workspace.path}/${body.name}`,
      createdAt: at,
      updatedAt: at,
    };
    const created = await ensureDirectory(place, row.path);
    try {
      const template = body.template ?? defaultTemplate(body.type);
      for (const file of templateFiles(template, { name: row.name, type: body.type, description: row.description })) {
        await writeNewFile(place, `${row.path}/${file.path}`, file.content);
      }
      await this.deps.state.update((draft) => {
        if (!draft.workspaces.some((w) => w.id === workspace.id)) throw notFound('Workspace');
        this.assertNameFree(body.workspaceId, body.name, draft.projects);
        draft.projects.push(row);
      });
    } catch (err) {
      if (created) await removeDirectory(place, row.path).catch(() => {});
      throw err;
    }
    return presentProject(row);
  }

  async update(agentId: string, id: string, body: UpdateProjectBody, options: ChangeOptions): Promise<Project> {
    const place = this.deps.agents.place(agentId, options.mustBeActive);
    const row = this.record(agentId, id);
    const newName = body.name !== undefined && body.name !== row.name ? body.name : undefined;
    const newPath = newName ? `${row.path.slice(0, row.path.lastIndexOf('/'))}/${newName}` : row.path;
    if (newName) {
      this.assertNameFree(row.workspaceId, newName);
      await renameDirectory(place, row.path, newPath);
    }
    const change = this.deps.state.update((draft) => {
      const target = draft.projects.find((p) => p.id === id && p.agentId === agentId);
      if (!target) throw notFound('Project');
      if (newName) {
        this.assertNameFree(row.workspaceId, newName, draft.projects);
        target.name = newName;
        target.path = newPath;
      }
      if (body.status !== undefined) target.status = body.status;
      if (body.description !== undefined) target.description = body.description || null;
      target.updatedAt = this.deps.now().toISOString();
      return target;
    });
    const updated = await change.catch(async (err: unknown) => {
      if (newName) await renameDirectory(place, newPath, row.path).catch(() => {});
      throw err;
    });
    return presentProject(updated);
  }

  /** Forgets the project and removes its directory, unless `keepFiles`. */
  async delete(agentId: string, id: string, keepFiles: boolean, options: ChangeOptions): Promise<void> {
    const place = this.deps.agents.place(agentId, options.mustBeActive);
    const row = this.record(agentId, id);
    if (!keepFiles) await removeDirectory(place, row.path);
    await this.deps.state.update((draft) => {
      draft.projects = draft.projects.filter((p) => p.id !== id);
    });
  }

  private record(agentId: string, id: string): ProjectRecord {
    this.deps.agents.place(agentId);
    const row = this.deps.state.current.projects.find((p) => p.id === id && p.agentId === agentId);
    if (!row) throw notFound('Project');
    return row;
  }

  private assertNameFree(workspaceId: string, name: string, rows = this.deps.state.current.projects): void {
    if (rows.some((p) => p.workspaceId === workspaceId && p.name === name)) {
      throw conflict('project_name_taken', `The workspace already has a project named ${name}`);
    }
  }
}
