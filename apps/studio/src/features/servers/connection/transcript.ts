// The recent JSON-RPC traffic of one server, for its logs: a bounded ring that outlives its sessions.
import type { TranscriptEntry } from '@mcp-studio/protocol';
import type { JSONRPCMessage, MessageExtraInfo, Transport } from '@modelcontextprotocol/client';

export const TRANSCRIPT_MAX_ENTRIES = 200;
export const TRANSCRIPT_MAX_MESSAGE_BYTES = 16 * 1024;

type Direction = TranscriptEntry['direction'];

/** Kept as JSON text: a snapshot the SDK cannot mutate afterwards, and bounded in memory. */
interface KeptMessage {
  at: Date;
  direction: Direction;
  json: string;
  truncated: boolean;
}

export class TranscriptRing {
  private readonly kept: KeptMessage[] = [];

  constructor(
    private readonly maxEntries = TRANSCRIPT_MAX_ENTRIES,
    private readonly maxMessageBytes = TRANSCRIPT_MAX_MESSAGE_BYTES,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(direction: Direction, message: unknown): void {
    const json = toJson(message);
    const cut = cutUtf8(json, this.maxMessageBytes);
    this.kept.push({ at: this.now(), direction, json: cut ?? json, truncated: cut !== undefined });
    if (this.kept.length > this.maxEntries) this.kept.splice(0, this.kept.length - this.maxEntries);
  }

  /** Oldest first; a cut message is given as its cut JSON text. */
  entries(): TranscriptEntry[] {
    return this.kept.map(({ at, direction, json, truncated }) => ({
      at: at.toISOString(),
      direction,
      message: truncated ? json : JSON.parse(json),
      truncated,
    }));
  }
}

/**
 * Records every message that passes through `transport` into `ring`; call it before `Client.connect`.
 * The instance is instrumented rather than wrapped in a decorator class because the SDK recognises transports by
 * their class and fields (stdio probing, HTTP session ids). A pre-set `onmessage` is chained by `Protocol.connect`
 * (and restored after the era probe, whose own reply it does not see).
 */
export function recordTranscript(transport: Transport, ring: TranscriptRing): void {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    ring.record('sent', message);
    return send(message, options);
  };
  const earlier = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo) => {
    ring.record('received', message);
    earlier?.(message, extra);
  };
}

/** A message that cannot be serialised must not break the traffic it describes. */
function toJson(message: unknown): string {
  try {
    return JSON.stringify(message) ?? 'null';
  } catch {
    return JSON.stringify('(a message that could not be serialised as JSON)');
  }
}

/** `text` cut to at most `maxBytes` of UTF-8 without splitting a character, or undefined when it fits. */
function cutUtf8(text: string, maxBytes: number): string | undefined {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return undefined;
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}
