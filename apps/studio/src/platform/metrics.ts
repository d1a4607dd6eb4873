// The studio's Prometheus metrics: one registry per app, and only labels whose values the studio itself bounds.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What a metered call leaves behind, as far as metrics look at it (a usage row has these fields and more). */
export interface ObservedCall {
  serverId?: string | null;
  method: string;
  /** The tool or prompt name, or the resource URI. */
  tool: string;
  status: string;
  errorCode?: string | null;
  latencyMs: number;
}

/** An enabled server as the availability gauge shows it. */
export interface ServerAvailability {
  id: string;
  slug: string;
  name: string;
  status: string;
}

export type GatewayEndpoint = 'mcp' | 'virtual' | 'proxy';

/** The JSON-RPC methods a client sends a server; anything else is counted as `other`, so callers cannot add series. */
const CLIENT_METHODS: ReadonlySet<string> = new Set([
  'initialize',
  'ping',
  'server/discover',
  'subscriptions/listen',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
  'tasks/get',
  'tasks/list',
  'tasks/result',
  'tasks/cancel',
  'notifications/initialized',
  'notifications/cancelled',
  'notifications/progress',
  'notifications/roots/list_changed',
]);

const AVAILABILITY: Readonly<Record<string, number>> = { healthy: 1, warning: 0.5, down: 0 };

/** Distinct tool labels kept per server; a proxy can forward names no catalog vouches for. */
const MAX_TOOLS_PER_SERVER = 500;

/** Upstream calls take from milliseconds to the 30 s proxy timeout and beyond. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

let processRegistry: Registry | undefined;

/**
 * Node's default metrics describe the process, not an app, and each collection adds a GC observer and an event
 * loop monitor that are never removed: collected once per process, however many apps tests build.
 */
function defaultMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function jsonRpcMethodLabel(method: unknown): string {
  if (typeof method !== 'string') return 'none';
  return CLIENT_METHODS.has(method) ? method : 'other';
}

export class StudioMetrics {
  // Per app, never prom-client's global registry: tests build many apps in one process.
  private readonly registry = new Registry();
  private readonly toolsSeen = new Map<string, Set<string>>();

  private readonly availability = new Gauge({
    name: 'external_mcp_availability',
    help: 'Health of each enabled MCP server: 1 healthy, 0.5 degraded (warning), 0 down; unknown is left out.',
    labelNames: ['server'] as const,
    registers: [this.registry],
  });

  private readonly serverInfo = new Gauge({
    name: 'external_mcp_server_info',
    help: 'Always 1: the slug and name of each enabled MCP server, to join on `server` for display.',
    labelNames: ['server', 'slug', 'name'] as const,
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'external_mcp_latency_seconds',
    help: 'Metered MCP calls (tools/call, resources/read, prompts/get) by server, tool and outcome.',
    labelNames: ['server', 'tool', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly errors = new Counter({
    name: 'external_mcp_errors_total',
    help: 'Metered MCP calls that failed or timed out, by server and error code.',
    labelNames: ['server', 'code'] as const,
    registers: [this.registry],
  });

  private readonly quotaRejections = new Counter({
    name: 'mcp_quota_rejections_total',
    help: 'Metered MCP calls refused because their user was over the daily quota.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });

  private readonly gatewayRequests = new Counter({
    name: 'mcp_gateway_requests_total',
    help: 'JSON-RPC messages received by the MCP endpoints (a batch counts each), by endpoint and method.',
    labelNames: ['endpoint', 'method'] as const,
    registers: [this.registry],
  });

  private readonly healthChecks = new Counter({
    name: 'external_mcp_health_checks_total',
    help: 'Health checks recorded for each MCP server, by result.',
    labelNames: ['server', 'result'] as const,
    registers: [this.registry],
  });

  /** @param listServers the enabled servers, read at every scrape so the gauge is as fresh as the database. */
  constructor(private readonly listServers: () => Promise<ServerAvailability[]>) {}

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One usage event. Calls refused before a server was found carry a caller-chosen name: only quotas count them. */
  observeCall(call: ObservedCall): void {
    if (call.status === 'quota') this.quotaRejections.inc({ method: call.method });
    if (!call.serverId) return;
    const server = call.serverId;
    this.latency.observe(
      { server, tool: this.toolLabel(server, call), status: call.status },
      Math.max(0, call.latencyMs) / 1000,
    );
    if (call.status === 'error' || call.status === 'timeout') {
      this.errors.inc({ server, code: call.errorCode ?? call.status });
    }
  }

  countHealthCheck(serverId: string, ok: boolean): void {
    this.healthChecks.inc({ server: serverId, result: ok ? 'ok' : 'failed' });
  }

  countGatewayRequest(endpoint: GatewayEndpoint, methods: readonly unknown[]): void {
    for (const method of methods) this.gatewayRequests.inc({ endpoint, method: jsonRpcMethodLabel(method) });
  }

  /** The exposition text: this app's metrics and the process's. */
  async render(): Promise<string> {
    const servers = await this.listServers();
    this.availability.reset();
    this.serverInfo.reset();
    for (const server of servers) {
      this.serverInfo.set({ server: server.id, slug: server.slug, name: server.name }, 1);
      const value = AVAILABILITY[server.status];
      if (value !== undefined) this.availability.set({ server: server.id }, value);
    }
    return Registry.merge([this.registry, defaultMetrics()]).metrics();
  }

  private toolLabel(serverId: string, call: ObservedCall): string {
    // A resource URI may carry anything (ids, paths): the method stands for it.
    if (call.method === 'resources/read') return call.method;
    let seen = this.toolsSeen.get(serverId);
    if (!seen) {
      seen = new Set();
      this.toolsSeen.set(serverId, seen);
    }
    if (seen.has(call.tool)) return call.tool;
    if (seen.size >= MAX_TOOLS_PER_SERVER) return 'other';
    seen.add(call.tool);
    return call.tool;
  }
}
