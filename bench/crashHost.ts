// The process under test in the crash-and-restart bench: a studio, or a bare ConnectionManager, driven over IPC.
// Run as `node --expose-gc --import tsx bench/crashHost.ts <studio|manager> <fixture> [database target as JSON]`.
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { DatabaseTarget } from '../apps/studio/dist/platform/db/database.js';
import { type BenchStudio, startBenchStudio } from './studio.js';

export type HostRequest = { id: number; cmd: 'memory' | 'cycle' | 'stop' };
export type HostMessage =
  | { ready: true; base: string | null }
  | { id: number; result: unknown }
  | { id: number; error: string };
export interface Memory {
  rss: number;
  heapUsed: number;
}
/** One crash-and-restart cycle run inside the host (manager mode). */
export interface HostCycle {
  ms: number;
  /** Until the crashing call failed. */
  crashMs: number;
  pid: number;
}

const [mode, fixture, targetJson] = process.argv.slice(2);
const gc = globalThis.gc;
if (!gc) throw new Error('run with --expose-gc');
if (!process.send) throw new Error('run with an IPC channel');
if ((mode !== 'studio' && mode !== 'manager') || !fixture)
  throw new Error('usage: crashHost <studio|manager> <fixture>');
const send = (message: HostMessage) => process.send!(message);

async function memory(): Promise<Memory> {
  await nextTurn(); // let closed sessions and finished requests be dropped first
  gc!();
  gc!();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** The supervised path on its own: automatic restart after a 10 ms backoff, crash-loop detection out of the way. */
async function managerCycles(): Promise<{ cycle: () => Promise<HostCycle>; stop: () => Promise<void> }> {
  const { ConnectionManager } = await import('../apps/studio/dist/features/servers/manager/connectionManager.js');
  const { ConnectionLostError } = await import('../apps/studio/dist/features/servers/manager/errors.js');
  const { pickBaseEnv } = await import('../apps/studio/dist/features/servers/connection/stdioProcess.js');
  const manager = new ConnectionManager({
    baseEnv: pickBaseEnv(process.env),
    backoff: { initialMs: 10, maxMs: 10, jitter: 0 },
    crashLoop: { exits: 1_000_000, windowMs: 60_000 },
  });
  const server = {
    id: 'crashing',
    target: async () => ({ transport: 'stdio' as const, command: process.execPath, args: [fixture!] }),
    timeoutMs: 10_000,
    maxConcurrency: 1,
  };
  const echo = async () => {
    const result = (await manager.use(server, (client, signal) =>
      client.callTool({ name: 'echo', arguments: { message: 'up' } }, { signal }),
    )) as CallToolResult;
    const first = result.content[0];
    if (first?.type !== 'text' || !first.text.startsWith('Echo: up'))
      throw new Error(`unexpected echo ${JSON.stringify(result)}`);
  };
  await echo();
  return {
    async cycle() {
      const before = manager.pid(server.id);
      const started = performance.now();
      const crashed = await manager
        .use(server, (client, signal) => client.callTool({ name: 'crash', arguments: {} }, { signal }))
        .then(
          () => new Error('the crash tool answered'),
          (error: unknown) => (error instanceof ConnectionLostError ? null : error),
        );
      if (crashed) throw crashed;
      const crashMs = performance.now() - started;
      await echo(); // waits out the backoff and the new process's handshake
      const ms = performance.now() - started;
      const pid = manager.pid(server.id);
      if (pid === null || pid === before) throw new Error(`no new process after the crash (pid ${pid})`);
      return { ms, crashMs, pid };
    },
    stop: () => manager.closeAll(),
  };
}

let studio: BenchStudio | undefined;
let manager: Awaited<ReturnType<typeof managerCycles>> | undefined;
if (mode === 'studio') {
  const target = JSON.parse(targetJson ?? '{"kind":"pglite"}') as DatabaseTarget;
  studio = await startBenchStudio(target);
} else {
  manager = await managerCycles();
}

process.on('message', (request: HostRequest) => {
  const handle = async (): Promise<unknown> => {
    if (request.cmd === 'memory') return memory();
    if (request.cmd === 'cycle') {
      if (!manager) throw new Error('cycles run in the parent in studio mode');
      return manager.cycle();
    }
    await studio?.close();
    await manager?.stop();
    setImmediate(() => process.disconnect());
    return null;
  };
  handle().then(
    (result) => send({ id: request.id, result }),
    (error: unknown) => send({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
send({ ready: true, base: studio?.base ?? null });
