// Queries more than one module reads: the caller's identity, the setup status, the member list.
import { membersListSchema, meSchema, setupStatusSchema } from '@mcp-studio/protocol';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';
import { queryKeys } from './queryKeys';

export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: ({ signal }) => apiRequest('/api/auth/setup', setupStatusSchema, { auth: false, signal }),
    staleTime: 0,
  });
}

export function fetchMe(signal?: AbortSignal) {
  return apiRequest('/api/auth/me', meSchema, { signal });
}

export function useMembers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.members,
    queryFn: ({ signal }) => apiRequest('/api/org/members', membersListSchema, { signal }),
    enabled,
  });
}
