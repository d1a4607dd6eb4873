// CommandRunner: one-off commands (`exec`, and the /mcp `shell_exec` tool) run as the agent in its home, in a
// process group of their own, with capped output and a timeout that ends the whole group.
import { spawn } from 'node:child_process';
import type { ExecRequest, ExecResult } from '@mcp-studio/protocol';
import type { AgentServerConfig } from '../../config.js';
import type { NodeEvents } from '../../platform/events.js';
import type { AgentService } from '../agents/service.js';
import { agentEnvironment, SHELL, signalQuietly } from './processes.js';
import { resolveWorkingDirectory } from './workingDirectory.js';

export interface CommandRunnerDeps {
  config: Pick<AgentServerConfig, 'exec' | 'basePath'>;
  agents: AgentService;
  events: NodeEvents;
}

/** Collects one stream up to the cap, draining (and dropping) the rest so the command never blocks on a full pipe. */
class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private held = 0;
  isTruncated = false;

  constructor(private readonly cap: number) {}

  add(chunk: Buffer): void {
    const room = this.cap - this.held;
    if (chunk.length > room) this.isTruncated = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.held += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks, this.held).toString('utf8');
  }
}

export class CommandRunner {
  /** Running commands' process group ids, by agent: ended when the agent is suspended or deleted. */
  private readonly running = new Map<string, Set<number>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: CommandRunnerDeps) {
    this.unsubscribe = deps.events.subscribe((event) => {
      if (event.type === 'agent_deleted') this.endAgent(event.agentId);
      else if (event.type === 'agent_changed' && event.agent.status === 'suspended') this.endAgent(event.agent.id);
    });
  }

  /** Runs `/bin/bash -c command` as the agent; resolves when it has ended, however it ended. */
  async exec(agentId: string, request: ExecRequest): Promise<ExecResult> {
    const place = this.deps.agents.place(agentId, true);
    const cwd = await resolveWorkingDirectory(place.home, request.cwd);
    this.deps.agents.place(agentId, true);
    const timeoutMs = Math.min(request.timeoutMs, this.deps.config.exec.maxTimeoutMs);
    const started = process.hrtime.bigint();
    const child = spawn(SHELL, ['-c', request.command], {
      cwd: cwd.absolute,
      env: agentEnvironment(place, this.deps.config.basePath, request.env),
      // A process group of its own, so a timeout or a suspend ends everything the command started.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(place.identity ? { uid: place.identity.uid, gid: place.identity.gid } : {}),
    });
    void this.deps.agents.touch(agentId).catch(() => {});
    const stdout = new CappedOutput(this.deps.config.exec.maxOutputBytes);
    const stderr = new CappedOutput(this.deps.config.exec.maxOutputBytes);
    child.stdout.on('data', (chunk: Buffer) => stdout.add(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));

    const pgid = child.pid;
    let timedOut = false;
    const finished = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
      // The shell is gone but something it started may still hold the pipes: a one-off command leaves nothing behind.
      child.once('exit', () => {
        if (pgid !== undefined) signalQuietly(-pgid, 'SIGKILL');
      });
    });
    if (pgid !== undefined) this.track(agentId, pgid, true);
    const timer = setTimeout(() => {
      timedOut = true;
      if (pgid !== undefined) signalQuietly(-pgid, 'SIGKILL');
    }, timeoutMs);
    try {
      const { code, signal } = await finished;
      return {
        stdout: stdout.text(),
        stderr: stderr.text(),
        exitCode: code,
        signal,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
        timedOut,
        truncated: stdout.isTruncated || stderr.isTruncated,
      };
    } finally {
      clearTimeout(timer);
      if (pgid !== undefined) this.track(agentId, pgid, false);
    }
  }

  /** Ends every running command (the node is stopping). */
  shutdown(): void {
    this.unsubscribe();
    for (const agentId of this.running.keys()) this.endAgent(agentId);
  }

  private endAgent(agentId: string): void {
    for (const pgid of this.running.get(agentId) ?? []) signalQuietly(-pgid, 'SIGKILL');
  }

  private track(agentId: string, pgid: number, isRunning: boolean): void {
    const groups = this.running.get(agentId) ?? new Set<number>();
    if (isRunning) groups.add(pgid);
    else groups.delete(pgid);
    if (groups.size > 0) this.running.set(agentId, groups);
    else this.running.delete(agentId);
  }
}
