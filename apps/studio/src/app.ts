// buildApp(deps) → the studio's Fastify instance. Tests call it with their own (real) dependencies.
import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { registerAgentServers } from './features/agent-servers/setup.js';
import { Authenticator, bearerFrom } from './features/auth/authenticator.js';
import { LoginThrottle } from './features/auth/loginThrottle.js';
import { authRoutes } from './features/auth/routes.js';
import { AuthService } from './features/auth/service.js';
import { credentialRoutes } from './features/credentials/routes.js';
import { CredentialService } from './features/credentials/service.js';
import { isMcpRoute } from './features/gateway/endpoints.js';
import { proxyRoutes } from './features/gateway/proxy/routes.js';
import { gatewayRoutes } from './features/gateway/routes.js';
import { GatewayService } from './features/gateway/service.js';
import { virtualServerRoutes } from './features/gateway/virtual/routes.js';
import { VirtualServerService } from './features/gateway/virtual/service.js';
import { countGatewayRequests } from './features/monitoring/gatewayRequests.js';
import { metricsRoutes } from './features/monitoring/metricsRoutes.js';
import { listServerAvailability } from './features/monitoring/store.js';
import { orgRoutes } from './features/orgs/routes.js';
import { OrgService } from './features/orgs/service.js';
import { dashboardSocketRoutes } from './features/realtime/dashboardSocket.js';
import { systemStatsPublisher } from './features/realtime/systemStats.js';
import { ConnectionTester } from './features/servers/connectionTest.js';
import { ServerDirectory } from './features/servers/directory.js';
import { ArgumentValidator } from './features/servers/discovery/argumentValidator.js';
import { ToolCallGuard } from './features/servers/discovery/callGuard.js';
import { CatalogService } from './features/servers/discovery/catalogService.js';
import { catalogRoutes } from './features/servers/discovery/routes.js';
import { HealthMonitor } from './features/servers/health/monitor.js';
import { healthRoutes } from './features/servers/health/routes.js';
import { serverImportRoutes } from './features/servers/importRoutes.js';
import { ConnectionManager } from './features/servers/manager/connectionManager.js';
import { serverRoutes } from './features/servers/routes.js';
import { ServerSecrets } from './features/servers/secrets.js';
import { ServerCalls } from './features/servers/serverCalls.js';
import { ServerService } from './features/servers/service.js';
import { listServers } from './features/servers/store.js';
import { checkUrl, type Lookup } from './features/servers/urlPolicy.js';
import { systemRoutes } from './features/system/routes.js';
import { tokenRoutes } from './features/tokens/routes.js';
import { TokenService } from './features/tokens/service.js';
import { UsageReports } from './features/usage/reports.js';
import { usageRoutes } from './features/usage/routes.js';
import { createUsage } from './features/usage/usage.js';
import { AccessTokens } from './platform/auth/jwt.js';
import type { Clock } from './platform/clock.js';
import type { Keyring } from './platform/crypto/keyring.js';
import { Vault } from './platform/crypto/vault.js';
import type { Database } from './platform/db/database.js';
import type { EventBus } from './platform/events/bus.js';
import type { App } from './platform/http/app.js';
import { serveDashboard } from './platform/http/dashboard.js';
import { installErrorHandling } from './platform/http/errorHandler.js';
import { AppError } from './platform/http/errors.js';
import { securityHeaders } from './platform/http/securityHeaders.js';
import { loggerOptions, requestLogger } from './platform/logger.js';
import { StudioMetrics } from './platform/metrics.js';
import { STUDIO_VERSION } from './version.js';

export interface StudioDeps {
  config: Config;
  database: Database;
  keyring: Keyring;
  bus: EventBus;
  clock: Clock;
  /** Where pino writes; tests capture it. Defaults to stdout. */
  logStream?: NodeJS.WritableStream;
  /** Resolves host names for the MCP URL policy; tests give a fixed table. Defaults to the system resolver. */
  lookup?: Lookup;
  /** The built dashboard; defaults to apps/dashboard/dist. */
  dashboardDir?: string;
}

/** How long a process trusts its copy of an organization's servers and catalogs without hearing of a change. */
const SERVER_DIRECTORY_MAX_AGE_MS = 5000;

