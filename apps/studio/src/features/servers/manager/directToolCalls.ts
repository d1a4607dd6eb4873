// `tools/call` on a 2025-era session sent straight through its transport: the commonest request of all, without the
// SDK client's per-request machinery (its request funnel, its timer, its listeners), answered with the SDK's own
// checks. Everything else, and every call that needs more (progress, an output schema), goes through the client.
import {
  type CallToolResult,
  type Client,
  type JSONRPCMessage,
  ProtocolError,
  SdkError,
  SdkErrorCode,
  type Transport,
} from '@modelcontextprotocol/client';
import type { TranscriptRing } from '../connection/transcript.js';

/** The ids of these calls start far above the SDK's own counter (which starts at 0), so the two never meet. */
export const FIRST_DIRECT_ID = 2 ** 40;

/**
 * The client's wire codec for its negotiated era (a protected member of the SDK's Protocol): how the SDK reads the
 * answer to its own requests. Without it there are no direct calls, and every call goes through the client.
 */
interface WireCodec {
  decodeResult(method: string, raw: unknown): { kind: string; result?: unknown; error?: unknown };
  validateResult(method: string, raw: unknown): { ok: true; value: unknown } | { ok: false; message?: string };
}

type Answer = Extract<JSONRPCMessage, { id: unknown; result: unknown }> | Extract<JSONRPCMessage, { error: unknown }>;

export class DirectToolCalls {
  private readonly pending = new Map<number, (answer: Answer | Error) => void>();
  private nextId = FIRST_DIRECT_ID;
  private isClosed = false;

  private constructor(
    private readonly transport: Transport,
    private readonly codec: WireCodec,
    private readonly transcript: TranscriptRing | undefined,
  ) {}

  /**
   * Takes over the answers to its own calls on a connected 2025-era session: it handles the transport's messages
   * and close before the client does. Undefined for a 2026-era session, whose requests carry the client's envelope.
   */
  static attach(client: Client, transcript?: TranscriptRing): DirectToolCalls | undefined {
    const transport = client.transport;
    const codec = wireCodecOf(client);
    if (client.getProtocolEra() === 'modern' || !transport || !codec) return undefined;
    const calls = new DirectToolCalls(transport, codec, transcript);
    const onmessage = transport.onmessage;
    transport.onmessage = (message, extra) => {
      if (!calls.take(message)) onmessage?.(message, extra);
    };
    const onclose = transport.onclose;
    transport.onclose = () => {
      try {
        onclose?.();
      } finally {
        calls.failAll();
      }
    };
    return calls;
  }

  /**
   * Sends the call and waits for its answer, read as `Client.callTool` reads it. When `signal` aborts, the server
   * is told with `notifications/cancelled` and the call fails with the signal's reason.
   */
  callTool(params: { name: string; arguments: Record<string, unknown> }, signal: AbortSignal): Promise<CallToolResult> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.isClosed) return Promise.reject(connectionClosed());
    const id = this.nextId++;
    return new Promise<CallToolResult>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        const reason = String(signal.reason);
        const cancel = {
          jsonrpc: '2.0' as const,
          method: 'notifications/cancelled',
          params: { requestId: id, reason },
        };
        this.transport.send(cancel).catch(() => {});
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, (answer) => {
        signal.removeEventListener('abort', onAbort);
        try {
          resolve(this.read(answer));
        } catch (error) {
          reject(error);
        }
      });
      this.transport.send({ jsonrpc: '2.0', id, method: 'tools/call', params }).catch((error: unknown) => {
        // The send failed: unless an answer or an abort settled the call meanwhile, this is its failure.
        if (!this.pending.delete(id)) return;
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
    });
  }

  /** True for an answer to one of these calls (a late one, to a cancelled call, included), which the client never sees. */
  private take(message: JSONRPCMessage): boolean {
    const { id } = message as { id?: unknown };
    if (typeof id !== 'number' || id < FIRST_DIRECT_ID || !('result' in message || 'error' in message)) return false;
    this.transcript?.record('received', message);
    const settle = this.pending.get(id);
    this.pending.delete(id);
    settle?.(message as Answer);
    return true;
  }

  /** The answer as the SDK client reads it: a JSON-RPC error as ProtocolError, a result decoded and checked. */
  private read(answer: Answer | Error): CallToolResult {
    if (answer instanceof Error) throw answer;
    if ('error' in answer) throw ProtocolError.fromError(answer.error.code, answer.error.message, answer.error.data);
    const decoded = this.codec.decodeResult('tools/call', answer.result);
    if (decoded.kind === 'invalid') throw decoded.error;
    if (decoded.kind !== 'complete') {
      throw new SdkError(
        SdkErrorCode.UnsupportedResultType,
        `Unsupported result type '${decoded.kind}' for tools/call`,
      );
    }
    const checked = this.codec.validateResult('tools/call', decoded.result);
    if (!checked.ok)
      throw new SdkError(SdkErrorCode.InvalidResult, `Invalid result for tools/call: ${checked.message}`);
    return checked.value as CallToolResult;
  }

  /** The connection closed: the calls waiting fail as the client's own requests do. */
  private failAll(): void {
    this.isClosed = true;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const settle of waiting) settle(connectionClosed());
  }
}

function connectionClosed(): SdkError {
  return new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed');
}

function wireCodecOf(client: Client): WireCodec | undefined {
  const codec = (client as unknown as { _wireCodec?: () => Partial<WireCodec> })._wireCodec?.();
  const isUsable = typeof codec?.decodeResult === 'function' && typeof codec.validateResult === 'function';
  return isUsable ? (codec as WireCodec) : undefined;
}
