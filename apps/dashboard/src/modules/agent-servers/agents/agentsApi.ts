// Requests about a node's agents: list and presence, one agent, provisioning, activate/suspend, removal, usage.
import {
  type Agent,
  agentSchema,
  agentsListSchema,
  agentUsageReportSchema,
  type CreateAgentBody,
  createdAgentSchema,
  presenceAgentsSchema,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { agentUrl, nodeKeys, nodeUrl } from '../apiPaths';

export function useNodeAgents(id: string) {
  return useQuery({
    queryKey: nodeKeys.agents(id),
    queryFn: ({ signal }) => api.get(`${nodeUrl(id)}/agents`, agentsListSchema, signal),
    retry: false,
  });
}

/** Open terminals, workspace and project counts of every agent; polled, as the node pushes these to the studio only. */
export function usePresenceAgents(id: string) {
  return useQuery({
    queryKey: nodeKeys.presenceAgents(id),
    queryFn: ({ signal }) => api.get(`${nodeUrl(id)}/presence/agents`, presenceAgentsSchema, signal),
    refetchInterval: 15_000,
    retry: false,
  });
}

export function useAgent(id: string, agentId: string) {
  const queryClient = useQueryClient();
  return useQuery<Agent>({
    queryKey: nodeKeys.agent(id, agentId),
    queryFn: ({ signal }) => api.get(agentUrl(id, agentId), agentSchema, signal),
    placeholderData: () =>
      queryClient.getQueryData<{ agents: Agent[] }>(nodeKeys.agents(id))?.agents.find((a) => a.id === agentId),
  });
}

export function useAgentUsage(id: string, agentId: string) {
  return useQuery({
    queryKey: nodeKeys.usage(id, agentId),
    queryFn: ({ signal }) => api.get(`${agentUrl(id, agentId)}/usage`, agentUsageReportSchema, signal),
    retry: false,
  });
}

function useAgentsMutation<V, R>(id: string, request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    // An API key goes in, an agent token comes out: drop both as soon as nobody looks.
    gcTime: 0,
    // The buttons wait for the agents list (so they never show a stale action); the rest refreshes behind.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: nodeKeys.data(id) });
      return queryClient.refetchQueries({ queryKey: nodeKeys.agents(id) });
    },
  });
}

/** The credentials in the answer are shown once: the caller keeps them in component state, never in the cache. */
export const useProvisionAgent = (id: string) =>
  useAgentsMutation(id, (body: CreateAgentBody) => api.post(`${nodeUrl(id)}/agents`, body, createdAgentSchema));

export const useSetAgentStatus = (id: string) =>
  useAgentsMutation(id, ({ agentId, action }: { agentId: string; action: 'activate' | 'suspend' }) =>
    api.post(`${agentUrl(id, agentId)}/${action}`, {}, agentSchema),
  );

export const useDeleteAgent = (id: string) =>
  useAgentsMutation(id, (agentId: string) => api.delete(agentUrl(id, agentId)));
