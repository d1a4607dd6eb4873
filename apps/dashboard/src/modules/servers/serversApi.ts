// Requests of the servers pages. Secret values typed in a form go straight to the API, never to the cache.
import {
  type ConnectionTestResult,
  type CreateServerBody,
  connectionTestResultSchema,
  type McpServer,
  serverSchema,
  serversListSchema,
  type UpdateServerBody,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ignoreBody } from '../../api/client';
import { queryKeys } from '../../api/queryKeys';

const path = (id: string) => `/api/servers/${encodeURIComponent(id)}`;

export function useServers() {
  return useQuery({
    queryKey: queryKeys.servers,
    queryFn: ({ signal }) => api.get('/api/servers', serversListSchema, signal),
  });
}

export function useServer(id: string) {
  const queryClient = useQueryClient();
  return useQuery<McpServer>({
    queryKey: queryKeys.server(id),
    queryFn: ({ signal }) => api.get(path(id), serverSchema, signal),
    placeholderData: () =>
      queryClient.getQueryData<{ servers: McpServer[] }>(queryKeys.servers)?.servers.find((s) => s.id === id),
  });
}

function useServersMutation<V, R>(request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.servers }),
  });
}

export const useCreateServer = () =>
  useServersMutation((body: CreateServerBody) => api.post('/api/servers', body, serverSchema));

export const useUpdateServer = (id: string) =>
  useServersMutation((body: UpdateServerBody) => api.patch(path(id), body, ignoreBody));

export const useDeleteServer = () => useServersMutation((id: string) => api.delete(path(id)));

/** Tests an unsaved registration (the body of a create). */
export const useTestNewServer = () =>
  useMutation({
    mutationFn: (body: CreateServerBody): Promise<ConnectionTestResult> =>
      api.post('/api/servers/test', body, connectionTestResultSchema),
  });

/** Tests a saved server; the lists are refetched in case the studio recorded a new status. */
export const useTestServer = (id: string) =>
  useServersMutation(() => api.post(`${path(id)}/test`, {}, connectionTestResultSchema));
