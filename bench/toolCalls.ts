// Tool-call latency and throughput: `echo` on server-everything through the studio's API, against the SDK client
// calling the same server directly, over stdio and Streamable HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CallToolResult, Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { DatabaseTarget } from '../apps/studio/dist/platform/db/database.js';
import { npmServerEntry, startEverythingHttp } from '../apps/studio/src/test/peers.js';
import { closedLoop } from './closedLoop.js';
import { assertAllOk, load, percentile } from './load.js';
import { type BenchStudio, call, registerOwner, setUnlimitedPlan, startBenchStudio } from './studio.js';

export type CallTransport = 'stdio' | 'Streamable HTTP';
export type CallPath = 'studio' | 'direct';

export interface ToolCallResult {
  transport: CallTransport;
  concurrency: number;
  path: CallPath;
  p50: number;
  p99: number;
  callsPerSecond: number;
  calls: number;
}

export interface PeerVersions {
  everything: string;
  client: string;
  /** The protocol era the direct clients negotiated ('legacy' = the 2025 initialize handshake). */
  era: string;
}

export const CALL_CONCURRENCIES = [1, 32];
// BENCH_CALLS / BENCH_WARMUP_CALLS shorten a smoke run; the recorded figures use the defaults.
export const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
export const WARMUP_CALLS = Number(process.env.BENCH_WARMUP_CALLS ?? 100);

const everything = npmServerEntry('@modelcontextprotocol/server-everything');
const clientPackage = fileURLToPath(
  new URL('../node_modules/@modelcontextprotocol/client/package.json', import.meta.url),
);
const versionOf = (packageJson: string) =>
  (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string }).version;
const MESSAGE = 'bench';
const EXPECTED = `Echo: ${MESSAGE}`;

/** One SDK client, negotiating the protocol era the way the studio does ('auto'). */
async function directClient(transport: CallTransport, url: string): Promise<Client> {
  const client = new Client({ name: 'studio-bench', version: '0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(
    transport === 'stdio'
      ? new StdioClientTransport({ command: process.execPath, args: [everything, 'stdio'], stderr: 'ignore' })
      : new StreamableHTTPClientTransport(new URL(url)),
  );
  return client;
}

async function directEcho(client: Client): Promise<void> {
  const result = (await client.callTool({ name: 'echo', arguments: { message: MESSAGE } })) as CallToolResult;
  const first = result.content[0];
  if (first?.type !== 'text' || first.text !== EXPECTED) throw new Error(`unexpected echo: ${JSON.stringify(result)}`);
}

function summarize(
  transport: CallTransport,
  concurrency: number,
  path: CallPath,
  times: Float64Array,
  seconds: number,
  calls: number,
): ToolCallResult {
  const sorted = times.sort();
  return {
    transport,
    concurrency,
    path,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    callsPerSecond: calls / seconds,
    calls,
  };
}

/**
 * A studio with one stdio and one Streamable HTTP registration of server-everything; per transport and concurrency,
 * CALLS echo calls through `POST /api/servers/:id/tools/echo/call` (autocannon) and as many through a direct SDK
 * client (closed loop), each after WARMUP_CALLS calls of warm-up.
 */
export async function benchToolCalls(
  target: DatabaseTarget,
  progress: (line: string) => void,
): Promise<{ toolCalls: ToolCallResult[]; peers: PeerVersions }> {
  const everythingHttp = await startEverythingHttp();
  const http = { url: `http://127.0.0.1:${everythingHttp.port}/mcp`, stop: everythingHttp.stop };
  let studio: BenchStudio | undefined;
  const clients: Client[] = [];
  try {
    studio = await startBenchStudio(target, {
      EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true',
      EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'http,https',
    });
    const owner = await registerOwner(studio.base);
    await setUnlimitedPlan(studio.base, owner);
    const maxConcurrency = Math.max(...CALL_CONCURRENCIES); // the default (8) would queue the studio's callers
    const registrations: Record<CallTransport, object> = {
      stdio: { transport: 'stdio', command: process.execPath, args: [everything, 'stdio'] },
      'Streamable HTTP': { transport: 'streamable-http', url: http.url },
    };
    const { token } = await call<{ token: string }>(studio.base, 'POST', '/api/tokens', owner, {
      name: 'bench',
      permissions: ['servers:use'],
    });
    const results: ToolCallResult[] = [];
    for (const [transport, registration] of Object.entries(registrations) as [CallTransport, object][]) {
      const server = await call<{ id: string }>(studio.base, 'POST', '/api/servers', owner, {
        name: `everything ${transport}`,
        ...registration,
        maxConcurrency,
      });
      const url = `${studio.base}/api/servers/${server.id}/tools/echo/call`;
      const payload = { arguments: { message: MESSAGE } };
      const body = JSON.stringify(payload);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      // autocannon checks status codes only: check once that the answer is the echo.
      const first = await call<CallToolResult>(studio.base, 'POST', new URL(url).pathname, token, payload);
      if (JSON.stringify(first.content[0]) !== JSON.stringify({ type: 'text', text: EXPECTED })) {
        throw new Error(`unexpected echo through the studio: ${JSON.stringify(first)}`);
      }
      const client = await directClient(transport, http.url);
      clients.push(client);
      for (const concurrency of CALL_CONCURRENCIES) {
        // autocannon needs at least one request per connection; both paths get the same counts.
        const warmup = Math.max(WARMUP_CALLS, concurrency);
        const calls = Math.max(CALLS, concurrency);
        const reply = await load({
          url,
          method: 'POST',
          headers,
          body,
          connections: concurrency,
          warmup: { requests: warmup },
          measure: { requests: calls },
        });
        await studio.settle();
        assertAllOk(reply, `echo through the studio (${transport}, concurrency ${concurrency})`);
        const viaStudio = summarize(
          transport,
          concurrency,
          'studio',
          reply.times,
          reply.durationSeconds,
          reply.completed,
        );
        await closedLoop(() => directEcho(client), concurrency, warmup);
        const direct = await closedLoop(() => directEcho(client), concurrency, calls);
        const viaSdk = summarize(transport, concurrency, 'direct', direct.times, direct.seconds, calls);
        for (const r of [viaStudio, viaSdk]) {
          progress(
            `  ${transport} c=${concurrency} ${r.path}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ` +
              `${Math.round(r.callsPerSecond)} calls/s (${r.calls} calls)`,
          );
        }
        results.push(viaStudio, viaSdk);
      }
    }
    const eras = new Set(clients.map((client) => client.getProtocolEra()));
    const peers: PeerVersions = {
      everything: versionOf(path.join(path.dirname(everything), '../package.json')),
      client: versionOf(clientPackage),
      era: [...eras].join(' and '),
    };
    return { toolCalls: results, peers };
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
    await studio?.close();
    await http.stop();
  }
}
