// MCP tool calls on a worker thread (mcp-load-worker.mjs), so the client does not share the studio's event loop and
// every path, direct or through the studio, pays the same client cost.
import { Worker } from 'node:worker_threads';

export interface McpEndpoint {
  /** The Streamable HTTP endpoint. */
  url: string;
  /** An API token, sent as `authorization: Bearer …`; none for a server without authentication. */
  token?: string;
  tool: string;
}

export interface McpLoadOptions {
  /** One endpoint at any concurrency, or several called in turn (concurrency 1). */
  endpoints: McpEndpoint[];
  /** Each answer must be `Echo: <message>`. */
  message: string;
  concurrency: number;
  /** Per endpoint. */
  warmup: number;
  /** Per endpoint. */
  calls: number;
}

export interface McpLoadReply {
  /** Every measured call's latency, in ms at sub-millisecond resolution. */
  times: Float64Array;
  /** The wall time of the calls; for endpoints called in turn, the sum of this endpoint's calls. */
  seconds: number;
  /** The protocol era the client negotiated ('legacy' = the 2025 initialize handshake). */
  era: string;
}

type WorkerMessage = McpLoadReply[] | { error: string };

/** One reply per endpoint, in their order. */
export function mcpLoad(options: McpLoadOptions): Promise<McpLoadReply[]> {
  if (options.endpoints.length > 1 && options.concurrency !== 1) {
    return Promise.reject(new Error('endpoints are called in turn at concurrency 1 only'));
  }
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
