// The studio's environment as a typed Config: parsed once, failing fast with every bad variable named.
import path from 'node:path';
import type { Plan } from '@mcp-studio/protocol';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalUrl = (protocols: RegExp) =>
  z
    .url({ protocol: protocols })
    .optional()
    .or(z.literal('').transform(() => undefined));

const envSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(/^postgres(ql)?$/),
  REDIS_URL: optionalUrl(/^rediss?$/),
  STUDIO_SECRET_KEY: z.string().optional(),
  STUDIO_PREVIOUS_SECRET_KEYS: z.string().optional(),
  PUBLIC_URL: optionalUrl(/^https?$/),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z.string().default(''),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(100),
  GATEWAY_RATE_LIMIT_PER_MINUTE: positiveInt.default(1000),
  REGISTRATION: z.enum(['invite', 'open']).default('invite'),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt.default(30),
  LOGIN_MAX_FAILURES: positiveInt.default(5),
  LOGIN_LOCKOUT_SECONDS: positiveInt.default(900),
  INVITATION_TTL_HOURS: positiveInt.default(72),
  EXTERNAL_MCP_MAX_PER_ORG: positiveInt.default(50),
  EXTERNAL_MCP_ALLOWED_PROTOCOLS: z
    .string()
    .default('https')
    .transform((value) => splitList(value).map((p) => p.toLowerCase()))
    .pipe(z.array(z.enum(['http', 'https'])).min(1, 'Name at least one of http, https')),
  EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  EXTERNAL_MCP_PROXY_TIMEOUT_MS: positiveInt.default(30_000),
  EXTERNAL_MCP_USAGE_RETENTION_DAYS: positiveInt.default(90),
  EXTERNAL_MCP_FREE_DAILY_LIMIT: z.coerce.number().int().min(0).default(200),
  EXTERNAL_MCP_STARTER_DAILY_LIMIT: z.coerce.number().int().min(0).optional(),
  EXTERNAL_MCP_PRO_DAILY_LIMIT: z.coerce.number().int().min(0).optional(),
  EXTERNAL_MCP_ENTERPRISE_DAILY_LIMIT: z.coerce.number().int().min(0).optional(),
  EXTERNAL_MCP_METERING: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  USAGE_FLUSH_INTERVAL_MS: positiveInt.default(1000),
  METRICS_TOKEN: z.string().min(16, 'Use at least 16 characters').optional(),
  SERVER_HEALTH_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  SERVER_HEALTH_SLOW_MS: positiveInt.default(2000),
  SERVER_HEALTH_RETENTION_DAYS: positiveInt.default(7),
  SERVER_MEMORY_LIMIT_MB: z.coerce.number().int().min(0).default(0),
  SERVER_CPU_TIME_LIMIT_SECONDS: z.coerce.number().int().min(0).default(0),
  AGENT_SERVER_ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  AGENT_SERVER_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  AGENT_SERVER_REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => parseTrustProxy(value, ctx)),
});

/** `false`, `true`, a number of proxy hops, or a comma-separated list of proxy addresses/CIDRs. */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): boolean | number | string[] {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = splitList(value);
  if (list.every((entry) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry))) return list;
  ctx.addIssue({
    code: 'custom',
    message: 'Use false, true, a number of hops, or addresses/CIDRs separated by commas',
  });
  return z.NEVER;
}

export type Env = z.input<typeof envSchema>;

