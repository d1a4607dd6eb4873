// TerminalService: every agent's terminals on this node — open (as the agent), find, write, resize, signal, close,
// the per-agent limit, the idle sweep, and the end of all of an agent's terminals when it is suspended or deleted.
import fs from 'node:fs';
import type {
  CreateTerminalBody,
  TerminalSession as PresentedSession,
  TerminalSessionDetail,
} from '@mcp-studio/protocol';
import type { AgentServerConfig } from '../../config.js';
import type { NodeEvents } from '../../platform/events.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import type { AgentPlace, AgentService } from '../agents/service.js';
import { agentEnvironment, SHELL, signalUser } from './processes.js';
import { type SpawnPlan, TerminalSession } from './session.js';
import { resolveWorkingDirectory } from './workingDirectory.js';

export interface TerminalServiceDeps {
  config: Pick<AgentServerConfig, 'terminals' | 'basePath'>;
  agents: AgentService;
  events: NodeEvents;
  now: () => Date;
}

/** How long a closed session stays visible (its exit code, its scrollback) before it is forgotten. */
const CLOSED_RETENTION_MS = 10 * 60_000;
/** Drops privileges completely (supplementary groups too, which node-pty's own uid/gid switch keeps). */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => fs.existsSync(candidate));

export class TerminalService {
  private readonly sessions = new Map<string, TerminalSession>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  /** A session without input or output for this long reports `idle` (and is closed after the idle timeout). */
  readonly idleAfterMs: number;

  constructor(private readonly deps: TerminalServiceDeps) {
    const { idleTimeoutMs } = deps.config.terminals;
    this.idleAfterMs = Math.min(60_000, Math.floor(idleTimeoutMs / 2));
    this.sweeper = setInterval(() => this.sweep(), Math.max(200, Math.min(15_000, Math.floor(idleTimeoutMs / 4))));
    this.sweeper.unref();
    this.unsubscribe = deps.events.subscribe((event) => {
      if (event.type === 'agent_deleted') this.endAgent(event.agentId);
      else if (event.type === 'agent_changed' && event.agent.status === 'suspended') this.endAgent(event.agent.id);
    });
  }

  async open(agentId: string, body: CreateTerminalBody): Promise<TerminalSessionDetail> {
    const place = this.deps.agents.place(agentId, true);
    const limit = this.deps.config.terminals.perAgent;
    if (this.openSessions(agentId).length >= limit) {
      throw conflict('terminal_limit_reached', `An agent may have at most ${limit} open terminals on this node`);
    }
    const cwd = await resolveWorkingDirectory(place.home, body.cwd);
    // Checked again after the await: two requests at once must not both pass the limit.
    this.deps.agents.place(agentId, true);
    if (this.openSessions(agentId).length >= limit) {
      throw conflict('terminal_limit_reached', `An agent may have at most ${limit} open terminals on this node`);
    }
    const session = new TerminalSession(this.plan(place, cwd.absolute, cwd.relative), {
      agentId,
      cols: body.cols,
      rows: body.rows,
      scrollbackBytes: this.deps.config.terminals.scrollbackBytes,
      now: this.deps.now,
      onExit: (ended) => {
        this.forgetOldClosed(agentId);
        this.deps.events.emit({ type: 'terminal_closed', agentId, sessionId: ended.id });
      },
    });
    this.sessions.set(session.id, session);
    this.deps.events.emit({ type: 'terminal_opened', agentId, sessionId: session.id });
    return this.present(session);
  }

  /** The agent's sessions, open ones and those closed in the last ten minutes, oldest first. */
  list(agentId: string): PresentedSession[] {
    this.deps.agents.place(agentId);
    return [...this.sessions.values()]
      .filter((session) => session.agentId === agentId)
      .map((session) => {
        const { history: _history, ...rest } = this.present(session);
        return rest;
      });
  }

  /** The session, open or recently closed; 404 when there is none. Callers check its agentId before acting. */
  session(id: string): TerminalSession {
    const session = this.sessions.get(id);
    if (!session) throw notFound('Terminal');
    return session;
  }

  present(session: TerminalSession): TerminalSessionDetail {
    return session.present(this.deps.now(), this.idleAfterMs);
  }

  /** Types into the terminal as if at its keyboard. */
  input(id: string, data: string): void {
    const session = this.session(id);
    this.deps.agents.place(session.agentId, true);
    session.write(data);
    void this.deps.agents.touch(session.agentId).catch(() => {});
  }

  async close(id: string): Promise<TerminalSessionDetail> {
    const session = this.session(id);
    await session.close();
    return this.present(session);
  }

  /** Whether the agent has a terminal open (for presence). */
  hasOpenTerminal(agentId: string): boolean {
    return this.openSessions(agentId).length > 0;
  }

  /** Ends every terminal (the node is stopping): no PTY outlives the node. */
  async shutdown(): Promise<void> {
    clearInterval(this.sweeper);
    this.unsubscribe();
    await Promise.all([...this.sessions.values()].map((session) => session.close()));
  }

  private openSessions(agentId: string): TerminalSession[] {
    return [...this.sessions.values()].filter((session) => session.agentId === agentId && !session.isClosed);
  }

  /** Suspended or deleted: its terminals end now, and under unix-user every process its user still runs. */
  private endAgent(agentId: string): void {
    for (const session of this.openSessions(agentId)) void session.close();
    let place: AgentPlace | undefined;
    try {
      place = this.deps.agents.place(agentId);
    } catch {
      return;
    }
    if (place.identity) signalUser(place.identity.uid, 'SIGKILL');
  }

  private plan(place: AgentPlace, cwd: string, relativeCwd: string): SpawnPlan {
    const env = agentEnvironment(place, this.deps.config.basePath, { TERM: 'xterm-256color', COLORTERM: 'truecolor' });
    // An interactive, non-login bash: a login shell would read /etc/profile, which resets PATH on Debian.
    const identity = place.identity;
    if (!identity) return { file: SHELL, args: [], cwd, relativeCwd, env };
    if (SETPRIV) {
      const args = [`--reuid=${identity.uid}`, `--regid=${identity.gid}`, '--clear-groups', '--', SHELL];
      return { file: SETPRIV, args, cwd, relativeCwd, env };
    }
    return { file: SHELL, args: [], cwd, relativeCwd, env, uid: identity.uid, gid: identity.gid };
  }

  /** Closed sessions hold their scrollback: keep only the latest few per agent. */
  private forgetOldClosed(agentId: string): void {
    const closed = [...this.sessions.values()].filter((s) => s.agentId === agentId && s.isClosed);
    for (const session of closed.slice(0, Math.max(0, closed.length - this.deps.config.terminals.perAgent))) {
      this.sessions.delete(session.id);
    }
  }

  private sweep(): void {
    const now = this.deps.now();
    const { idleTimeoutMs } = this.deps.config.terminals;
    for (const session of this.sessions.values()) {
      if (!session.isClosed && session.idleFor(now) >= idleTimeoutMs) void session.close();
      else if (session.closedAt && now.getTime() - session.closedAt.getTime() >= CLOSED_RETENTION_MS) {
        this.sessions.delete(session.id);
      }
    }
  }
}
