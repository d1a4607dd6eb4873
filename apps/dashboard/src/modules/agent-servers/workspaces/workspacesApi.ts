// Requests on an agent's workspaces and projects: lists, create, change (status, kind, name), delete.
import {
  type CreateProjectBody,
  type CreateWorkspaceBody,
  projectSchema,
  projectsListSchema,
  type UpdateProjectBody,
  type UpdateWorkspaceBody,
  workspaceSchema,
  workspacesListSchema,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { agentUrl, nodeKeys, queryString } from '../apiPaths';

export function useWorkspaces(nodeId: string, agentId: string) {
  return useQuery({
    queryKey: nodeKeys.workspaces(nodeId, agentId),
    queryFn: ({ signal }) => api.get(`${agentUrl(nodeId, agentId)}/workspaces`, workspacesListSchema, signal),
    retry: false,
  });
}

export function useProjects(nodeId: string, agentId: string) {
  return useQuery({
    queryKey: nodeKeys.projects(nodeId, agentId),
    queryFn: ({ signal }) => api.get(`${agentUrl(nodeId, agentId)}/projects`, projectsListSchema, signal),
    retry: false,
  });
}

/** Workspaces and projects change each other (counts, paths, cascading deletes): both lists and the files reload. */
function useWorkMutation<V, R>(nodeId: string, agentId: string, request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () =>
      Promise.all(
        [nodeKeys.workspaces, nodeKeys.projects, nodeKeys.files].map((key) =>
          queryClient.invalidateQueries({ queryKey: key(nodeId, agentId) }),
        ),
      ),
  });
}

export function useWorkspaceMutations(nodeId: string, agentId: string) {
  const base = `${agentUrl(nodeId, agentId)}/workspaces`;
  return {
    create: useWorkMutation(nodeId, agentId, (body: CreateWorkspaceBody) => api.post(base, body, workspaceSchema)),
    update: useWorkMutation(nodeId, agentId, ({ id, body }: { id: string; body: UpdateWorkspaceBody }) =>
      api.patch(`${base}/${encodeURIComponent(id)}`, body, workspaceSchema),
    ),
    remove: useWorkMutation(nodeId, agentId, ({ id, recursive }: { id: string; recursive: boolean }) =>
      api.delete(`${base}/${encodeURIComponent(id)}${queryString({ recursive: recursive || undefined })}`),
    ),
  };
}

export function useProjectMutations(nodeId: string, agentId: string) {
  const base = `${agentUrl(nodeId, agentId)}/projects`;
  return {
    create: useWorkMutation(nodeId, agentId, (body: CreateProjectBody) => api.post(base, body, projectSchema)),
    update: useWorkMutation(nodeId, agentId, ({ id, body }: { id: string; body: UpdateProjectBody }) =>
      api.patch(`${base}/${encodeURIComponent(id)}`, body, projectSchema),
    ),
    remove: useWorkMutation(nodeId, agentId, ({ id, keepFiles }: { id: string; keepFiles: boolean }) =>
      api.delete(`${base}/${encodeURIComponent(id)}${queryString({ keepFiles: keepFiles || undefined })}`),
    ),
  };
}
