// Turns what a failed connection test threw into one of the reasons and a message safe to show.
import type { ConnectionCheck } from '@mcp-studio/protocol';
import {
  ProtocolError,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  SseError,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import { describeInvalidReply } from './invalidReply.js';
import type { ProcessExit } from './stdioProcess.js';
import type { ServerTarget } from './transports.js';

export type FailureReason =
  | 'dns'
  | 'refused'
  | 'tls'
  | 'certificate'
  | 'unauthorized'
  | 'forbidden'
  | 'timeout'
  | 'protocol'
  | 'process_exited';

/** Why a test failed, in words safe to show: secrets of the target are redacted. */
export interface FailureSummary {
  reason: FailureReason;
  message: string;
}

export interface TestFailure extends FailureSummary {
  ok: false;
  /** The steps run, the last one failed with `message`. */
  checks: ConnectionCheck[];
}

export interface FailureContext {
  target: ServerTarget;
  timeoutMs: number;
  timedOut: boolean;
  /** What the test was doing, for the message: "connecting", "listing tools"… */
  stage: string;
  /** What fetch threw, with the full cause chain: the SSE transport flattens it into text. */
  networkErrors: readonly unknown[];
  process?: { exit?: ProcessExit; spawnError?: Error; stderrLines: readonly string[] };
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|EPROTO$)/;
// How a TLS 1.3 server that refuses a client certificate looks from the client: the handshake is over, then it hangs up.
const HUNG_UP_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
const STDERR_LINES = 10;
const MAX_LINE = 300;

export function classifyFailure(error: unknown, context: FailureContext): FailureSummary {
  const [reason, message] = classify(error, context);
  return { reason, message: redact(message, secretsOf(context.target)) };
}

function classify(error: unknown, context: FailureContext): [FailureReason, string] {
  const { target, process: child, stage } = context;
  if (target.transport === 'stdio' && child?.spawnError)
    return ['process_exited', describeSpawn(child.spawnError, target.command)];
  if (child?.exit) return ['process_exited', describeExit(child.exit, child.stderrLines, stage)];

  const host = hostOf(target);
  const status = httpStatus(error);
  if (status === 401)
    return ['unauthorized', `${host} answered HTTP 401 Unauthorized: the credentials are missing or wrong.`];
  if (status === 403)
    return ['forbidden', `${host} answered HTTP 403 Forbidden: these credentials may not use this server.`];

  const network = networkError([error, ...context.networkErrors]);
  if (network) {
    const { code, message } = network;
    if (DNS_CODES.has(code)) return ['dns', `Could not resolve the host name of ${host} (${code}).`];
    if (CERTIFICATE_CODE.test(code))
      return ['certificate', `The certificate of ${host} was rejected: ${message} (${code}).`];
    if (TLS_CODE.test(code))
      return ['tls', `The TLS handshake with ${host} failed (${code}): is it an https:// endpoint?`];
    if (code === 'ECONNREFUSED') return ['refused', `Nothing accepted the connection at ${host} (ECONNREFUSED).`];
    if (target.transport !== 'stdio' && target.tls && HUNG_UP_CODES.has(code)) {
      const why = 'it may refuse the client certificate';
      return ['tls', `${host} closed the connection after the TLS handshake (${code}): ${why}.`];
    }
    if (CONNECT_CODES.has(code)) return ['refused', `Could not keep a connection to ${host} (${code}).`];
    if (TIMEOUT_CODES.has(code)) return ['timeout', `${host} did not answer in time (${code}) while ${stage}.`];
  }
  if (context.timedOut || isSdkError(error, SdkErrorCode.RequestTimeout)) {
    return ['timeout', `No answer within ${context.timeoutMs} ms while ${stage}.`];
  }
  return [
    'protocol',
    `Not an MCP server, or not one this studio understands (while ${stage}): ${protocolDetail(error, status)}.`,
  ];
}

/** The chain of causes (and AggregateError members) below an error, the error first. */
function chainOf(error: unknown): unknown[] {
  const seen: unknown[] = [];
  const queue = [error];
  while (queue.length > 0 && seen.length < 20) {
    const next = queue.shift();
    if (next === undefined || next === null || seen.includes(next)) continue;
    seen.push(next);
    if (next instanceof Error) {
      queue.push(next.cause);
      if (next instanceof AggregateError) queue.push(...next.errors);
    }
  }
  return seen;
}

function httpStatus(error: unknown): number | undefined {
  for (const link of chainOf(error)) {
    if (SdkHttpError.isInstance(link)) return link.status;
    if (UnauthorizedError.isInstance(link)) return 401;
    if (SseError.isInstance(link) && typeof link.code === 'number' && link.code !== 200) return link.code;
  }
  return undefined;
}

function networkError(errors: readonly unknown[]): { code: string; message: string } | undefined {
  for (const link of errors.flatMap(chainOf)) {
    if (!(link instanceof Error) || SdkError.isInstance(link)) continue;
    const code: unknown = Reflect.get(link, 'code');
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return { code, message: firstLine(link.message) };
  }
  return undefined;
}

function isSdkError(error: unknown, code: SdkErrorCode): boolean {
  return chainOf(error).some((link) => SdkError.isInstance(link) && link.code === code);
}

function protocolDetail(error: unknown, status: number | undefined): string {
  if (status !== undefined) return `it answered HTTP ${status}`;
  const chain = chainOf(error);
  for (const link of chain) {
    if (SdkError.isInstance(link) && link.code === SdkErrorCode.ClientHttpUnexpectedContent) {
      const type: unknown =
        typeof link.data === 'object' && link.data ? Reflect.get(link.data, 'contentType') : undefined;
      return `it answered with ${typeof type === 'string' ? type : 'an unexpected content type'} instead of JSON-RPC`;
    }
    if (SseError.isInstance(link)) return `its event stream was refused (${firstLine(link.message)})`;
    const invalid = describeInvalidReply(link);
    if (invalid) return `its reply to ${invalid.method} does not follow the MCP schema (${invalid.issues})`;
    if (link instanceof Error && (link.name === 'ZodError' || link.name === 'SyntaxError')) {
      return 'its reply is not valid MCP JSON-RPC';
    }
    if (ProtocolError.isInstance(link)) return `it returned JSON-RPC error ${link.code}: ${firstLine(link.message)}`;
  }
  return error instanceof Error ? firstLine(error.message) : 'no usable answer';
}

function describeSpawn(error: Error, command: string): string {
  const code: unknown = Reflect.get(error, 'code');
  if (code === 'ENOENT') return `Could not start "${command}": no such command or working directory (ENOENT).`;
  if (code === 'EACCES') return `Could not start "${command}": permission denied (EACCES).`;
  return `Could not start "${command}": ${typeof code === 'string' ? code : firstLine(error.message)}.`;
}

function describeExit(exit: ProcessExit, stderrLines: readonly string[], stage: string): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const lines = stderrLines.slice(-STDERR_LINES).map((line) => line.slice(0, MAX_LINE));
  const tail = lines.length > 0 ? ` Last lines on stderr:\n${lines.join('\n')}` : ' It wrote nothing to stderr.';
  return `The server process ${how} while ${stage}.${tail}`;
}

/** host:port of an HTTP target, never its credentials, path or query (an API key may live there). */
function hostOf(target: ServerTarget): string {
  if (target.transport === 'stdio') return target.command;
  try {
    return new URL(target.url).host;
  } catch {
    return 'the server';
  }
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim().slice(0, MAX_LINE);
}

/** Header and env values: a message must never carry them, even when a server echoes them back. */
function secretsOf(target: ServerTarget): string[] {
  const values = Object.values((target.transport === 'stdio' ? target.env : target.headers) ?? {});
  const parts = values.flatMap((value) => value.split(/\s+/).filter((part) => part.length >= 8));
  return [...values, ...parts].filter((value) => value.length >= 4).sort((a, b) => b.length - a.length);
}

function redact(message: string, secrets: readonly string[]): string {
  return secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), message);
}
