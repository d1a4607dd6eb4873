// One terminal: a real PTY running the agent's shell, its scrollback and history, and the clients attached to it.
import { randomUUID } from 'node:crypto';
import type { TerminalSessionDetail, TerminalSignal } from '@mcp-studio/protocol';
import { type IPty, spawn } from 'node-pty';
import { conflict } from '../../platform/http/errors.js';
import { CommandHistory } from './history.js';
import { foregroundGroup, signalQuietly, signalSession } from './processes.js';
import { Scrollback } from './scrollback.js';

/** Someone watching the terminal (a WebSocket): gets the replay and then live output, and the exit at the end. */
export interface TerminalClient {
  output(chunk: Buffer): void;
  exit(exitCode: number | null, signal: number | null): void;
}

export interface SpawnPlan {
  file: string;
  args: string[];
  cwd: string;
  /** Relative to the home, as the client sees it. */
  relativeCwd: string;
  env: Record<string, string>;
  /** Only when the PTY must switch user itself (no setpriv on the machine). */
  uid?: number;
  gid?: number;
}

export interface SessionOptions {
  agentId: string;
  cols: number;
  rows: number;
  scrollbackBytes: number;
  now: () => Date;
  onExit: (session: TerminalSession) => void;
}

export class TerminalSession {
  readonly id = randomUUID();
  readonly agentId: string;
  readonly createdAt: Date;
  readonly pid: number;
  readonly relativeCwd: string;
  lastActivityAt: Date;
  closedAt: Date | null = null;
  exitCode: number | null = null;
  signal: number | null = null;
  private readonly pty: IPty;
  private readonly scrollback: Scrollback;
  private readonly history = new CommandHistory();
  private readonly clients = new Set<TerminalClient>();
  /** Clients whose sockets are backed up: the PTY is paused until they drain, so output never piles up in memory. */
  private readonly congested = new Set<TerminalClient>();
  private readonly exited: Promise<void>;

  constructor(
    plan: SpawnPlan,
    private readonly options: SessionOptions,
  ) {
    this.agentId = options.agentId;
    this.createdAt = options.now();
    this.lastActivityAt = this.createdAt;
    this.relativeCwd = plan.relativeCwd;
    this.scrollback = new Scrollback(options.scrollbackBytes);
    this.pty = spawn(plan.file, plan.args, {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: plan.cwd,
      env: plan.env,
      encoding: 'utf8',
      ...(plan.uid !== undefined && plan.gid !== undefined ? { uid: plan.uid, gid: plan.gid } : {}),
    });
    this.pid = this.pty.pid;
    this.pty.onData((data) => this.received(Buffer.from(data, 'utf8')));
    this.exited = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.closedAt = options.now();
        this.exitCode = signal ? null : exitCode;
        this.signal = signal || null;
        // Jobs the shell left behind (background, disowned) end with it: a closed terminal leaves no process.
        signalSession(this.pid, 'SIGKILL');
        for (const client of this.clients) client.exit(this.exitCode, this.signal);
        this.clients.clear();
        this.congested.clear();
        options.onExit(this);
        resolve();
      });
    });
  }

  get isClosed(): boolean {
    return this.closedAt !== null;
  }

  get cols(): number {
    return this.pty.cols;
  }

  get rows(): number {
    return this.pty.rows;
  }

  /** Replays the scrollback to the client, then streams to it; returns the detach function. */
  attach(client: TerminalClient): () => void {
    const replay = this.scrollback.contents();
    if (replay.length > 0) client.output(replay);
    if (this.isClosed) {
      client.exit(this.exitCode, this.signal);
      return () => {};
    }
    this.clients.add(client);
    return () => {
      this.clients.delete(client);
      this.setCongested(client, false);
    };
  }

  get attachedCount(): number {
    return this.clients.size;
  }

  setCongested(client: TerminalClient, isCongested: boolean): void {
    const wasPaused = this.congested.size > 0;
    if (isCongested && this.clients.has(client)) this.congested.add(client);
    else this.congested.delete(client);
    const isPaused = this.congested.size > 0;
    if (this.isClosed || wasPaused === isPaused) return;
    if (isPaused) this.pty.pause();
    else this.pty.resume();
  }

  write(data: string): void {
    this.assertOpen();
    this.history.feed(data);
    this.lastActivityAt = this.options.now();
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    this.assertOpen();
    this.pty.resize(cols, rows);
  }

  /** Signals the job in the terminal's foreground (its whole process group), never the shell itself. */
  signalForeground(signal: TerminalSignal): number {
    this.assertOpen();
    const pgid = foregroundGroup(this.pid);
    if (pgid === undefined || !signalQuietly(-pgid, signal)) {
      throw conflict('no_foreground_process', 'Nothing is running in the foreground of this terminal');
    }
    this.lastActivityAt = this.options.now();
    return pgid;
  }

  buffer(): { data: Buffer; droppedBytes: number } {
    return { data: this.scrollback.contents(), droppedBytes: this.scrollback.dropped };
  }

  /** Ends the shell and everything started in the terminal; resolves once the PTY has exited. */
  close(): Promise<void> {
    if (!this.isClosed) {
      signalSession(this.pid, 'SIGKILL');
      // The shell may have changed session id (it cannot, but a race with exec could): the PTY's own kill too.
      signalQuietly(this.pid, 'SIGKILL');
    }
    return this.exited;
  }

  idleFor(now: Date): number {
    return now.getTime() - this.lastActivityAt.getTime();
  }

  present(now: Date, idleAfterMs: number): TerminalSessionDetail {
    return {
      id: this.id,
      agentId: this.agentId,
      status: this.isClosed ? 'closed' : this.idleFor(now) >= idleAfterMs ? 'idle' : 'active',
      cols: this.cols,
      rows: this.rows,
      cwd: this.relativeCwd,
      createdAt: this.createdAt.toISOString(),
      lastActivityAt: this.lastActivityAt.toISOString(),
      pid: this.pid,
      attached: this.clients.size,
      exitCode: this.exitCode,
      signal: this.signal,
      closedAt: this.closedAt?.toISOString() ?? null,
      history: this.history.list(),
    };
  }

  private received(chunk: Buffer): void {
    this.lastActivityAt = this.options.now();
    this.scrollback.append(chunk);
    for (const client of this.clients) client.output(chunk);
  }

  private assertOpen(): void {
    if (this.isClosed) throw conflict('terminal_closed', 'This terminal session has ended');
  }
}
