// Requests of the settings pages, as TanStack Query hooks that refresh what they change.
import {
  type CreateTokenBody,
  createdTokenSchema,
  type InviteMemberBody,
  inviteMemberResultSchema,
  type Plan,
  type Role,
  tokensListSchema,
} from '@mcp-studio/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ignoreBody } from '../../api/client';
import { queryKeys } from '../../api/queryKeys';

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; plan?: Plan }) => api.patch('/api/org', body, ignoreBody),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

function useMembersMutation<V, R>(request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.members }),
  });
}

export const useInviteMember = () =>
  useMembersMutation((body: InviteMemberBody) => api.post('/api/org/members', body, inviteMemberResultSchema));

export const useChangeMemberRole = () =>
  useMembersMutation(({ id, role }: { id: string; role: Role }) =>
    api.patch(`/api/org/members/${encodeURIComponent(id)}`, { role }, ignoreBody),
  );

export const useRemoveMember = () =>
  useMembersMutation((id: string) => api.delete(`/api/org/members/${encodeURIComponent(id)}`));

export const useRevokeInvitation = () =>
  useMembersMutation((id: string) => api.delete(`/api/org/invitations/${encodeURIComponent(id)}`));

export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: ({ signal }) => api.get('/api/tokens', tokensListSchema, signal),
  });
}

function useTokensMutation<V, R>(request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export const useCreateToken = () =>
  useTokensMutation((body: CreateTokenBody) => api.post('/api/tokens', body, createdTokenSchema));

export const useRevokeToken = () =>
  useTokensMutation((id: string) => api.post(`/api/tokens/${encodeURIComponent(id)}/revoke`, {}, ignoreBody));

export const useDeleteToken = () =>
  useTokensMutation((id: string) => api.delete(`/api/tokens/${encodeURIComponent(id)}`));
