// Connection manager tests against real stdio MCP servers: server-everything from npm and small fixtures.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../../test/fixtureServers.js';
import { npmServerEntry } from '../../../test/peers.js';
import { pickBaseEnv } from '../connection/stdioProcess.js';
import type { ServerTarget } from '../connection/transports.js';
import {
  ConnectionManager,
  type ConnectionManagerOptions,
  type ManagedServer,
  type ServerStatus,
} from './connectionManager.js';
import { ConnectionLostError, RequestTimeoutError, ServerBusyError, ServerDownError } from './errors.js';
import { backoffDelay } from './supervision.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const supervisedFixture = path.join(here, 'fixtures/supervisedServer.mjs');
const exitingFixture = path.join(here, '../connection/fixtures/exitWithStderr.mjs');
const everythingBin = npmServerEntry('@modelcontextprotocol/server-everything');
const node = process.execPath;

const managers: ConnectionManager[] = [];
const seenPids = new Set<number>();

/** A manager with short test timings whose status changes are recorded in `events`. */
function setUp(options: Partial<ConnectionManagerOptions> = {}) {
  const events: { status: ServerStatus; detail?: string }[] = [];
  const manager = new ConnectionManager({
    baseEnv: pickBaseEnv(process.env),
    backoff: { initialMs: 20, maxMs: 200, jitter: 0.5 },
    crashLoop: { exits: 3, windowMs: 10_000 },
    onStatus: (_id, status, detail) => events.push({ status, detail }),
    ...options,
  });
  managers.push(manager);
  return { manager, events };
}

/** A server whose `target()` calls (one per connect) are counted. */
function server(id: string, target: ServerTarget, limits: Partial<ManagedServer> = {}) {
  const counter = { connects: 0 };
  const managed: ManagedServer = {
    id,
    target: async () => {
      counter.connects++;
      return target;
    },
    timeoutMs: 10_000,
    maxConcurrency: 4,
    ...limits,
  };
  return { managed, counter };
}

const fixture = (env: Record<string, string> = {}): ServerTarget => ({
  transport: 'stdio',
  command: node,
  args: [supervisedFixture],
  env,
});

async function call(client: Client, signal: AbortSignal, name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args }, { signal })) as CallToolResult;
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}

function pidOf(manager: ConnectionManager, id: string): number {
  const pid = manager.pid(id);
  if (pid === null) throw new Error(`${id} has no process`);
  seenPids.add(pid);
  return pid;
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterAll(async () => {
  await Promise.all(managers.map((manager) => manager.closeAll()));
  // Every child leads its own process group; anything still in one of those groups is an orphan of ours
  // (other test files run the same fixtures at the same time, so matching on the command line would see theirs).
  const ps = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  const leftovers = ps
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, pgid, stat]) => pid && seenPids.has(Number(pgid)) && !stat?.startsWith('Z'));
  expect(leftovers).toEqual([]);
  expect([...seenPids].filter(isAlive)).toEqual([]);
});

