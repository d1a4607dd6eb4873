// Cancellation through an MCP endpoint of the studio, as the upstream server sees it.
import type { Client } from '@modelcontextprotocol/client';
import { expect, vi } from 'vitest';

/** What the server was sent for the call: the call, and then its `notifications/cancelled` (see upstreamCancelled). */
export type UpstreamView = () => Promise<{ called: boolean; cancelled: boolean }>;

const WAIT = { timeout: 10_000, interval: 50 };

/**
 * Starts server-everything's long-running operation (`tool`, under whatever name the endpoint gives it) for
 * `duration` seconds, aborts it once it runs (with progress: once two notifications, 1 and 2, have arrived), and
 * waits until the server has been told to cancel it.
 */
export async function abortRunningCall(
  client: Client,
  tool: string,
  duration: number,
  upstream: UpstreamView,
  withProgress: boolean,
): Promise<void> {
  const controller = new AbortController();
  const seen: number[] = [];
  const progress = withProgress ? { onprogress: ({ progress }: { progress: number }) => seen.push(progress) } : {};
  const pending = client.callTool(
    { name: tool, arguments: { duration, steps: duration * 10 } },
    { signal: controller.signal, ...progress },
  );
  if (withProgress) {
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(1), WAIT);
    expect(seen.slice(0, 2)).toEqual([1, 2]);
  } else {
    await vi.waitFor(async () => expect((await upstream()).called).toBe(true), WAIT);
  }
  controller.abort();
  await expect(pending).rejects.toThrow();
  await vi.waitFor(async () => expect(await upstream()).toEqual({ called: true, cancelled: true }), WAIT);
}