const defaultDashboardDir = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

export async function buildApp(deps: StudioDeps): Promise<App> {
  const { config, database, keyring, bus, clock } = deps;
  const logger: FastifyServerOptions['logger'] = deps.logStream
    ? { ...loggerOptions(config.logLevel), stream: deps.logStream }
    : loggerOptions(config.logLevel);
  const app = Fastify({
    logger,
    // A hop count becomes the function form Fastify's types accept: trust the first n proxies.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    childLoggerFactory: requestLogger,
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only: a text/plain body is 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  const db = database.db;
  const vault = new Vault(keyring);
  const accessTokens = new AccessTokens(keyring, config.accessTokenTtlSeconds);
  const tokens = new TokenService({ db, clock, bus });
  app.addHook('onClose', async () => tokens.close());
  const orgs = new OrgService({
    db,
    clock,
    bus,
    publicUrl: config.publicUrl,
    invitationTtlHours: config.invitationTtlHours,
  });
  const auth = new AuthService({
    db,
    clock,
    accessTokens,
    throttle: new LoginThrottle({ maxFailures: config.loginMaxFailures, lockoutSeconds: config.loginLockoutSeconds }),
    registration: config.registration,
    refreshTokenTtlDays: config.refreshTokenTtlDays,
    onMemberJoined: (orgId, member) => orgs.announceMember(orgId, member),
  });
  const credentials = new CredentialService({ db, vault, bus, clock });
  const authenticator = new Authenticator({ db, clock, accessTokens, tokens });
  const urlPolicy = {
    allowedProtocols: config.externalMcp.allowedProtocols,
    allowPrivateNetworks: config.externalMcp.allowPrivateNetworks,
  };
  const serverUrlCheck = (url: string) => checkUrl(url, urlPolicy, deps.lookup);
  const metrics = new StudioMetrics(() => listServerAvailability(db));
  const usage = createUsage({
    db,
    clock,
    bus,
    config: config.usage,
    log: app.log,
    onEvent: (event) => metrics.observeCall(event),
  });
  app.decorate('usage', usage);
  app.addHook('onReady', async () => usage.start());
  // Registered before the hook closing the connections, so calls cut off by the shutdown are recorded too.
  app.addHook('onClose', () => usage.close());
  // The catalog follows each server: read again after every (re)connect and when the server says a list changed.
  const connections = new ConnectionManager({
    baseEnv: config.childProcessBaseEnv,
    processLimits: config.serverProcessLimits,
    onConnected: (serverId) => {
      catalog.refreshSoon(serverId, 'connected');
      void health.checkIfUnknown(serverId).catch((err) => app.log.warn({ err, serverId }, 'first health check failed'));
    },
    // The supervisor's verdict after a crash loop shows on the server at once, not after three health checks.
    onStatus: (serverId, status, detail) => {
      if (status !== 'down') return;
      void health
        .recordCrashLoop(serverId, detail ?? 'crash loop')
        .catch((err) => app.log.warn({ err, serverId }, 'recording a crash loop failed'));
    },
    onListChanged: (serverId) => catalog.refreshSoon(serverId, 'list_changed'),
  });
  const catalog: CatalogService = new CatalogService({
    db,
    bus,
    clock,
    log: app.log,
    withClient: (orgId, serverId, fn) => serverCalls.withClient(orgId, serverId, fn),
  });
  // Registered before the hook closing the connections, so it runs after it (onClose hooks run last-in first-out).
  app.addHook('onClose', () => catalog.close());
  const validator = new ArgumentValidator((details) =>
    app.log.warn(details, 'a tool input schema cannot be compiled; its calls go to the server unchecked'),
  );
  const directory = new ServerDirectory({
    catalog,
    listServers: (orgId) => listServers(db, orgId),
    bus,
    now: () => performance.now(),
    maxAgeMs: SERVER_DIRECTORY_MAX_AGE_MS,
  });
  app.addHook('onClose', async () => directory.close());
  const serverCalls: ServerCalls = new ServerCalls({
    db,
    manager: connections,
    directory,
    credentials,
    checkUrl: serverUrlCheck,
    toolGuard: new ToolCallGuard({ catalog, directory, validator }),
    metering: usage.metering,
  });
  const servers = new ServerService({
    db,
    bus,
    clock,
    secrets: new ServerSecrets(credentials),
    checkUrl: serverUrlCheck,
    maxPerOrg: config.externalMcp.maxPerOrg,
    onChanged: (serverId) => serverCalls.close(serverId),
  });
  const health: HealthMonitor = new HealthMonitor({
    db,
    bus,
    clock,
    calls: serverCalls,
    ...config.serverHealth,
    log: app.log,
    onChecked: (serverId, ok) => metrics.countHealthCheck(serverId, ok),
  });
  app.decorate('serverHealth', health);
  app.addHook('onReady', async () => health.start());
  // No orphan process survives the studio: every MCP server connection closes with it. Health checks stop
  // first, so a ping cut off by the shutdown is not recorded as a failure.
  app.addHook('onClose', async () => {
    await health.stop();
    await connections.closeAll();
  });

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const bearer = bearerFrom(request.headers.authorization);
    request.principal = bearer ? await authenticator.authenticate(bearer) : null;
  });
  countGatewayRequests(app, metrics);

  securityHeaders(app, isMcpRoute);
  await app.register(cors, { origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: true });
  await app.register(rateLimit, {
    // A signed-in caller has two budgets: the MCP endpoints (which its MCP clients call at a tool call's pace) and
    // the rest of the API. Anonymous callers have one per address, wherever they knock.
    keyGenerator: (request) => {
      if (!request.principal) return `ip:${request.ip}`;
      const budget = isMcpRoute(request.routeOptions.url ?? '') ? 'mcp' : 'user';
      return `${budget}:${request.principal.userId}`;
    },
    max: (_request, key) => (key.startsWith('mcp:') ? config.gatewayRateLimitPerMinute : config.rateLimitPerMinute),
    timeWindow: 60_000,
    // The x-ratelimit-* headers come with a 429 only: on every other answer each client would parse three headers
    // more per call, which on /mcp cost about a tenth of a millisecond in all.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', 429, `Rate limit of ${context.max} requests per minute exceeded`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'MCP Agent Studio API', version: STUDIO_VERSION },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Access token or mcps_ API token' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  systemRoutes(app, { database, version: STUDIO_VERSION });
  metricsRoutes(app, { metrics, token: config.metricsToken });
  authRoutes(app, auth);
  orgRoutes(app, orgs);
  tokenRoutes(app, tokens);
  credentialRoutes(app, credentials);
  serverRoutes(
    app,
    servers,
    new ConnectionTester({
      credentials,
      checkUrl: serverUrlCheck,
      baseEnv: config.childProcessBaseEnv,
      processLimits: config.serverProcessLimits,
    }),
    serverCalls,
  );
  serverImportRoutes(app, { servers, checkUrl: serverUrlCheck });
  catalogRoutes(app, catalog);
  const gateway = new GatewayService({ directory, calls: serverCalls, metering: usage.metering, log: app.log });
  gatewayRoutes(app, { gateway, metering: usage.metering, db, bus });
  proxyRoutes(app, { directory, calls: serverCalls, metering: usage.metering, timeoutMs: config.proxyTimeoutMs });
  usageRoutes(app, new UsageReports({ db, clock }), usage.quotas);
  virtualServerRoutes(app, new VirtualServerService({ db, clock, bus }));
  healthRoutes(app, { db, clock });
  registerAgentServers(app, { db, bus, clock, vault, config, authenticator, lookup: deps.lookup });
  const sockets = dashboardSocketRoutes(app, {
    authenticator,
    bus,
    initialState: {
      system: async () => ({ version: STUDIO_VERSION, database: database.kind }),
      credentials: async (principal) => ({ credentials: await credentials.list(principal) }),
      members: async (principal) => (principal.can('read', 'Member') ? await orgs.listMembers(principal) : {}),
      servers: async (principal) => ({ servers: await servers.list(principal) }),
    },
  });
  systemStatsPublisher(app, { bus, connections: sockets.connections });
  await serveDashboard(app, deps.dashboardDir ?? defaultDashboardDir);
  return app;
}
