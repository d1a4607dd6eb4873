// Requests of the Usage page and the quota banner: reports by group, the caller's quota, and the export download.
import { quotaStatusSchema, type UsageGroup, usageReportSchema } from '@mcp-studio/protocol';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, apiDownload } from '../../api/client';
import { queryKeys } from '../../api/queryKeys';
import { exportPath, reportPath, type UsageFilters, utcDay } from './usageFilters';

/** One report of the page; the previous one stays on screen while a new filter loads, so charts do not blink. */
export function useUsageReport(filters: UsageFilters, groupBy: UsageGroup, enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.usage, 'report', groupBy, filters],
    queryFn: ({ signal }) => api.get(reportPath(filters, groupBy), usageReportSchema, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * The caller's quota today. No live event reports usage, so it is polled, and refetched when the window regains
 * focus: someone whose agent has been calling in the background sees the banner on coming back.
 */
export function useQuota() {
  return useQuery({
    queryKey: queryKeys.quota,
    queryFn: ({ signal }) => api.get('/api/usage/quota', quotaStatusSchema, signal),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** Hands a blob to the browser as a download through a temporary link. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob by the time the click is handled; a later revoke only frees memory.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Downloads every call matching the filters, one row each, as CSV or JSON. */
export function useUsageExport() {
  return useMutation({
    mutationFn: async ({ filters, format }: { filters: UsageFilters; format: 'csv' | 'json' }) => {
      const accept = format === 'csv' ? 'text/csv' : 'application/json';
      const { blob, filename } = await apiDownload(exportPath(filters, format), accept);
      saveBlob(blob, filename ?? `mcp-usage-${utcDay(Date.now())}.${format}`);
    },
  });
}
