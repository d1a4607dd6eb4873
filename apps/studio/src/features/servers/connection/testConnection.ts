// "Test connection": connect, negotiate the protocol era, ping, count tools/resources/prompts, then close.

import type { ConnectionCheck } from '@mcp-studio/protocol';
import {
  Client,
  type FetchLike,
  ProtocolError,
  ProtocolErrorCode,
  SdkError,
  SdkErrorCode,
  type ServerCapabilities,
  type Transport,
} from '@modelcontextprotocol/client';
import { CLIENT_INFO, closeGracefully, EXIT_SETTLE_MS } from './clientSession.js';
import { classifyFailure, type TestFailure } from './failures.js';
import { StdioProcessTransport } from './stdioProcess.js';
import { createTransport, type ServerTarget, type TransportOptions } from './transports.js';

export type { FailureReason, TestFailure } from './failures.js';

export interface TestSuccess {
  ok: true;
  protocolVersion: string;
  /** Empty strings when a 2026-07-28 server does not identify itself (a SHOULD in that revision). */
  serverInfo: { name: string; version: string };
  capabilities: ServerCapabilities;
  counts: { tools: number; resources: number; prompts: number };
  checks: ConnectionCheck[];
  tools: { name: string; title?: string; description?: string }[];
  /** From the start of the handshake to the end of the last list. */
  latencyMs: number;
}
export type TestResult = TestSuccess | TestFailure;

export interface TestConnectionOptions extends TransportOptions {
  /** Budget for the whole test; closing the connection afterwards comes on top. */
  timeoutMs: number;
}

type EraMode = 'auto' | 'legacy';
type Progress = { stage: string };

/** Never throws: every failure becomes `{ ok: false, reason, message }`, and the connection is always closed. */
export async function testConnection(target: ServerTarget, options: TestConnectionOptions): Promise<TestResult> {
  const deadline = Date.now() + options.timeoutMs;
  const first = await attempt(target, options, deadline, 'auto');
  // A stdio server that exits on the unknown pre-initialize `server/discover` probe is a 2025-era server.
  return first.legacyMayHelp ? (await attempt(target, options, deadline, 'legacy')).result : first.result;
}

async function attempt(
  target: ServerTarget,
  options: TestConnectionOptions,
  deadline: number,
  mode: EraMode,
): Promise<{ result: TestResult; legacyMayHelp: boolean }> {
  const networkErrors: unknown[] = [];
  const progress: Progress = { stage: 'connecting' };
  const context = { target, timeoutMs: options.timeoutMs, networkErrors, timedOut: false };
  let transport: Transport;
  try {
    transport = createTransport(target, { ...options, fetch: recordingFetch(options.fetch ?? fetch, networkErrors) });
  } catch (error) {
    return { result: classifyFailure(error, { ...context, stage: 'reading the target' }), legacyMayHelp: false };
  }
  const stdio = transport instanceof StdioProcessTransport ? transport : undefined;
  const budget = Math.max(1, deadline - Date.now());
  // On stdio a silent probe means "legacy server", so it gets a share of the budget, not all of it.
  const probe = stdio ? { timeoutMs: Math.max(1, Math.floor(budget / 3)) } : {};
  const client = new Client(CLIENT_INFO, { versionNegotiation: { mode, probe } });
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('timeout');
    }, budget);
  });
  const checks = runChecks(client, transport, deadline, abort.signal, progress);
  checks.catch(() => {}); // when the deadline wins, the checks fail later as the connection closes
  try {
    const outcome = await Promise.race([checks, timedOut]);
    if (outcome !== 'timeout') return { result: outcome, legacyMayHelp: false };
    const failure = classifyFailure(undefined, { ...context, ...progress, timedOut: true, process: processOf(stdio) });
    return { result: failure, legacyMayHelp: false };
  } catch (error) {
    if (stdio) await stdio.waitForExit(EXIT_SETTLE_MS);
    const legacyMayHelp = mode === 'auto' && stdio?.exit !== undefined && isEraNegotiationFailure(error);
    return { result: classifyFailure(error, { ...context, ...progress, process: processOf(stdio) }), legacyMayHelp };
  } finally {
    clearTimeout(timer);
    await closeGracefully(client, transport);
  }
}

async function runChecks(
  client: Client,
  transport: Transport,
  deadline: number,
  signal: AbortSignal,
  progress: Progress,
): Promise<TestSuccess> {
  const requestOptions = () => ({ timeout: Math.max(1, deadline - Date.now()), signal });
  const started = performance.now();
  await client.connect(transport, requestOptions());
  progress.stage = 'pinging';
  // The 2026-07-28 revision has no `ping`; `server/discover` is its cheapest round trip.
  if (client.getProtocolEra() === 'modern') await client.discover(requestOptions());
  else await client.ping(requestOptions());
  const capabilities = client.getServerCapabilities() ?? {};
  // Only ask for what the server advertises: the SDK would answer [] but log a warning for each.
  progress.stage = 'listing tools';
  const tools = capabilities.tools ? await count(async () => (await client.listTools({}, requestOptions())).tools) : 0;
  progress.stage = 'listing resources';
  const resources = capabilities.resources
    ? await count(async () => (await client.listResources({}, requestOptions())).resources)
    : 0;
  progress.stage = 'listing prompts';
  const prompts = capabilities.prompts
    ? await count(async () => (await client.listPrompts({}, requestOptions())).prompts)
    : 0;
  const latencyMs = Math.round(performance.now() - started);
  const info = client.getServerVersion();
  return {
    ok: true,
    protocolVersion: client.getNegotiatedProtocolVersion() ?? '',
    serverInfo: { name: info?.name ?? '', version: info?.version ?? '' },
    capabilities,
    counts: { tools, resources, prompts },
    latencyMs,
    checks: [], // interim: the per-check outcomes are being built
    tools: [],
  };
}

/** The SDK walks every `nextCursor` page when given no cursor; an advertised but missing method counts 0. */
async function count(list: () => Promise<readonly unknown[]>): Promise<number> {
  try {
    return (await list()).length;
  } catch (error) {
    if (ProtocolError.isInstance(error) && error.code === ProtocolErrorCode.MethodNotFound) return 0;
    throw error;
  }
}

function isEraNegotiationFailure(error: unknown): boolean {
  return SdkError.isInstance(error) && error.code === SdkErrorCode.EraNegotiationFailed;
}

function processOf(stdio: StdioProcessTransport | undefined) {
  if (!stdio) return undefined;
  return { exit: stdio.exit, spawnError: stdio.spawnError, stderrLines: stdio.stderrTail.lastLines(10) };
}

function recordingFetch(inner: FetchLike, sink: unknown[]): FetchLike {
  return async (url, init) => {
    try {
      return await inner(url, init);
    } catch (error) {
      sink.push(error);
      throw error;
    }
  };
}
