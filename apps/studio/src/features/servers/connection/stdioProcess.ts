// A stdio MCP transport whose child leads its own process group, keeps a stderr ring, and gets a minimal env.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import {
  type JSONRPCMessage,
  ReadBuffer,
  SdkError,
  SdkErrorCode,
  serializeMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import { limitedCommand, limitReached, type ProcessLimits } from './processLimits.js';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The studio had already asked it to stop (close()): the exit is not the server's own doing. */
  afterClose?: boolean;
}

const DEFAULT_STDERR_BYTES = 64 * 1024;
const DEFAULT_CLOSE_GRACE_MS = 2000;
/** The largest JSON-RPC message read from a child's stdout: the SDK's ReadBuffer default, made explicit. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const BASE_ENV_KEYS = ['PATH', 'HOME'] as const;

/** The minimal environment a child may inherit from the studio; nothing else leaks (API keys, DB URLs). */
export function pickBaseEnv(source: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of BASE_ENV_KEYS) {
    const value = source[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** The last `maxBytes` a process wrote to stderr. */
export class StderrRing {
  private buffer: Buffer = Buffer.alloc(0);
  constructor(readonly maxBytes: number = DEFAULT_STDERR_BYTES) {}

  append(chunk: Buffer): void {
    const joined = Buffer.concat([this.buffer, chunk]);
    this.buffer = joined.length > this.maxBytes ? joined.subarray(joined.length - this.maxBytes) : joined;
  }

  text(): string {
    return this.buffer.toString('utf8');
  }

  lastLines(count: number): string[] {
    return this.text()
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .slice(-count);
  }
}

/**
 * stdio transport whose child leads its own process group, so `close()` can kill everything it started.
 * Exposes `pid` and `stderr` like the SDK's own, which also makes the client's era probe treat it as stdio.
 */
export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly stderrTail: StderrRing;
  private child?: ChildProcess;
  private readonly readBuffer = new ReadBuffer({ maxBufferSize: MAX_MESSAGE_BYTES });
  private exitInfo?: ProcessExit;
  private failedSpawn?: Error;
  private exited?: Promise<void>;
  private closing?: Promise<void>;
  private closeNotified = false;
  private spawnTime?: number;
  private failureReason?: string;
  private limitNoted = false;

  constructor(
    private readonly params: {
      command: string;
      args: string[];
      env: Record<string, string>;
      cwd?: string;
      limits?: ProcessLimits;
    },
    private readonly closeGraceMs: number = DEFAULT_CLOSE_GRACE_MS,
    stderrBufferBytes: number = DEFAULT_STDERR_BYTES,
  ) {
    this.stderrTail = new StderrRing(stderrBufferBytes);
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }
  get stderr(): Readable | null {
    return this.child?.stderr ?? null;
  }
  /** How the process ended, once it has. */
  get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }
  /** Which resource limit ended the process ("it used up its CPU-time limit of 2 s"), if one did. */
  get limitReached(): string | undefined {
    if (!this.exitInfo || !this.params.limits) return undefined;
    return limitReached(this.exitInfo, this.params.limits, this.stderrTail.text());
  }
  /** Why the process could not be started (ENOENT, EACCES…), if it could not. */
  get spawnError(): Error | undefined {
    return this.failedSpawn;
  }
  /** performance.now() when the process started: the end of Test connection's "connect" step. */
  get spawnedAt(): number | undefined {
    return this.spawnTime;
  }
  /** Why the studio ended the connection itself (the server broke the protocol), if it did. */
  get failure(): string | undefined {
    return this.failureReason;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('StdioProcessTransport already started');
    return new Promise((resolve, reject) => {
      const { env, cwd } = this.params;
      // With limits, /bin/sh sets them and execs the command in its place (same pid and process group).
      const { command, args } = limitedCommand(this.params.command, this.params.args, this.params.limits);
      let child: ChildProcess;
      try {
        // detached: the child leads a new process group, which close() signals as a whole.
        child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true, windowsHide: true });
      } catch (error) {
        this.failedSpawn = error instanceof Error ? error : new Error(String(error));
        reject(this.failedSpawn);
        return;
      }
      this.child = child;
      this.exited = new Promise((done) => {
        child.once('exit', (code, signal) => {
          this.exitInfo = { code, signal, afterClose: this.closing !== undefined };
          done();
        });
        child.on('error', (error) => {
          if (child.pid !== undefined) {
            this.onerror?.(error);
            return;
          }
          this.failedSpawn = error;
          done();
          reject(error);
        });
      });
      child.once('spawn', () => {
        this.spawnTime = performance.now();
        resolve();
      });
      child.once('close', () => {
        this.noteLimit();
        this.notifyClosed();
      });
      child.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
      child.stderr?.on('data', (chunk: Buffer) => this.stderrTail.append(chunk));
      child.stdin?.on('error', (error) => this.onerror?.(error));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin?.writable || this.exitInfo) {
        reject(new SdkError(SdkErrorCode.NotConnected, 'The server process is not running'));
        return;
      }
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', () => resolve());
    });
  }

  /** Waits up to `ms` for the process to exit; true if it has. */
  async waitForExit(ms: number): Promise<boolean> {
    if (!this.exited) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((done) => {
      timer = setTimeout(() => done(false), ms);
    });
    const result = await Promise.race([this.exited.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  }

  /** stdin EOF, then SIGTERM, then SIGKILL to the whole group; stragglers in the group are killed too. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const child = this.child;
    if (child?.pid !== undefined) {
      const pid = child.pid;
      child.stdin?.end();
      if (!(await this.waitForExit(Math.min(500, this.closeGraceMs)))) {
        killGroup(pid, 'SIGTERM');
        if (!(await this.waitForExit(this.closeGraceMs))) {
          killGroup(pid, 'SIGKILL');
          await this.exited;
        }
      }
      killGroup(pid, 'SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
    }
    this.readBuffer.clear();
    this.notifyClosed();
  }

  private receive(chunk: Buffer): void {
    try {
      this.readBuffer.append(chunk);
    } catch {
      // A reply this large cannot be matched to its request; ending the connection fails it now, not at the timeout.
      this.failureReason ??= `the server sent a message over the ${MAX_MESSAGE_BYTES / (1024 * 1024)} MiB limit`;
      this.onerror?.(new Error(this.failureReason));
      void this.close();
      return;
    }
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.readBuffer.readMessage();
      } catch (error) {
        // JSON that is not JSON-RPC: its line is consumed, so skip it and read on (non-JSON the SDK skips itself).
        this.onerror?.(asError(error));
        continue;
      }
      if (!message) return;
      try {
        this.onmessage?.(message);
      } catch (error) {
        this.onerror?.(asError(error));
      }
    }
  }

  /** Puts the limit that ended the process into its stderr, where the logs show it; once all output is in. */
  private noteLimit(): void {
    const limit = this.limitReached;
    if (this.limitNoted || !limit) return;
    this.limitNoted = true;
    this.stderrTail.append(Buffer.from(`[mcp-studio] The process was stopped: ${limit}.\n`));
  }

  private notifyClosed(): void {
    if (this.closeNotified) return;
    this.closeNotified = true;
    this.onclose?.();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already empty.
  }
}
