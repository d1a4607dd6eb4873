// The gateway benchmark: server-everything's `echo` over Streamable HTTP called directly, through the studio's `/mcp`
// gateway and through its per-server proxy, with metering and quotas on, and through `/mcp` with them off.
import type { DatabaseTarget } from '../apps/studio/dist/platform/db/database.js';
import { startEverythingHttp } from '../apps/studio/src/test/peers.js';
import { percentile } from './load.js';
import { type McpEndpoint, type McpLoadReply, mcpLoad } from './mcpLoad.js';
import { type PassThrough, startPassThrough } from './passThrough.js';
import { type BenchStudio, call, registerOwner, setUnlimitedPlan, startBenchStudio } from './studio.js';
import { CALLS, WARMUP_CALLS } from './toolCalls.js';

export type GatewayPath = 'direct' | 'pass-through' | 'gateway' | 'proxy' | 'gateway, metering off';
/** In the order the cells run (at each concurrency) and the tables list them. */
export const GATEWAY_PATHS: readonly GatewayPath[] = [
  'direct',
  'pass-through',
  'gateway',
  'proxy',
  'gateway, metering off',
];
export const GATEWAY_CONCURRENCIES = [1, 16, 64];
/** The registration's limit on calls in flight: the default (8) would queue the studio's callers at 64. */
export const GATEWAY_MAX_CONCURRENCY = Math.max(...GATEWAY_CONCURRENCIES);

export interface GatewayResult {
  path: GatewayPath;
  concurrency: number;
  p50: number;
  p99: number;
  callsPerSecond: number;
  calls: number;
  /** At concurrency 1: the direct calls made in turn with this path's, which its figures are compared with. */
  alongside?: { p50: number; callsPerSecond: number };
}

export interface GatewayBench {
  /** 'PGlite' or 'PostgreSQL' */
  database: string;
  results: GatewayResult[];
  /** The protocol era each path's client negotiated, per path (the same at every concurrency). */
  eras: Record<GatewayPath, string>;
}

const MESSAGE = 'bench';
/** Calls per path, at WARMUP_CONCURRENCY, before the first measured cell. */
export const JIT_WARMUP_CALLS = 2000;
const WARMUP_CONCURRENCY = 16;

interface GatewayStudio {
  studio: BenchStudio;
  token: string;
  server: { id: string; slug: string };
}

/**
 * A studio with server-everything registered over Streamable HTTP, an `mcp:*` API token, and its organization on
 * ENTERPRISE, whose unlimited plan keeps the FREE daily limit from stopping the bench while quotas still count.
 */
async function startGatewayStudio(
  target: DatabaseTarget,
  upstreamUrl: string,
  env: Record<string, string>,
): Promise<GatewayStudio> {
  const studio = await startBenchStudio(target, {
    EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true',
    EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'http,https',
    ...env,
  });
  try {
    const owner = await registerOwner(studio.base);
    await setUnlimitedPlan(studio.base, owner);
    const server = await call<{ id: string; slug: string }>(studio.base, 'POST', '/api/servers', owner, {
      name: 'everything',
      transport: 'streamable-http',
      url: upstreamUrl,
      maxConcurrency: GATEWAY_MAX_CONCURRENCY,
    });
    const { token } = await call<{ token: string }>(studio.base, 'POST', '/api/tokens', owner, {
      name: 'bench',
      permissions: ['mcp:*'],
    });
    return { studio, token, server };
  } catch (err) {
    await studio.close();
    throw err;
  }
}

/** Several replies of one endpoint as one: every call, and their time. */
function pool(replies: McpLoadReply[]): McpLoadReply {
  const times = new Float64Array(replies.reduce((sum, reply) => sum + reply.times.length, 0));
  let at = 0;
  for (const reply of replies) {
    times.set(reply.times, at);
    at += reply.times.length;
  }
  const seconds = replies.reduce((sum, reply) => sum + reply.seconds, 0);
  return { times, seconds, era: replies[0]?.era ?? 'unknown' };
}

function summarize(path: GatewayPath, concurrency: number, times: Float64Array, seconds: number): GatewayResult {
  const sorted = times.sort();
  return {
    path,
    concurrency,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    callsPerSecond: times.length / seconds,
    calls: times.length,
  };
}

/**
 * Studio A (metering and quotas on, the default) on `targets.metered` and studio B (`EXTERNAL_MCP_METERING=false`) on
 * `targets.unmetered`, both in front of one server-everything over Streamable HTTP. Per concurrency and path, a
 * worker thread makes WARMUP_CALLS calls of warm-up, then CALLS measured, from as many callers sharing one client;
 * at concurrency 1, each path is called in turn with a direct call.
 */
