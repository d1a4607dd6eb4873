// One terminal session's WebSocket through the studio: binary frames are terminal bytes, text frames JSON control
// messages. It reconnects after a dropped connection (the node replays the scrollback on attach) and stops for good
// once the shell has exited or the session is unknown.
import { type TerminalSession, terminalServerMessageSchema } from '@mcp-studio/protocol';
import { refreshSession } from '../../../api/client';
import { getAccessToken, isAccessTokenStale } from '../../../api/tokenStore';
import { terminalSocketUrl } from './terminalsApi';

export type ConnectionState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open'; session: TerminalSession }
  | { kind: 'exited'; exitCode: number | null; signal: number | null }
  | { kind: 'failed'; code: number; reason: string };

export interface ConnectionHandlers {
  /** Before the scrollback is replayed on each (re)attach: clear what is on screen. */
  onReset(): void;
  onOutput(bytes: Uint8Array): void;
  onState(state: ConnectionState): void;
  /** Text the node reports about a refused control message. */
  onNotice(message: string): void;
}

/** Close codes of the studio's terminal socket (docs/agent-servers.md). */
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_FORBIDDEN = 4403;
const CLOSE_NOT_FOUND = 4404;
const MAX_RETRY_DELAY_MS = 15_000;

export class TerminalConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private isStopped = false;
  private hasExited = false;
  private size: { cols: number; rows: number } | null = null;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly nodeId: string,
    private readonly sessionId: string,
    private readonly handlers: ConnectionHandlers,
  ) {}

  start(): void {
    void this.connect(false);
  }

  /** Connect again now (after a failure the user chose to retry). */
  retry(): void {
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.isStopped = false;
    this.socket?.close();
    void this.connect(false);
  }

  stop(): void {
    this.isStopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'closed by the user');
    this.socket = null;
  }

  sendInput(data: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(this.encoder.encode(data));
  }

  /** Remembered, and sent now if connected and again after every reattach (the node keeps the last size). */
  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'resize', cols, rows }));
  }

  private async connect(mustRefresh: boolean): Promise<void> {
    if (this.isStopped || this.hasExited) return;
    this.attempt++;
    this.handlers.onState({ kind: 'connecting', attempt: this.attempt });
    if (mustRefresh || isAccessTokenStale()) await refreshSession();
    const token = getAccessToken();
    if (!token) {
      this.handlers.onState({ kind: 'failed', code: CLOSE_UNAUTHORIZED, reason: 'signed out' });
      return;
    }
    if (this.isStopped) return;
    const socket = new WebSocket(terminalSocketUrl(this.nodeId, this.sessionId, token));
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let isReset = false;

    socket.addEventListener('message', (event: MessageEvent) => {
      if (this.socket !== socket) return;
      if (!isReset) {
        isReset = true;
        this.handlers.onReset();
      }
      if (event.data instanceof ArrayBuffer) {
        this.handlers.onOutput(new Uint8Array(event.data));
        return;
      }
      this.onControl(String(event.data));
    });
    socket.addEventListener('close', (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.onClosed(event.code, event.reason);
    });
  }

  private onControl(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = terminalServerMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'ready') {
      this.attempt = 0;
      if (this.size) this.resize(this.size.cols, this.size.rows);
      this.handlers.onState({ kind: 'open', session: message.session });
    } else if (message.type === 'exit') {
      this.hasExited = true;
      this.handlers.onState({ kind: 'exited', exitCode: message.exitCode, signal: message.signal });
    } else {
      this.handlers.onNotice(message.message);
    }
  }

  private onClosed(code: number, reason: string): void {
    if (this.isStopped || this.hasExited) return;
    if (code === CLOSE_FORBIDDEN || code === CLOSE_NOT_FOUND) {
      this.handlers.onState({ kind: 'failed', code, reason });
      return;
    }
    // Anything else is a dropped connection (network, studio restart, node away): try again, more slowly each time.
    const delay = Math.min(500 * 2 ** Math.min(this.attempt, 5), MAX_RETRY_DELAY_MS);
    this.handlers.onState({ kind: 'connecting', attempt: this.attempt });
    this.retryTimer = setTimeout(() => void this.connect(code === CLOSE_UNAUTHORIZED), delay);
  }
}
