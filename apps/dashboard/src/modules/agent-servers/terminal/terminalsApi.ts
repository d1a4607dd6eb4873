// Requests on an agent's terminals, and the address of a session's WebSocket through the studio.
import {
  type CreateTerminalBody,
  type TerminalSession,
  terminalSessionSchema,
  terminalsListSchema,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { agentUrl, nodeKeys, nodeUrl } from '../apiPaths';

export function useTerminals(nodeId: string, agentId: string) {
  return useQuery({
    queryKey: nodeKeys.terminals(nodeId, agentId),
    queryFn: ({ signal }) => api.get(`${agentUrl(nodeId, agentId)}/terminals`, terminalsListSchema, signal),
    retry: false,
  });
}

export function useOpenTerminal(nodeId: string, agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTerminalBody): Promise<TerminalSession> =>
      api.post(`${agentUrl(nodeId, agentId)}/terminals`, body, terminalSessionSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: nodeKeys.terminals(nodeId, agentId) }),
  });
}

export function useCloseTerminal(nodeId: string, agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sid: string) =>
      api.delete(`${nodeUrl(nodeId)}/terminals/${encodeURIComponent(sid)}`).then(() => undefined, ignoreNotFound),
    onSettled: () => queryClient.invalidateQueries({ queryKey: nodeKeys.terminals(nodeId, agentId) }),
  });
}

/** A session already gone (closed and forgotten by the node) is what closing wanted. */
function ignoreNotFound(error: unknown): void {
  if (error instanceof Error && 'status' in error && error.status === 404) return;
  throw error;
}

/** The studio's terminal socket; browsers cannot set headers, so the access token rides in `?token=`. */
export function terminalSocketUrl(nodeId: string, sid: string, token: string): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${nodeUrl(nodeId)}/terminals/${encodeURIComponent(sid)}/ws?token=${encodeURIComponent(token)}`;
}