describe('ConnectionManager', () => {
  it('opens one shared server-everything process for 20 concurrent callers', async () => {
    const { manager } = setUp();
    const { managed, counter } = server('everything', {
      transport: 'stdio',
      command: node,
      args: [everythingBin, 'stdio'],
    });
    const pids = new Set<number>();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        manager.use(managed, async (client, signal) => {
          pids.add(pidOf(manager, 'everything'));
          return call(client, signal, 'echo', { message: `hello ${i}` });
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => `Echo: hello ${i}`));
    expect(counter.connects).toBe(1);
    expect(pids.size).toBe(1);
    expect(manager.status('everything')).toBe('ready');
  });

  it('refuses the fifth concurrent call with ServerBusyError when 2 run and 2 wait', async () => {
    const { manager } = setUp();
    const { managed } = server('busy', fixture(), { maxConcurrency: 2, maxQueue: 2 });
    await manager.use(managed, async (client, signal) => call(client, signal, 'echo', { text: 'warm' }));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        manager.use(managed, (client, signal) => call(client, signal, 'sleep', { ms: 300 })),
      ),
    );
    const busy = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ServerBusyError);
    const slept = outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'slept');
    expect(busy).toHaveLength(1);
    expect(slept).toHaveLength(4);
  });

  it('fails a slow call with RequestTimeoutError and keeps the connection usable', async () => {
    const { manager } = setUp();
    const { managed, counter } = server('slow', fixture(), { timeoutMs: 300 });
    const started = Date.now();
    const slow = manager.use(managed, (client, signal) => call(client, signal, 'sleep', { ms: 5000 }));
    await expect(slow).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
    const pid = pidOf(manager, 'slow');
    await expect(
      manager.use(managed, (client, signal) => call(client, signal, 'echo', { text: 'still here' })),
    ).resolves.toBe('Echo: still here');
    expect(pidOf(manager, 'slow')).toBe(pid);
    expect(counter.connects).toBe(1);
  });

  it('fails the pending call promptly when the process crashes, restarts it with backoff, and serves the next call', async () => {
    const { manager, events } = setUp();
    const { managed } = server('crashy', fixture({ FIXTURE_CRASH_AFTER: '1' }));
    const echo = () => manager.use(managed, (client, signal) => call(client, signal, 'echo', { text: 'hi' }));
    await expect(echo()).resolves.toBe('Echo: hi');
    const firstPid = pidOf(manager, 'crashy');
    const started = Date.now();
    await expect(echo()).rejects.toBeInstanceOf(ConnectionLostError);
    expect(Date.now() - started).toBeLessThan(2000);
    await waitFor(() => manager.status('crashy') === 'ready');
    expect(events.map((e) => e.status)).toEqual(['connecting', 'ready', 'restarting', 'connecting', 'ready']);
    expect(events[2]?.detail).toMatch(/exited \(code 1\); restarting in \d+ ms/);
    await expect(echo()).resolves.toBe('Echo: hi');
    expect(pidOf(manager, 'crashy')).not.toBe(firstPid);
    expect(isAlive(firstPid)).toBe(false);
    expect(manager.logs('crashy')).toContain('crashing on call 2');
    expect(manager.logs('crashy').match(/supervised fixture started/g)).toHaveLength(2);
  });

  it('marks a server that exits at every start down after the crash loop, until restart() is called', async () => {
    const { manager, events } = setUp({ random: () => 0 });
    const { managed, counter } = server('doomed', { transport: 'stdio', command: node, args: [exitingFixture] });
    const attempt = () => manager.use(managed, async () => 'never');
    await expect(attempt()).rejects.toThrow();
    await waitFor(() => manager.status('doomed') === 'down');
    // Without jitter the waits double: 20 ms, then 40 ms; the third exit is the loop.
    expect(events.filter((e) => e.status === 'restarting').map((e) => e.detail?.match(/in (\d+) ms/)?.[1])).toEqual([
      '20',
      '40',
    ]);
    expect(counter.connects).toBe(3);
    await expect(attempt()).rejects.toBeInstanceOf(ServerDownError);
    expect(manager.logs('doomed')).toContain('fatal: cannot open database');
    await manager.restart('doomed');
    expect(manager.status('doomed')).toBe('idle');
    await expect(attempt()).rejects.not.toBeInstanceOf(ServerDownError);
    expect(counter.connects).toBe(4);
    await manager.close('doomed');
  });

  it('kills the whole process group, grandchild included, on close()', async () => {
    const { manager } = setUp();
    const { managed } = server('family', fixture({ FIXTURE_GRANDCHILD: '1' }));
    const pids = JSON.parse(await manager.use(managed, (client, signal) => call(client, signal, 'pids'))) as {
      pid: number;
      grandchild: number;
    };
    seenPids.add(pids.pid).add(pids.grandchild);
    expect(isAlive(pids.pid) && isAlive(pids.grandchild)).toBe(true);
    await manager.close('family');
    expect(manager.status('family')).toBe('closed');
    await waitFor(() => !isAlive(pids.pid) && !isAlive(pids.grandchild), 2000);
    expect(manager.logs('family')).toContain(`supervised fixture started, pid ${pids.pid}`);
  });

  it('computes exponential backoff with jitter below the cap', () => {
    const policy = { initialMs: 100, maxMs: 1000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(policy, 3, () => 1)).toBe(200);
  });
});
