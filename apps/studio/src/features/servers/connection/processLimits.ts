// Resource limits of a stdio child, set as rlimits by /bin/sh before it execs the server, and what an exit says of them.

import type { ProcessExit } from './stdioProcess.js';

export interface ProcessLimits {
  /** RLIMIT_DATA of each process (heap and private writable mappings), in MiB. */
  memoryMb?: number;
  /** RLIMIT_CPU: SIGXCPU after this many seconds of CPU time, SIGKILL one second later. */
  cpuSeconds?: number;
  /** RLIMIT_FSIZE: no file may grow past this; writes fail with EFBIG (or SIGXFSZ where it is not ignored). */
  fileSizeBytes?: number;
}

const LIMIT_KEYS = ['memoryMb', 'cpuSeconds', 'fileSizeBytes'] as const;
const SHELL = '/bin/sh';
// How runtimes report a failed allocation: V8, C++ (std::bad_alloc), glibc/strerror, Python, Go.
const OUT_OF_MEMORY = /out of memory|bad_alloc|cannot allocate memory|allocation failed|MemoryError|ENOMEM/i;
const CRASH_SIGNALS = new Set<NodeJS.Signals>(['SIGABRT', 'SIGSEGV', 'SIGBUS', 'SIGTRAP', 'SIGKILL']);

/** For each resource the lower of the two limits; a limit one side lacks is the other's. */
export function lowerLimits(a: ProcessLimits = {}, b: ProcessLimits = {}): ProcessLimits {
  const limits: ProcessLimits = {};
  for (const key of LIMIT_KEYS) {
    const values = [a[key], b[key]].filter((value): value is number => value !== undefined && value > 0);
    if (values.length > 0) limits[key] = Math.min(...values);
  }
  return limits;
}

/**
 * How to run `command` under `limits`: /bin/sh sets the rlimits and then execs the server in its own place, so the
 * pid, the process group and the group kill are unchanged. Memory is RLIMIT_DATA, not RLIMIT_AS (`ulimit -v`):
 * V8 reserves far more address space than it uses, so an address-space limit stops Node servers from starting.
 * The CPU hard limit is one second above the soft one, so the process gets SIGXCPU, which names the cause, before
 * SIGKILL. A limit that cannot be set (above the studio's own hard limit) fails the start rather than being skipped.
 */
export function limitedCommand(
  command: string,
  args: readonly string[],
  limits: ProcessLimits = {},
): { command: string; args: string[] } {
  const steps: string[] = [];
  const cpu = wholePositive(limits.cpuSeconds);
  if (cpu) steps.push(`ulimit -S -t ${cpu}`, `ulimit -H -t ${cpu + 1}`);
  const memory = wholePositive(limits.memoryMb);
  if (memory) steps.push(`ulimit -d ${memory * 1024}`); // KiB
  const fileSize = wholePositive(limits.fileSizeBytes);
  // POSIX sh counts -f in 512-byte blocks; rounding down keeps every file within the limit.
  if (fileSize) steps.push(`ulimit -f ${Math.max(1, Math.floor(fileSize / 512))}`);
  if (steps.length === 0) return { command, args: [...args] };
  return { command: SHELL, args: ['-c', `${steps.join(' && ')} && exec "$0" "$@"`, command, ...args] };
}

/**
 * Which limit ended the process, as a clause for messages ("it used up its CPU-time limit of 2 s"), or undefined
 * when the exit does not point at one. `stderr` is what the process wrote last. An exit after the studio asked the
 * process to stop is the studio's doing (its SIGKILL is then not the CPU hard limit).
 */
export function limitReached(exit: ProcessExit, limits: ProcessLimits, stderr: string): string | undefined {
  const stopped = exit.afterClose === true;
  if (limits.cpuSeconds && exit.signal === 'SIGXCPU') {
    return `it used up its CPU-time limit of ${limits.cpuSeconds} s`;
  }
  if (limits.fileSizeBytes && exit.signal === 'SIGXFSZ') {
    return `it wrote a file past its size limit of ${limits.fileSizeBytes} bytes`;
  }
  const crashed = (exit.signal !== null && CRASH_SIGNALS.has(exit.signal)) || (exit.code !== null && exit.code !== 0);
  if (limits.memoryMb && crashed && !stopped && OUT_OF_MEMORY.test(stderr.slice(-8192))) {
    return `it ran out of memory under its limit of ${limits.memoryMb} MB`;
  }
  // Node aborts without a word when it cannot even start its threads (their stacks count as data).
  if (limits.memoryMb && exit.signal === 'SIGABRT' && !stopped) {
    return `it aborted, possibly for lack of memory under its limit of ${limits.memoryMb} MB`;
  }
  if (limits.cpuSeconds && exit.signal === 'SIGKILL' && !stopped) {
    return `it was killed, most likely at its CPU-time hard limit of ${limits.cpuSeconds + 1} s`;
  }
  return undefined;
}

function wholePositive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined;
}
