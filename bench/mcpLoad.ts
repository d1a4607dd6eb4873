// MCP tool calls in a closed loop on a worker thread (mcp-load-worker.mjs), so the client does not share the
// studio's event loop and every path, direct or through the studio, pays the same client cost.
import { Worker } from 'node:worker_threads';

export interface McpLoadOptions {
  /** The Streamable HTTP endpoint. */
  url: string;
  /** An API token, sent as `authorization: Bearer …`; none for a server without authentication. */
  token?: string;
  tool: string;
  /** Each answer must be `Echo: <message>`. */
  message: string;
  concurrency: number;
  warmup: number;
  calls: number;
}

export interface McpLoadReply {
  /** Every measured call's latency, in ms at sub-millisecond resolution. */
  times: Float64Array;
  seconds: number;
  /** The protocol era the client negotiated ('legacy' = the 2025 initialize handshake). */
  era: string;
}

type WorkerMessage = McpLoadReply | { error: string };

export function mcpLoad(options: McpLoadOptions): Promise<McpLoadReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./mcp-load-worker.mjs', import.meta.url), { workerData: options });
    worker.once('message', (message: WorkerMessage) => {
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`MCP load worker exited with code ${code}`)));
  });
}
