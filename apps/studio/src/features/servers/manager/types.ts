// The connection manager's public shapes and its per-server state.

import type { ProcessLimits } from '../connection/processLimits.js';
import type { StderrRing } from '../connection/stdioProcess.js';
import type { TranscriptRing } from '../connection/transcript.js';
import type { ServerTarget } from '../connection/transports.js';
import type { Limiter } from './limiter.js';
import type { Era, Session } from './session.js';
import type { BackoffPolicy, CrashLoopPolicy, CrashWindow } from './supervision.js';

export interface ManagedServer {
  id: string;
  /** Called at each (re)connect, so a changed registration or a rotated secret is picked up. */
  target: () => Promise<ServerTarget>;
  /** Per request; also bounds each connect. */
  timeoutMs: number;
  maxConcurrency: number;
  /** Callers allowed to wait for a slot; one more is refused with ServerBusyError. */
  maxQueue?: number;
}

export interface UseOptions {
  /** The caller's: aborting it cancels the call upstream, or gives up its place in the queue. */
  signal?: AbortSignal;
  /** The caller's own limit on the request, under the server's `timeoutMs` (which still bounds the connect). */
  timeoutMs?: number;
}

export type ListName = 'tools' | 'resources' | 'prompts';

export type ServerStatus = 'idle' | 'connecting' | 'ready' | 'restarting' | 'down' | 'closed';

export interface ConnectionManagerOptions {
  /** What every stdio child inherits besides its own env: see `pickBaseEnv`. */
  baseEnv: Record<string, string>;
  /** Limits on every stdio child (configuration); a manifest may lower them. */
  processLimits?: ProcessLimits;
  now?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  crashLoop?: CrashLoopPolicy;
  onStatus?: (serverId: string, status: ServerStatus, detail?: string) => void;
  /** After each (re)connect, while the connecting caller holds its slot: start work in the background, never wait on it. */
  onConnected?: (serverId: string) => void;
  /** The server said a list changed (`notifications/{tools,resources,prompts}/list_changed`), debounced. */
  onListChanged?: (serverId: string, list: ListName) => void;
}

/** What the manager keeps per server. */
export interface Entry {
  server: ManagedServer;
  status: ServerStatus;
  session?: Session;
  /** The open in progress, or the restart waiting out its backoff; every caller awaits the same one. */
  opening?: Promise<Session>;
  cancelRestart?: () => void;
  /** Bumped by close/restart so an open that finishes afterwards is thrown away. */
  generation: number;
  era?: Era;
  limiter: Limiter;
  crashes: CrashWindow;
  /** stderr of the server's earlier processes; the current one's is read from its transport. */
  pastStderr: StderrRing;
  /** The recent JSON-RPC traffic of all its sessions. */
  transcript: TranscriptRing;
}