export async function benchGateway(
  targets: { metered: DatabaseTarget; unmetered: DatabaseTarget },
  database: string,
  progress: (line: string) => void,
): Promise<GatewayBench> {
  const everything = await startEverythingHttp();
  const upstreamUrl = `http://127.0.0.1:${everything.port}/mcp`;
  const studios: GatewayStudio[] = [];
  let passThrough: PassThrough | undefined;
  try {
    passThrough = await startPassThrough(upstreamUrl);
    const metered = await startGatewayStudio(targets.metered, upstreamUrl, {});
    studios.push(metered);
    const unmetered = await startGatewayStudio(targets.unmetered, upstreamUrl, { EXTERNAL_MCP_METERING: 'false' });
    studios.push(unmetered);
    const gatewayOf = ({ studio, token, server }: GatewayStudio): McpEndpoint => ({
      url: `${studio.base}/mcp`,
      token,
      tool: `${server.slug}__echo`,
    });
    const endpoints: Record<GatewayPath, McpEndpoint> = {
      direct: { url: upstreamUrl, tool: 'echo' },
      'pass-through': { url: passThrough.url, tool: 'echo' },
      gateway: gatewayOf(metered),
      proxy: {
        url: `${metered.studio.base}/api/v1/external-mcp/${metered.server.id}/mcp`,
        token: metered.token,
        tool: 'echo',
      },
      'gateway, metering off': gatewayOf(unmetered),
    };
    // Every path's code is compiled and optimized before anything is measured: otherwise the first path through the
    // studio (the gateway at concurrency 1) pays for the JIT warming up, and the studio measured after it does not.
    for (const path of GATEWAY_PATHS) {
      const warm = { endpoints: [endpoints[path]], message: MESSAGE, concurrency: WARMUP_CONCURRENCY, warmup: 0 };
      await mcpLoad({ ...warm, calls: JIT_WARMUP_CALLS });
    }
    const results: GatewayResult[] = [];
    const eras = new Map<GatewayPath, Set<string>>(GATEWAY_PATHS.map((path) => [path, new Set()]));
    const record = (path: GatewayPath, concurrency: number, reply: McpLoadReply, alongside?: GatewayResult) => {
      eras.get(path)?.add(reply.era);
      const result = summarize(path, concurrency, reply.times, reply.seconds);
      if (alongside) result.alongside = { p50: alongside.p50, callsPerSecond: alongside.callsPerSecond };
      progress(
        `  ${path} c=${concurrency}: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ` +
          `${Math.round(result.callsPerSecond)} calls/s (${result.calls} calls, ${reply.era} era)` +
          (alongside ? `; direct alongside: p50 ${alongside.p50.toFixed(2)} ms` : ''),
      );
      results.push(result);
    };
    const settle = () => Promise.all(studios.map(({ studio }) => studio.settle()));
    for (const concurrency of GATEWAY_CONCURRENCIES) {
      const cell = {
        message: MESSAGE,
        concurrency,
        warmup: Math.max(WARMUP_CALLS, concurrency),
        calls: Math.max(CALLS, concurrency),
      };
      if (concurrency === 1) {
        // Alone, each path is called in turn with a direct call, one call at a time: what else the machine does
        // meanwhile falls on both alike. The direct row pools the direct calls of every pair.
        const pooled: McpLoadReply[] = [];
        for (const path of GATEWAY_PATHS.filter((path) => path !== 'direct')) {
          const [direct, through] = await mcpLoad({ ...cell, endpoints: [endpoints.direct, endpoints[path]] });
          await settle();
          if (!direct || !through) throw new Error(`no answer for ${path} called in turn with direct`);
          pooled.push(direct);
          record(path, concurrency, through, summarize('direct', concurrency, direct.times.slice(), direct.seconds));
        }
        record('direct', concurrency, pool(pooled));
        continue;
      }
      for (const path of GATEWAY_PATHS) {
        const [reply] = await mcpLoad({ ...cell, endpoints: [endpoints[path]] });
        await settle();
        if (!reply) throw new Error(`no answer for ${path}`);
        record(path, concurrency, reply);
      }
    }
    const eraOf = (path: GatewayPath) => [...(eras.get(path) ?? [])].join(' and ');
    return {
      database,
      results,
      eras: Object.fromEntries(GATEWAY_PATHS.map((path) => [path, eraOf(path)])) as Record<GatewayPath, string>,
    };
  } finally {
    for (const { studio } of studios) await studio.close();
    await passThrough?.close();
    await everything.stop();
  }
}
