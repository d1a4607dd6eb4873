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

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const DEFAULT_STDERR_BYTES = 64 * 1024;
const DEFAULT_CLOSE_GRACE_MS = 2000;
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
  private readonly readBuffer = new ReadBuffer();
  private exitInfo?: ProcessExit;
  private failedSpawn?: Error;
  private exited?: Promise<void>;
  private closing?: Promise<void>;
  private closeNotified = false;

  constructor(
    private readonly params: { command: string; args: string[]; env: Record<string, string>; cwd?: string },
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
  /** Why the process could not be started (ENOENT, EACCES…), if it could not. */
  get spawnError(): Error | undefined {
    return this.failedSpawn;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('StdioProcessTransport already started');
    return new Promise((resolve, reject) => {
      const { command, args, env, cwd } = this.params;
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
          this.exitInfo = { code, signal };
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
      child.once('spawn', () => resolve());
      child.once('close', () => this.notifyClosed());
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
      for (let message = this.readBuffer.readMessage(); message; message = this.readBuffer.readMessage()) {
        this.onmessage?.(message);
      }
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private notifyClosed(): void {
    if (this.closeNotified) return;
    this.closeNotified = true;
    this.onclose?.();
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already empty.
  }
}
