// The agent server's environment as a typed Config: parsed once, failing fast with every bad variable named.
import path from 'node:path';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();
const optionalUrl = z
  .url({ protocol: /^https?$/ })
  .optional()
  .or(z.literal('').transform(() => undefined));

const envSchema = z.object({
  AGENT_SERVER_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./agent-data'),
  /** A name for this node in presence and in the studio; the host name by default. */
  AGENT_SERVER_NAME: z.string().trim().min(1).max(100).optional(),
  /** Where the studio reaches this node; http://HOST:AGENT_SERVER_PORT by default. */
  PUBLIC_URL: optionalUrl,
  STUDIO_URL: optionalUrl,
  REGISTRATION_TOKEN: z.string().min(1).optional(),
  HEARTBEAT_INTERVAL_MS: positiveInt.default(10_000),
  ISOLATION: z.enum(['directory', 'unix-user']).default('directory'),
  MASTER_TOKEN: z.string().min(32, 'Use at least 32 characters').optional(),
  ANTHROPIC_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.anthropic.com'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FS_MAX_READ_BYTES: positiveInt.default(5 * 1024 * 1024),
  FS_MAX_WRITE_BYTES: positiveInt.default(5 * 1024 * 1024),
  FS_SEARCH_MAX_RESULTS: positiveInt.default(200),
  FS_SEARCH_TIMEOUT_MS: positiveInt.default(5000),
  TERMINALS_PER_AGENT: positiveInt.default(5),
  TERMINAL_IDLE_TIMEOUT_MS: positiveInt.default(30 * 60_000),
  TERMINAL_SCROLLBACK_BYTES: positiveInt.default(1024 * 1024),
  EXEC_MAX_OUTPUT_BYTES: positiveInt.default(1024 * 1024),
  EXEC_MAX_TIMEOUT_MS: positiveInt.default(10 * 60_000),
});

export type Env = z.input<typeof envSchema>;

export interface AgentServerConfig {
  port: number;
  host: string;
  dataDir: string;
  name: string | undefined;
  publicUrl: string;
  studioUrl: string | undefined;
  registrationToken: string | undefined;
  heartbeatIntervalMs: number;
  isolation: 'directory' | 'unix-user';
  masterToken: string | undefined;
  anthropicBaseUrl: string;
  logLevel: string;
  fs: { maxReadBytes: number; maxWriteBytes: number; searchMaxResults: number; searchTimeoutMs: number };
  terminals: { perAgent: number; idleTimeoutMs: number; scrollbackBytes: number };
  exec: { maxOutputBytes: number; maxTimeoutMs: number };
  /** PATH and HOME-free basics every terminal and command inherits. */
  basePath: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): AgentServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid agent server configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.STUDIO_URL) !== Boolean(e.REGISTRATION_TOKEN)) {
    throw new ConfigError('Invalid agent server configuration:\n  STUDIO_URL and REGISTRATION_TOKEN go together');
  }
  return {
    port: e.AGENT_SERVER_PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    name: e.AGENT_SERVER_NAME,
    publicUrl: (
      e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.AGENT_SERVER_PORT}`
    ).replace(/\/+$/, ''),
    studioUrl: e.STUDIO_URL,
    registrationToken: e.REGISTRATION_TOKEN,
    heartbeatIntervalMs: e.HEARTBEAT_INTERVAL_MS,
    isolation: e.ISOLATION,
    masterToken: e.MASTER_TOKEN,
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    fs: {
      maxReadBytes: e.FS_MAX_READ_BYTES,
      maxWriteBytes: e.FS_MAX_WRITE_BYTES,
      searchMaxResults: e.FS_SEARCH_MAX_RESULTS,
      searchTimeoutMs: e.FS_SEARCH_TIMEOUT_MS,
    },
    terminals: {
      perAgent: e.TERMINALS_PER_AGENT,
      idleTimeoutMs: e.TERMINAL_IDLE_TIMEOUT_MS,
      scrollbackBytes: e.TERMINAL_SCROLLBACK_BYTES,
    },
    exec: { maxOutputBytes: e.EXEC_MAX_OUTPUT_BYTES, maxTimeoutMs: e.EXEC_MAX_TIMEOUT_MS },
    basePath: env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  };
}
