// Terminals and one-off commands on an agent server: real PTYs running as the agent, and `exec`.
import { z } from 'zod';
import { idSchema, isoDateSchema, plainStringSchema } from '../common.js';

export const TERMINAL_STATUSES = ['active', 'idle', 'closed'] as const;
export const terminalStatusSchema = z.enum(TERMINAL_STATUSES);
export type TerminalStatus = z.infer<typeof terminalStatusSchema>;

/** Signals a client may send to a terminal's foreground process. */
export const TERMINAL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;
export const terminalSignalSchema = z.enum(TERMINAL_SIGNALS);
export type TerminalSignal = z.infer<typeof terminalSignalSchema>;

/** A working directory relative to the agent's home ('' or '.' is the home itself). */
export const terminalCwdSchema = plainStringSchema(4096);

export const terminalColsSchema = z.number().int().min(2).max(1000);
export const terminalRowsSchema = z.number().int().min(1).max(500);

export const createTerminalBodySchema = z.object({
  cols: terminalColsSchema.default(80),
  rows: terminalRowsSchema.default(24),
  cwd: terminalCwdSchema.optional(),
});
export type CreateTerminalBody = z.infer<typeof createTerminalBodySchema>;

export const terminalSessionSchema = z.object({
  id: idSchema,
  agentId: idSchema,
  /** `idle` after a minute (or half the idle timeout) without input or output; `closed` once the shell ended. */
  status: terminalStatusSchema,
  cols: z.number().int(),
  rows: z.number().int(),
  /** Relative to the agent's home ('' is the home) — where the shell started. */
  cwd: z.string(),
  createdAt: isoDateSchema,
  lastActivityAt: isoDateSchema,
  /** The shell's process id on the node. */
  pid: z.number().int(),
  /** How many WebSocket clients are attached right now. */
  attached: z.number().int(),
  exitCode: z.number().int().nullable(),
  signal: z.number().int().nullable(),
  closedAt: isoDateSchema.nullable(),
});
export type TerminalSession = z.infer<typeof terminalSessionSchema>;

/** One session in detail: its command history (the lines entered, oldest first, the last 100). */
export const terminalSessionDetailSchema = terminalSessionSchema.extend({ history: z.array(z.string()) });
export type TerminalSessionDetail = z.infer<typeof terminalSessionDetailSchema>;

export const terminalsListSchema = z.object({ terminals: z.array(terminalSessionSchema) });

export const terminalParamsSchema = z.object({ sid: idSchema });

export const terminalBufferQuerySchema = z.object({ encoding: z.enum(['utf8', 'base64']).default('utf8') });
export const terminalBufferSchema = z.object({
  /** The scrollback, as UTF-8 text or base64 of the raw bytes. */
  data: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  /** Bytes held now (at most TERMINAL_SCROLLBACK_BYTES). */
  bytes: z.number().int(),
  /** Bytes the ring has dropped from the start since the session opened. */
  droppedBytes: z.number().int(),
});
export type TerminalBuffer = z.infer<typeof terminalBufferSchema>;

export const terminalInputBodySchema = z.object({
  data: z
    .string()
    .min(1)
    .max(64 * 1024),
});
export type TerminalInputBody = z.infer<typeof terminalInputBodySchema>;

export const terminalKillBodySchema = z.object({ signal: terminalSignalSchema.default('SIGTERM') });
export type TerminalKillBody = z.infer<typeof terminalKillBodySchema>;
export const terminalKillResultSchema = z.object({
  /** The process group that received the signal (the terminal's foreground job). */
  pgid: z.number().int(),
  signal: terminalSignalSchema,
});
export type TerminalKillResult = z.infer<typeof terminalKillResultSchema>;

/**
 * WebSocket /api/terminals/:sid/ws. Binary frames carry raw terminal bytes both ways (output to the client, input
 * from it); text frames carry JSON control messages.
 */
export const terminalClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resize'), cols: terminalColsSchema, rows: terminalRowsSchema }),
  /** For clients that can only send text frames. */
  z.object({ type: z.literal('input'), data: z.string().max(64 * 1024) }),
]);
export type TerminalClientMessage = z.infer<typeof terminalClientMessageSchema>;

export const terminalServerMessageSchema = z.discriminatedUnion('type', [
  /** Sent once the scrollback replay is done; live output follows. */
  z.object({ type: z.literal('ready'), session: terminalSessionSchema }),
  z.object({ type: z.literal('exit'), exitCode: z.number().int().nullable(), signal: z.number().int().nullable() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type TerminalServerMessage = z.infer<typeof terminalServerMessageSchema>;

/** Set by the node on every terminal and command: they say who the agent is. */
export const RESERVED_ENV_NAMES = ['HOME', 'USER', 'LOGNAME', 'SHELL'] as const;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Extra environment for a command: at most 100 variables, valid names, none of the reserved ones. */
export const execEnvSchema = z.record(z.string(), plainStringSchema(32 * 1024)).superRefine((env, ctx) => {
  const names = Object.keys(env);
  if (names.length > 100) ctx.addIssue({ code: 'custom', message: 'At most 100 variables' });
  for (const name of names) {
    if (!ENV_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'Use letters, digits and _, not starting with a digit' });
    } else if ((RESERVED_ENV_NAMES as readonly string[]).includes(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `${name} is set by the node and cannot be changed` });
    }
  }
});

export const execBodySchema = z.object({
  command: plainStringSchema(64 * 1024, 1),
  cwd: terminalCwdSchema.optional(),
  /** Capped by EXEC_MAX_TIMEOUT_MS. */
  timeoutMs: z.number().int().positive().default(30_000),
  env: execEnvSchema.optional(),
});
export type ExecBody = z.input<typeof execBodySchema>;
export type ExecRequest = z.infer<typeof execBodySchema>;

export const execResultSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  /** null when the command was ended by a signal (a timeout, for one). */
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  durationMs: z.number().int(),
  timedOut: z.boolean(),
  /** True when stdout or stderr went past EXEC_MAX_OUTPUT_BYTES and was cut there. */
  truncated: z.boolean(),
});
export type ExecResult = z.infer<typeof execResultSchema>;
