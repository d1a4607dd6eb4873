// Crash-and-restart cycles of a stdio server: time per cycle, processes left behind, and the host's memory.
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../apps/studio/dist/platform/db/database.js';
import type { HostCycle, HostMessage, HostRequest, Memory } from './crashHost.js';
import { mib } from './format.js';
import { percentile } from './load.js';
import { api, call, registerOwner, setUnlimitedPlan } from './studio.js';

export const CYCLES = Number(process.env.BENCH_CRASH_CYCLES ?? 100);
export const WARMUP_CYCLES = 5;
const fixture = fileURLToPath(new URL('./fixtures/crashingServer.mjs', import.meta.url));
const hostScript = fileURLToPath(new URL('./crashHost.ts', import.meta.url));

export type CrashScenario = 'studio' | 'manager';
type Timing = Omit<HostCycle, 'pid'>;

export interface CrashResult {
  scenario: CrashScenario;
  cycles: number;
  median: number;
  p90: number;
  max: number;
  /** From the call to its failure (crash noticed), and from there to a new process's answer; medians. */
  medianCrash: number;
  medianRecovery: number;
  /** Live fixture processes after the warm-up, after the measured cycles, and after the host shut down. */
  processes: { before: number; after: number; afterShutdown: number };
  /** Zombies (exited, unreaped) among the host's children after the measured cycles. */
  zombies: number;
  memoryBefore: Memory;
  memoryAfter: Memory;
}

/** Live fixture processes anywhere, and zombie children of `hostPid`, from `ps`. */
function census(hostPid: number | undefined): { live: number; zombies: number } {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter((match) => match !== null);
  return {
    // The host names the fixture on its own command line: it is not one of them.
    live: rows.filter(
      ([, pid, , stat, args]) => Number(pid) !== hostPid && !stat!.startsWith('Z') && args!.includes(fixture),
    ).length,
    zombies: rows.filter(([, , ppid, stat]) => stat!.startsWith('Z') && Number(ppid) === hostPid).length,
  };
}

/** The host process and a request/answer channel to it. */
async function startHost(scenario: CrashScenario, target: DatabaseTarget) {
  const child: ChildProcess = fork(hostScript, [scenario, fixture, JSON.stringify(target)], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let ready: (base: string | null) => void = () => {};
  const readyBase = new Promise<string | null>((resolve) => {
    ready = resolve;
  });
  child.on('message', (message: HostMessage) => {
    if ('ready' in message) return ready(message.base);
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if ('error' in message) pending?.reject(new Error(`crash host: ${message.error}`));
    else pending?.resolve(message.result);
  });
  const exited = once(child, 'exit').then(([code]) => {
    const error = new Error(`crash host exited with code ${code}`);
    for (const pending of waiting.values()) pending.reject(error);
    throw error;
  });
  exited.catch(() => {});
  const base = await Promise.race([readyBase, exited]);
  const ask = <T>(cmd: HostRequest['cmd']) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, cmd } satisfies HostRequest);
    });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const gone = once(child, 'exit');
    await ask('stop');
    await gone;
  };
  return { pid: child.pid, base, ask, stop, kill: () => child.kill('SIGKILL') };
}

/** The studio path: crash through the API (502), restart through the API (204), echo from a new process (200). */
async function studioCycles(base: string): Promise<() => Promise<Timing>> {
  const owner = await registerOwner(base);
  await setUnlimitedPlan(base, owner);
  const server = await call<{ id: string }>(base, 'POST', '/api/servers', owner, {
    name: 'crashing',
    transport: 'stdio',
    command: process.execPath,
    args: [fixture],
    timeoutMs: 10_000,
  });
  const tools = `/api/servers/${server.id}/tools`;
  const echo = async () => {
    const body = await call<{ content: { text?: string }[] }>(base, 'POST', `${tools}/echo/call`, owner, {
      arguments: { message: 'up' },
    });
    const pid = body.content[0]?.text?.match(/^Echo: up \(pid (\d+)\)$/)?.[1];
    if (!pid) throw new Error(`unexpected echo: ${JSON.stringify(body)}`);
    return Number(pid);
  };
  let pid = await echo();
  return async () => {
    const started = performance.now();
    const crash = await api<{ error?: { code?: string } }>(base, 'POST', `${tools}/crash/call`, owner, {
      arguments: {},
    });
    if (crash.status !== 502 || crash.body.error?.code !== 'connection_lost') {
      throw new Error(`the crash answered ${crash.status} ${JSON.stringify(crash.body)}, not 502 connection_lost`);
    }
    const crashMs = performance.now() - started;
    await call(base, 'POST', `/api/servers/${server.id}/restart`, owner);
    const next = await echo();
    const ms = performance.now() - started;
    if (next === pid) throw new Error(`no new process after the crash (pid ${pid})`);
    pid = next;
    return { ms, crashMs };
  };
}

/** WARMUP_CYCLES, then CYCLES measured, through the studio's API or against a bare ConnectionManager. */
async function runScenario(scenario: CrashScenario, target: DatabaseTarget): Promise<CrashResult> {
  const stray = census(undefined).live;
  if (stray !== 0) throw new Error(`${stray} crashing-fixture processes run before the bench: stop them first`);
  const host = await startHost(scenario, target);
  try {
    const cycle = scenario === 'studio' ? await studioCycles(host.base!) : () => host.ask<HostCycle>('cycle');
    for (let i = 0; i < WARMUP_CYCLES; i++) await cycle();
    const before = census(host.pid).live;
    const memoryBefore = await host.ask<Memory>('memory');
    const timings: Timing[] = [];
    for (let i = 0; i < CYCLES; i++) timings.push(await cycle());
    const memoryAfter = await host.ask<Memory>('memory');
    const { live: after, zombies } = census(host.pid);
    await host.stop();
    const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
    const crashes = timings.map((t) => t.crashMs).sort((a, b) => a - b);
    const recoveries = timings.map((t) => t.ms - t.crashMs).sort((a, b) => a - b);
    return {
      scenario,
      cycles: CYCLES,
      median: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      max: sorted.at(-1)!,
      medianCrash: percentile(crashes, 0.5),
      medianRecovery: percentile(recoveries, 0.5),
      processes: { before, after, afterShutdown: census(undefined).live },
      zombies,
      memoryBefore,
      memoryAfter,
    };
  } finally {
    host.kill(); // a no-op once stopped; after a failure it ends the host, and its fixture exits on stdin EOF
  }
}

export async function benchCrashRestart(
  target: DatabaseTarget,
  progress: (line: string) => void,
): Promise<CrashResult[]> {
  const results: CrashResult[] = [];
  for (const scenario of ['studio', 'manager'] as const) {
    const r = await runScenario(scenario, target);
    progress(
      `  ${scenario}: ${r.cycles} cycles, median ${r.median.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms, ` +
        `max ${r.max.toFixed(1)} ms (crash noticed ${r.medianCrash.toFixed(1)}, back up ${r.medianRecovery.toFixed(1)}); ` +
        `fixture processes ${r.processes.before} → ${r.processes.after} ` +
        `(${r.zombies} zombies), ${r.processes.afterShutdown} after shutdown; RSS ${mib(r.memoryBefore.rss)} → ` +
        `${mib(r.memoryAfter.rss)} MiB, heapUsed ${mib(r.memoryBefore.heapUsed)} → ${mib(r.memoryAfter.heapUsed)} MiB`,
    );
    results.push(r);
  }
  return results;
}
