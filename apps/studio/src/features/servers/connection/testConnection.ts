// "Test connection": open a session the way the manager does, ping, list what the server offers, close; step by step.

import type { ConnectionCheck } from '@mcp-studio/protocol';
import {
  type FetchLike,
  ProtocolError,
  ProtocolErrorCode,
  type ServerCapabilities,
  type Tool,
  type Transport,
} from '@modelcontextprotocol/client';
import { closeSession, openSession, type Session } from '../manager/session.js';
import { CheckLog, type CheckName, NOT_OFFERED } from './checkLog.js';
import { EXIT_SETTLE_MS } from './clientSession.js';
import { classifyFailure, type TestFailure } from './failures.js';
import { StdioProcessTransport } from './stdioProcess.js';
import type { ServerTarget, TransportOptions } from './transports.js';

export type { FailureReason, TestFailure } from './failures.js';

export interface ToolPreview {
  name: string;
  title?: string;
  description?: string;
}

export interface TestSuccess {
  ok: true;
  protocolVersion: string;
  /** Empty strings when a 2026-07-28 server does not identify itself (a SHOULD in that revision). */
  serverInfo: { name: string; version: string };
  capabilities: ServerCapabilities;
  counts: { tools: number; resources: number; prompts: number };
  checks: ConnectionCheck[];
  /** What the server offers, to choose which tools to enable; descriptions are cut at MAX_DESCRIPTION. */
  tools: ToolPreview[];
  /** From the start of the handshake to the end of the last list. */
  latencyMs: number;
}
export type TestResult = TestSuccess | TestFailure;

export interface TestConnectionOptions extends TransportOptions {
  /** Budget for the whole test; closing the connection afterwards comes on top. */
  timeoutMs: number;
}

const MAX_DESCRIPTION = 2000;
const STAGES: Record<CheckName, string> = {
  connect: 'connecting',
  initialize: 'initializing',
  ping: 'pinging',
  tools: 'listing tools',
  resources: 'listing resources',
  prompts: 'listing prompts',
};

/** Never throws: every failure becomes `{ ok: false, reason, message, checks }`, and the connection is always closed. */
export async function testConnection(target: ServerTarget, options: TestConnectionOptions): Promise<TestResult> {
  const startedAt = performance.now();
  const deadline = Date.now() + options.timeoutMs;
  const log = new CheckLog(startedAt);
  const watch = new ConnectWatch();
  const abort = new AbortController();
  let abortedAt: number | undefined;
  const timer = setTimeout(() => {
    abortedAt = performance.now();
    abort.abort();
  }, options.timeoutMs);
  const requestOptions = () => ({ timeout: Math.max(1, deadline - Date.now()), signal: abort.signal });
  const progress: { step: CheckName } = { step: 'connect' };
  let session: Session | undefined;
  try {
    // The same open as the manager's: era negotiation, and the legacy retry for strict stdio servers.
    session = await openSession(
      target,
      { ...options, wrapFetch: watch.wrapFetch, onTransport: watch.add, signal: abort.signal },
      () => {},
    );
    log.pass('connect', undefined, watch.connectedAt ?? performance.now());
    log.pass('initialize');
    return await runChecks(session, log, requestOptions, progress, startedAt);
  } catch (error) {
    if (progress.step === 'connect' && watch.connectedAt !== undefined) {
      log.pass('connect', undefined, watch.connectedAt);
      progress.step = 'initialize';
    }
    const stdio = watch.stdio;
    // A crash after the handshake: let the exit and its stderr arrive before they are read.
    if (stdio && session) await stdio.waitForExit(EXIT_SETTLE_MS);
    const failure = classifyFailure(error, {
      target,
      timeoutMs: options.timeoutMs,
      timedOut: abort.signal.aborted,
      stage: STAGES[progress.step],
      networkErrors: watch.networkErrors,
      process: processOf(stdio),
    });
    // A timed-out step ends at the deadline, not once a stubborn process has been killed.
    log.fail(progress.step, failure.message, abortedAt ?? performance.now());
    return { ok: false, ...failure, checks: log.checks };
  } finally {
    clearTimeout(timer);
    if (session) await closeSession(session);
  }
}

