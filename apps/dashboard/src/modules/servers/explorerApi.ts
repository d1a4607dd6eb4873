// Requests of a server's explorer tabs: its catalog, resources, prompts, logs and health history.
import {
  catalogRefreshResultSchema,
  catalogToolsListSchema,
  getPromptResultSchema,
  healthHistorySchema,
  mcpPromptsListSchema,
  mcpResourcesListSchema,
  readResourceResultSchema,
  serverLogsSchema,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ignoreBody } from '../../api/client';
import { queryKeys } from '../../api/queryKeys';
import { HEALTH_RANGES, type HealthRange } from './explorer/health/healthSeries';

const path = (id: string) => `/api/servers/${encodeURIComponent(id)}`;

/**
 * Under the server's own key, so the live events that refetch `servers` (a status change, a catalog change, an update)
 * refresh whatever tab is open too.
 */
export const explorerKeys = {
  tools: (id: string) => [...queryKeys.server(id), 'tools'] as const,
  resources: (id: string) => [...queryKeys.server(id), 'resources'] as const,
  prompts: (id: string) => [...queryKeys.server(id), 'prompts'] as const,
  logs: (id: string) => [...queryKeys.server(id), 'logs'] as const,
  health: (id: string, range: HealthRange) => [...queryKeys.server(id), 'health', range] as const,
};

export function useCatalogTools(id: string) {
  return useQuery({
    queryKey: explorerKeys.tools(id),
    queryFn: ({ signal }) => api.get(`${path(id)}/tools`, catalogToolsListSchema, signal),
  });
}

export function useResources(id: string) {
  return useQuery({
    queryKey: explorerKeys.resources(id),
    queryFn: ({ signal }) => api.get(`${path(id)}/resources`, mcpResourcesListSchema, signal),
  });
}

export function usePrompts(id: string) {
  return useQuery({
    queryKey: explorerKeys.prompts(id),
    queryFn: ({ signal }) => api.get(`${path(id)}/prompts`, mcpPromptsListSchema, signal),
  });
}

/** ADMINs only; polled while `isLive` so a running server's output shows up without pressing refresh. */
export function useServerLogs(id: string, isLive: boolean) {
  return useQuery({
    queryKey: explorerKeys.logs(id),
    queryFn: ({ signal }) => api.get(`${path(id)}/logs`, serverLogsSchema, signal),
    refetchInterval: isLive ? 3000 : false,
    staleTime: 0,
  });
}

/** Checks since the start of the range, computed at each fetch so a refetch moves the window forward. */
export function useHealthHistory(id: string, range: HealthRange) {
  return useQuery({
    queryKey: explorerKeys.health(id, range),
    queryFn: ({ signal }) => {
      const since = new Date(Date.now() - HEALTH_RANGES[range]).toISOString();
      return api.get(`${path(id)}/health?since=${encodeURIComponent(since)}`, healthHistorySchema, signal);
    },
    // Periodic checks that do not change the status publish no event: poll so the chart keeps moving.
    refetchInterval: 30_000,
  });
}

/** Refetches everything under the server's key: a new catalog changes tools, resources, prompts and the count. */
function useInvalidateServer(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.server(id) });
}

export function useRefreshCatalog(id: string) {
  const invalidate = useInvalidateServer(id);
  return useMutation({
    mutationFn: () => api.post(`${path(id)}/refresh`, {}, catalogRefreshResultSchema),
    onSettled: invalidate,
  });
}

export function useAcknowledgeTool(id: string) {
  const invalidate = useInvalidateServer(id);
  return useMutation({
    mutationFn: (toolName: string) =>
      api.post(`${path(id)}/tools/${encodeURIComponent(toolName)}/acknowledge`, {}, ignoreBody),
    onSettled: invalidate,
  });
}

/** Reads are actions, not cached state: a resource may change between two reads. */
export function useReadResource(id: string) {
  return useMutation({
    mutationFn: (uri: string) => api.post(`${path(id)}/resources/read`, { uri }, readResourceResultSchema),
  });
}

export function useGetPrompt(id: string) {
  return useMutation({
    mutationFn: ({ name, args }: { name: string; args: Record<string, string> }) =>
      api.post(`${path(id)}/prompts/${encodeURIComponent(name)}/get`, { arguments: args }, getPromptResultSchema),
  });
}
