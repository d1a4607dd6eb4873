// Requests on an agent's files, through the studio's proxy: list, read, write with conflict detection, and changes.
import {
  type FsEntry,
  type FsFile,
  type FsSearch,
  type FsWriteBody,
  fsEntrySchema,
  fsFileSchema,
  fsListSchema,
  fsSearchSchema,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, ignoreBody } from '../../../api/client';
import { agentUrl, nodeKeys, queryString } from '../apiPaths';

export interface AgentRef {
  nodeId: string;
  agentId: string;
}

const fsUrl = ({ nodeId, agentId }: AgentRef, op: string) => `${agentUrl(nodeId, agentId)}/fs${op ? `/${op}` : ''}`;

/** One directory's entries, loaded when the tree opens it. */
export function useDirectory(ref: AgentRef, path: string, isEnabled = true) {
  return useQuery({
    queryKey: nodeKeys.dir(ref.nodeId, ref.agentId, path),
    queryFn: ({ signal }) => api.get(`${fsUrl(ref, 'list')}${queryString({ path })}`, fsListSchema, signal),
    enabled: isEnabled,
    retry: false,
  });
}

/** Reads a file fresh each time (never cached: the editor holds the text and the `modifiedAt` it was read at). */
export const readFile = (ref: AgentRef, path: string): Promise<FsFile> =>
  api.get(`${fsUrl(ref, 'read')}${queryString({ path })}`, fsFileSchema);

export const writeFile = (ref: AgentRef, body: FsWriteBody): Promise<FsEntry> =>
  apiRequest(fsUrl(ref, 'write'), fsEntrySchema, { method: 'PUT', body });

export const searchFiles = (ref: AgentRef, query: string, content: boolean): Promise<FsSearch> =>
  api.get(`${fsUrl(ref, 'search')}${queryString({ query, content })}`, fsSearchSchema);

export type FsChange =
  | { op: 'mkdir'; path: string }
  | { op: 'create'; path: string }
  | { op: 'rename' | 'copy'; from: string; to: string }
  | { op: 'delete'; path: string; recursive: boolean };

function applyChange(ref: AgentRef, change: FsChange): Promise<unknown> {
  switch (change.op) {
    case 'mkdir':
      return api.post(fsUrl(ref, 'mkdir'), { path: change.path }, ignoreBody);
    case 'create':
      // `expectedModifiedAt: null` creates only: an existing file of that name is refused (409), never emptied.
      return writeFile(ref, { path: change.path, content: '', encoding: 'utf8', expectedModifiedAt: null });
    case 'rename':
    case 'copy':
      return api.post(fsUrl(ref, change.op), { from: change.from, to: change.to }, ignoreBody);
    case 'delete':
      return api.delete(`${fsUrl(ref, '')}${queryString({ path: change.path, recursive: change.recursive })}`);
  }
}

/** Any change to the tree; the listings are reloaded after it. */
export function useFsChange(ref: AgentRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: FsChange) => applyChange(ref, change),
    onSettled: () => queryClient.invalidateQueries({ queryKey: nodeKeys.files(ref.nodeId, ref.agentId) }),
  });
}
