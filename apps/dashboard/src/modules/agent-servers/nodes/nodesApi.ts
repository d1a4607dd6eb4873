// Requests about the nodes themselves: the list, one node, attach, registration tokens, maintenance, removal.
import {
  type AgentServer,
  type AttachAgentServerBody,
  agentServerSchema,
  agentServersListSchema,
  type CreateRegistrationTokenBody,
  createdRegistrationTokenSchema,
  presenceServerSchema,
  presenceStatusSchema,
  type UpdateAgentServerBody,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import { nodeKeys, nodeUrl } from '../apiPaths';

/** Beats do not publish an event unless the status changes: the figures and "last heartbeat" are polled. */
const FIGURES_REFRESH_MS = 15_000;

export function useAgentServers() {
  return useQuery({
    queryKey: nodeKeys.list,
    queryFn: ({ signal }) => api.get('/api/agent-servers', agentServersListSchema, signal),
    refetchInterval: FIGURES_REFRESH_MS,
  });
}

export function useAgentServer(id: string) {
  const queryClient = useQueryClient();
  return useQuery<AgentServer>({
    queryKey: nodeKeys.node(id),
    queryFn: ({ signal }) => api.get(nodeUrl(id), agentServerSchema, signal),
    refetchInterval: FIGURES_REFRESH_MS,
    placeholderData: () =>
      queryClient
        .getQueryData<{ agentServers: AgentServer[] }>(nodeKeys.list)
        ?.agentServers.find((node) => node.id === id),
  });
}

/** What the node says of itself, asked live through the studio; fails (502) while the node is unreachable. */
export function usePresenceServer(id: string) {
  return useQuery({
    queryKey: nodeKeys.presenceServer(id),
    queryFn: ({ signal }) => api.get(`${nodeUrl(id)}/presence/server`, presenceServerSchema, signal),
    retry: false,
  });
}

export function usePresenceStatus(id: string) {
  return useQuery({
    queryKey: nodeKeys.presenceStatus(id),
    queryFn: ({ signal }) => api.get(`${nodeUrl(id)}/presence/status`, presenceStatusSchema, signal),
    refetchInterval: FIGURES_REFRESH_MS,
    retry: false,
  });
}

function useNodesMutation<V, R>(request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    // The master token and registration token pass through here: never keep a finished mutation's variables.
    gcTime: 0,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.agentServers }),
  });
}

export const useAttachAgentServer = () =>
  useNodesMutation((body: AttachAgentServerBody) => api.post('/api/agent-servers', body, agentServerSchema));

/** The token and the command come back once; the caller keeps them in component state only. */
export const useCreateRegistrationToken = () =>
  useMutation({
    gcTime: 0,
    mutationFn: (body: CreateRegistrationTokenBody) =>
      api.post('/api/agent-servers/registration-tokens', body, createdRegistrationTokenSchema),
  });

export const useUpdateAgentServer = (id: string) =>
  useNodesMutation((body: UpdateAgentServerBody) => api.patch(nodeUrl(id), body, agentServerSchema));

export const useDeleteAgentServer = () => useNodesMutation((id: string) => api.delete(nodeUrl(id)));
