// An agent's workspaces: named directories under `workspaces/` in its home that group its projects.
import { randomUUID } from 'node:crypto';
import type { CreateWorkspaceBody, UpdateWorkspaceBody, Workspace } from '@mcp-studio/protocol';
import { conflict, notFound } from '../../platform/http/errors.js';
import type { WorkspaceRecord } from '../../platform/state/records.js';
import type { StateStore } from '../../platform/state/stateStore.js';
import type { AgentService } from '../agents/service.js';
import { ensureDirectory, isEmptyDirectory, removeDirectory, renameDirectory } from './homeDirs.js';
import { presentWorkspace } from './present.js';

/** Where workspaces live in an agent's home. */
export const WORKSPACES_DIR = 'workspaces';

export const workspacePath = (name: string) => `${WORKSPACES_DIR}/${name}`;

export interface WorkspaceServiceDeps {
  state: StateStore;
  agents: AgentService;
  now: () => Date;
}

/** Whether a change must find the agent active: its own token may not change anything while it is suspended. */
export interface ChangeOptions {
  mustBeActive: boolean;
}

export class WorkspaceService {
  constructor(private readonly deps: WorkspaceServiceDeps) {}

  list(agentId: string): Workspace[] {
    this.deps.agents.place(agentId);
    return this.deps.state.current.workspaces
      .filter((row) => row.agentId === agentId)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((row) => this.present(row));
  }

  get(agentId: string, id: string): Workspace {
    return this.present(this.record(agentId, id));
  }

  /** The stored workspace of this agent; another agent's id is as unknown as a made-up one. */
  record(agentId: string, id: string): WorkspaceRecord {
    this.deps.agents.place(agentId);
    const row = this.deps.state.current.workspaces.find((w) => w.id === id && w.agentId === agentId);
    if (!row) throw notFound('Workspace');
    return row;
  }

  async create(agentId: string, body: CreateWorkspaceBody, options: ChangeOptions): Promise<Workspace> {
    const place = this.deps.agents.place(agentId, options.mustBeActive);
    this.assertNameFree(agentId, body.name);
    const at = this.deps.now().toISOString();
    const row: WorkspaceRecord = {
      id: randomUUID(),
      agentId,
      name: body.name,
      kind: body.kind,
      description: body.description || null,
      path: workspacePath(body.name),
      createdAt: at,
      updatedAt: at,
    };
    // An existing directory of that name is adopted as it is; one made here goes again if the record cannot be kept.
    const created = await ensureDirectory(place, row.path);
    try {
      await this.deps.state.update((draft) => {
        this.assertNameFree(agentId, body.name, draft.workspaces);
        draft.workspaces.push(row);
      });
    } catch (err) {
      if (created) await removeDirectory(place, row.path).catch(() => {});
      throw err;
    }
    return this.present(row);
  }

  async update(agentId: string, id: string, body: UpdateWorkspaceBody, options: ChangeOptions): Promise<Workspace> {
    const place = this.deps.agents.place(agentId, options.mustBeActive);
    const row = this.record(agentId, id);
    const newName = body.name !== undefined && body.name !== row.name ? body.name : undefined;
    if (newName) {
      this.assertNameFree(agentId, newName);
      await renameDirectory(place, row.path, workspacePath(newName));
    }
    const change = this.deps.state.update((draft) => {
      const target = draft.workspaces.find((w) => w.id === id && w.agentId === agentId);
      if (!target) throw notFound('Workspace');
      if (newName) {
        this.assertNameFree(agentId, newName, draft.workspaces);
        target.name = newName;
        target.path = workspacePath(newName);
        for (const project of draft.projects) {
          if (project.workspaceId === id) project.path = `${target.path}/${project.name}`;
        }
      }
      if (body.kind !== undefined) target.kind = body.kind;
      if (body.description !== undefined) target.description = body.description || null;
      target.updatedAt = this.deps.now().toISOString();
      return target;
    });
    const updated = await change.catch(async (err: unknown) => {
      // The directory follows the record: put it back when the record could not change.
      if (newName) await renameDirectory(place, workspacePath(newName), row.path).catch(() => {});
      throw err;
    });
    return this.present(updated);
  }

  /**
   * Deletes the workspace and its directory. Without `recursive` it must hold no project and no file (409), so
   * nothing is lost by accident; with it, its projects and every file under its directory go too.
   */
  async delete(agentId: string, id: string, recursive: boolean, options: ChangeOptions): Promise<void> {
    const place = this.deps.agents.place(agentId, options.mustBeActive);
    const row = this.record(agentId, id);
    if (!recursive) {
      const projects = this.deps.state.current.projects.filter((p) => p.workspaceId === id).length;
      if (projects > 0) {
        throw conflict(
          'workspace_has_projects',
          `The workspace ${row.name} has ${projects} project(s); delete them first or pass recursive=true`,
        );
      }
      if (!(await isEmptyDirectory(place, row.path))) {
        throw conflict(
          'workspace_not_empty',
          `The directory ${row.path} holds files; remove them first or pass recursive=true`,
        );
      }
    }
    await removeDirectory(place, row.path);
    await this.deps.state.update((draft) => {
      draft.workspaces = draft.workspaces.filter((w) => w.id !== id);
      draft.projects = draft.projects.filter((p) => p.workspaceId !== id);
    });
  }

  private assertNameFree(agentId: string, name: string, rows = this.deps.state.current.workspaces): void {
    if (rows.some((w) => w.agentId === agentId && w.name === name)) {
      throw conflict('workspace_name_taken', `This agent already has a workspace named ${name}`);
    }
  }

  private present(row: WorkspaceRecord): Workspace {
    const count = this.deps.state.current.projects.filter((p) => p.workspaceId === row.id).length;
    return presentWorkspace(row, count);
  }
}
