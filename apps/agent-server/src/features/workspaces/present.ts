// The only place workspace and project records become JSON.
import type { Project, ProjectType, Workspace } from '@mcp-studio/protocol';
import type { ProjectRecord, WorkspaceRecord } from '../../platform/state/records.js';

export function presentWorkspace(row: WorkspaceRecord, projectCount: number): Workspace {
  return {
    id: row.id,
    agentId: row.agentId,
    name: row.name,
    kind: row.kind,
    description: row.description,
    path: row.path,
    projectCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function presentProject(row: ProjectRecord): Project {
  return {
    id: row.id,
    agentId: row.agentId,
    workspaceId: row.workspaceId,
    name: row.name,
    // Records only ever hold a type the protocol accepted when the project was created.
    type: row.type as ProjectType,
    status: row.status,
    description: row.description,
    path: row.path,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
