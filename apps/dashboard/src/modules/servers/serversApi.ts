// Requests of the servers pages. Secret values typed in a form go straight to the API, never to the cache.
import {
  type ConnectionTestResult,
  type CreateServerBody,
  catalogToolsListSchema,
  connectionTestResultSchema,
  type McpServer,
  serverSchema,
  serversListSchema,
  type UpdateServerBodyInput,
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

/** The tools of a server as the studio last listed them, each flagged enabled or not for this registration. */
export function useServerTools(id: string) {
  return useQuery({
    queryKey: [...queryKeys.server(id), 'tools'],
    queryFn: ({ signal }) => api.get(`${path(id)}/tools`, catalogToolsListSchema, signal),
  });
}

// Bodies may hold secret values: `gcTime: 0` drops a finished mutation (and its variables) as soon as it is unobserved.
function useServersMutation<V, R>(request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    gcTime: 0,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.servers }),
  });
}

export const useCreateServer = () =>
  useServersMutation((body: CreateServerBody) => api.post('/api/servers', body, serverSchema));

/** A change: any subset of the fields, or a whole registration restated (the studio merges it onto the saved one). */
export const useUpdateServer = (id: string) =>
  useServersMutation((body: UpdateServerBodyInput) => api.patch(path(id), body, serverSchema));

/** Closes the server's shared connection (a stdio process is stopped) and opens a fresh one. */
export const useRestartServer = (id: string) =>
  useServersMutation(() => api.post(`${path(id)}/restart`, {}, ignoreBody));

export const useDeleteServer = () => useServersMutation((id: string) => api.delete(path(id)));

/** Tests an unsaved registration (the body of a create). */
export const useTestNewServer = () =>
  useMutation({
    gcTime: 0,
    mutationFn: (body: CreateServerBody): Promise<ConnectionTestResult> =>
      api.post('/api/servers/test', body, connectionTestResultSchema),
  });

/** Tests a saved server; the lists are refetched in case the studio recorded a new status. */
export const useTestServer = (id: string) =>
  useServersMutation(() => api.post(`${path(id)}/test`, {}, connectionTestResultSchema));
