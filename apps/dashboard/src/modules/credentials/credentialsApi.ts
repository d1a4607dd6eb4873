// Requests of the credentials pages. Revealed values are never put in the query cache.
import {
  type CreateCredentialBody,
  type Credential,
  credentialAuditSchema,
  credentialSchema,
  credentialsListSchema,
  credentialValueSchema,
  type UpdateCredentialBody,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ignoreBody } from '../../api/client';
import { queryKeys } from '../../api/queryKeys';

const path = (id: string) => `/api/credentials/${encodeURIComponent(id)}`;

export function useCredentials() {
  return useQuery({
    queryKey: queryKeys.credentials,
    queryFn: ({ signal }) => api.get('/api/credentials', credentialsListSchema, signal),
  });
}

export function useCredential(id: string) {
  const queryClient = useQueryClient();
  return useQuery<Credential>({
    queryKey: queryKeys.credential(id),
    queryFn: ({ signal }) => api.get(path(id), credentialSchema, signal),
    placeholderData: () =>
      queryClient
        .getQueryData<{ credentials: Credential[] }>(queryKeys.credentials)
        ?.credentials.find((c) => c.id === id),
  });
}

export function useCredentialAudit(id: string) {
  return useQuery({
    queryKey: queryKeys.credentialAudit(id),
    queryFn: ({ signal }) => api.get(`${path(id)}/audit`, credentialAuditSchema, signal),
  });
}

export function revealCredentialValue(id: string): Promise<string> {
  return api.get(`${path(id)}/value`, credentialValueSchema).then((r) => r.value);
}

function useCredentialsMutation<V, R>(request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
  });
}

export const useCreateCredential = () =>
  useCredentialsMutation((body: CreateCredentialBody) => api.post('/api/credentials', body, credentialSchema));

export const useUpdateCredential = (id: string) =>
  useCredentialsMutation((body: UpdateCredentialBody) => api.patch(path(id), body, ignoreBody));

export const useShareCredential = (id: string) =>
  useCredentialsMutation((userIds: string[]) => api.post(`${path(id)}/share`, { userIds }, ignoreBody));

export const useUnshareCredential = (id: string) =>
  useCredentialsMutation((body: { userIds?: string[]; agentIds?: string[] }) =>
    api.post(`${path(id)}/unshare`, body, ignoreBody),
  );

export const useDeleteCredential = () => useCredentialsMutation((id: string) => api.delete(path(id)));