/** Read as they are (not validated): the only studio variables a local MCP server process inherits. */
const CHILD_PROCESS_ENV = ['PATH', 'HOME'] as const;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  secretKey: string | undefined;
  previousSecretKeys: string[];
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** For signed-in callers of the MCP endpoints, counted apart from the rest of the API. */
  gatewayRateLimitPerMinute: number;
  registration: 'invite' | 'open';
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  loginMaxFailures: number;
  loginLockoutSeconds: number;
  invitationTtlHours: number;
  /** What local MCP server processes inherit from the studio's environment: PATH and HOME, nothing else. */
  childProcessBaseEnv: Record<string, string>;
  /** rlimits of every local MCP server process (absent: none); a server's manifest may set lower ones. */
  serverProcessLimits: { memoryMb?: number; cpuSeconds?: number };
  externalMcp: { maxPerOrg: number; allowedProtocols: ('http' | 'https')[]; allowPrivateNetworks: boolean };
  /** Which proxies' X-Forwarded-For to believe for the client address (rate limits, audit). */
  trustProxy: boolean | number | string[];
  /**
   * Metering and quotas of MCP traffic. `dailyLimits` per plan (absent: unlimited); `enabled: false` turns both
   * off. Events are written every `flushIntervalMs` and purged after `retentionDays`.
   */
  usage: {
    enabled: boolean;
    dailyLimits: Partial<Record<Plan, number>>;
    flushIntervalMs: number;
    retentionDays: number;
  };
  /** How long the per-server proxy waits for an answer before it gives up. */
  proxyTimeoutMs: number;
  /** The bearer token `/metrics` requires; without it only loopback callers may read it. */
  metricsToken: string | undefined;
  /** Periodic pings of every enabled server: every `intervalMs` (0 = never), slow above `slowMs`. */
  serverHealth: { intervalMs: number; slowMs: number; retentionDays: number };
  /**
   * Agent servers (nodes): whether their URLs may be private addresses (cloud metadata is always refused), how often
   * the sweep marks silent nodes OFFLINE and polls attached ones (0 = never), and how long a proxied call may take.
   */
  agentServers: { allowPrivateNetworks: boolean; sweepIntervalMs: number; requestTimeoutMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses the environment; throws ConfigError naming every bad variable at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    secretKey: e.STUDIO_SECRET_KEY,
    previousSecretKeys: splitList(e.STUDIO_PREVIOUS_SECRET_KEYS),
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    corsOrigins: splitList(e.CORS_ORIGINS),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    gatewayRateLimitPerMinute: e.GATEWAY_RATE_LIMIT_PER_MINUTE,
    registration: e.REGISTRATION,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockoutSeconds: e.LOGIN_LOCKOUT_SECONDS,
    invitationTtlHours: e.INVITATION_TTL_HOURS,
    trustProxy: e.TRUST_PROXY,
    usage: {
      enabled: e.EXTERNAL_MCP_METERING,
      dailyLimits: {
        FREE: e.EXTERNAL_MCP_FREE_DAILY_LIMIT,
        ...(e.EXTERNAL_MCP_STARTER_DAILY_LIMIT === undefined ? {} : { STARTER: e.EXTERNAL_MCP_STARTER_DAILY_LIMIT }),
        ...(e.EXTERNAL_MCP_PRO_DAILY_LIMIT === undefined ? {} : { PRO: e.EXTERNAL_MCP_PRO_DAILY_LIMIT }),
        ...(e.EXTERNAL_MCP_ENTERPRISE_DAILY_LIMIT === undefined
          ? {}
          : { ENTERPRISE: e.EXTERNAL_MCP_ENTERPRISE_DAILY_LIMIT }),
      },
      flushIntervalMs: e.USAGE_FLUSH_INTERVAL_MS,
      retentionDays: e.EXTERNAL_MCP_USAGE_RETENTION_DAYS,
    },
    proxyTimeoutMs: e.EXTERNAL_MCP_PROXY_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN,
    serverHealth: {
      intervalMs: e.SERVER_HEALTH_INTERVAL_MS,
      slowMs: e.SERVER_HEALTH_SLOW_MS,
      retentionDays: e.SERVER_HEALTH_RETENTION_DAYS,
    },
    agentServers: {
      allowPrivateNetworks: e.AGENT_SERVER_ALLOW_PRIVATE_NETWORKS,
      sweepIntervalMs: e.AGENT_SERVER_SWEEP_INTERVAL_MS,
      requestTimeoutMs: e.AGENT_SERVER_REQUEST_TIMEOUT_MS,
    },
    serverProcessLimits: {
      ...(e.SERVER_MEMORY_LIMIT_MB > 0 ? { memoryMb: e.SERVER_MEMORY_LIMIT_MB } : {}),
      ...(e.SERVER_CPU_TIME_LIMIT_SECONDS > 0 ? { cpuSeconds: e.SERVER_CPU_TIME_LIMIT_SECONDS } : {}),
    },
    childProcessBaseEnv: Object.fromEntries(
      CHILD_PROCESS_ENV.flatMap((name) => (env[name] ? [[name, env[name] as string]] : [])),
    ),
    externalMcp: {
      maxPerOrg: e.EXTERNAL_MCP_MAX_PER_ORG,
      allowedProtocols: e.EXTERNAL_MCP_ALLOWED_PROTOCOLS,
      allowPrivateNetworks: e.EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS,
    },
  };
}
