// One tool call at a time from the page: its progress, its outcome, and cancelling it (leaving the page cancels too).
import type { CallToolResult, ToolCallProgress } from '@mcp-studio/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { streamToolCall } from '../callStream';

export type ToolCallState =
  | { phase: 'idle' }
  | { phase: 'running'; startedAt: number; progress: ToolCallProgress | null }
  | { phase: 'done'; startedAt: number; finishedAt: number; result: CallToolResult }
  | { phase: 'failed'; startedAt: number; finishedAt: number; error: unknown }
  | { phase: 'cancelled'; startedAt: number; finishedAt: number; progress: ToolCallProgress | null };

export function useToolCall(serverId: string, toolName: string) {
  const [state, setState] = useState<ToolCallState>({ phase: 'idle' });
  const current = useRef<AbortController | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const call = useCallback(
    async (args: Record<string, unknown>) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      const startedAt = Date.now();
      let lastProgress: ToolCallProgress | null = null;
      setState({ phase: 'running', startedAt, progress: null });
      // A call replaced by a newer one must not overwrite the newer one's state.
      const isCurrent = () => current.current === controller;
      try {
        const result = await streamToolCall({
          serverId,
          toolName,
          arguments: args,
          signal: controller.signal,
          onProgress: (progress) => {
            lastProgress = progress;
            if (isCurrent()) setState({ phase: 'running', startedAt, progress });
          },
        });
        if (isCurrent()) setState({ phase: 'done', startedAt, finishedAt: Date.now(), result });
      } catch (error) {
        if (!isCurrent()) return;
        const finishedAt = Date.now();
        setState(
          controller.signal.aborted
            ? { phase: 'cancelled', startedAt, finishedAt, progress: lastProgress }
            : { phase: 'failed', startedAt, finishedAt, error },
        );
      }
    },
    [serverId, toolName],
  );

  const cancel = useCallback(() => current.current?.abort(), []);

  return { state, call, cancel };
}

/** Milliseconds since `startedAt`, ticking while the call runs, frozen at `finishedAt`. */
export function useElapsed(startedAt: number | null, finishedAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null || finishedAt !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [startedAt, finishedAt]);
  if (startedAt === null) return 0;
  return Math.max(0, (finishedAt ?? now) - startedAt);
}
