// Progress of an upstream call relayed to the gateway's client under the client's own progress token.
import type { ProgressToken, ServerContext } from '@modelcontextprotocol/server';

export interface ProgressRelay {
  /** Undefined when the client asked for no progress. */
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** Waits for every notification still being written, so none is cut off by the result that follows. */
  drain(): Promise<void>;
}

export function progressRelay(ctx: ServerContext): ProgressRelay {
  const progressToken: ProgressToken | undefined = ctx.mcpReq._meta?.progressToken;
  const sending: Promise<unknown>[] = [];
  const drain = async () => {
    await Promise.all(sending);
  };
  if (progressToken === undefined) return { drain };
  return {
    onProgress: (progress) => {
      const params = { progressToken, ...progress };
      sending.push(ctx.mcpReq.notify({ method: 'notifications/progress', params }).catch(() => undefined));
    },
    drain,
  };
}