async function runChecks(
  session: Session,
  log: CheckLog,
  requestOptions: () => { timeout: number; signal: AbortSignal },
  progress: { step: CheckName },
  startedAt: number,
): Promise<TestSuccess> {
  const { client } = session;
  progress.step = 'ping';
  // The 2026-07-28 revision has no `ping`; `server/discover` is its cheapest round trip.
  if (session.era === 'modern') await client.discover(requestOptions());
  else await client.ping(requestOptions());
  log.pass('ping');
  const capabilities = client.getServerCapabilities() ?? {};
  // Only ask for what the server advertises: the SDK would answer [] but log a warning for each.
  progress.step = 'tools';
  const tools = await listIfOffered(Boolean(capabilities.tools), async () => {
    return (await client.listTools({}, requestOptions())).tools;
  });
  log.pass('tools', tools.note);
  progress.step = 'resources';
  const resources = await listIfOffered(Boolean(capabilities.resources), async () => {
    return (await client.listResources({}, requestOptions())).resources;
  });
  log.pass('resources', resources.note);
  progress.step = 'prompts';
  const prompts = await listIfOffered(Boolean(capabilities.prompts), async () => {
    return (await client.listPrompts({}, requestOptions())).prompts;
  });
  log.pass('prompts', prompts.note);
  const latencyMs = Math.round(performance.now() - startedAt);
  const info = client.getServerVersion();
  return {
    ok: true,
    protocolVersion: client.getNegotiatedProtocolVersion() ?? '',
    serverInfo: { name: info?.name ?? '', version: info?.version ?? '' },
    capabilities,
    counts: { tools: tools.items.length, resources: resources.items.length, prompts: prompts.items.length },
    latencyMs,
    checks: log.checks,
    tools: tools.items.map(previewOf),
  };
}

/**
 * The SDK walks every `nextCursor` page when given no cursor. A capability the server does not advertise, or
 * advertises without implementing its list method, lists nothing: the step passes with a note.
 */
async function listIfOffered<T>(isOffered: boolean, list: () => Promise<T[]>): Promise<{ items: T[]; note?: string }> {
  if (!isOffered) return { items: [], note: NOT_OFFERED };
  try {
    return { items: await list() };
  } catch (error) {
    if (ProtocolError.isInstance(error) && error.code === ProtocolErrorCode.MethodNotFound) {
      return { items: [], note: 'advertised, but the server does not implement the list method' };
    }
    throw error;
  }
}

function previewOf(tool: Tool): ToolPreview {
  const title = tool.title ?? tool.annotations?.title;
  const description = tool.description;
  return {
    name: tool.name,
    ...(title ? { title } : {}),
    ...(description
      ? {
          description: description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION)}…` : description,
        }
      : {}),
  };
}

/** An exit the studio caused by closing the connection is not the server's: only its own exit is reported. */
function processOf(stdio: StdioProcessTransport | undefined) {
  if (!stdio) return undefined;
  const exit = stdio.exit?.afterClose ? undefined : stdio.exit;
  return { exit, spawnError: stdio.spawnError, stderrLines: stdio.stderrTail.lastLines(10) };
}

/** What Test connection sees of the open: the transports made, the first sign of life, and network errors. */
class ConnectWatch {
  readonly networkErrors: unknown[] = [];
  private readonly transports: Transport[] = [];
  private answeredAt?: number;

  readonly add = (transport: Transport): void => {
    this.transports.push(transport);
  };

  /** The process spawned (stdio) or the endpoint gave an HTTP answer, whatever its status: the "connect" step. */
  get connectedAt(): number | undefined {
    const spawned = this.transports.flatMap((t) =>
      t instanceof StdioProcessTransport && t.spawnedAt ? [t.spawnedAt] : [],
    );
    return spawned[0] ?? this.answeredAt;
  }

  /** The last attempt's process, whose exit and stderr explain a failure. */
  get stdio(): StdioProcessTransport | undefined {
    const last = this.transports.at(-1);
    return last instanceof StdioProcessTransport ? last : undefined;
  }

  readonly wrapFetch = (inner: FetchLike): FetchLike => {
    return async (url, init) => {
      try {
        const response = await inner(url, init);
        this.answeredAt ??= performance.now();
        return response;
      } catch (error) {
        // What fetch threw, with its full cause chain: the SSE transport flattens it into text.
        this.networkErrors.push(error);
        throw error;
      }
    };
  };
}
