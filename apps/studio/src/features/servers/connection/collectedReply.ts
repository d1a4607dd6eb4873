// An event stream that answers one request, read here instead of through the SDK's web-streams parser (three
// transform streams per reply, a large share of a proxied call's cost). When it holds only notifications and the
// answer, and then ends, it is handed on as a JSON reply of the same messages in the same order, which the SDK
// reads as it reads any JSON reply. Anything the SDK must see while the stream is still open (a request from the
// server, an event id to resume from, a retry hint, an event it would skip) hands the stream on as it came instead,
// the part already read included, and nothing changes for the SDK.
import { Readable } from 'node:stream';

/** What the server's event stream turned out to be. */
export type CollectedReply = { messages: unknown[] } | { stream: Readable };

/**
 * Reads `body` until it ends (`{ messages }`) or until the SDK must read it itself (`{ stream }`: the bytes read so
 * far, then the rest). Never holds more than `maxBytes`; past that the stream is handed on, where the per-line
 * limit applies as before.
 */
export function collectReply(body: Readable, requestId: string | number, maxBytes: number): Promise<CollectedReply> {
  const parser = new EventParser(requestId);
  const read: Buffer[] = [];
  let held = 0;
  return new Promise((resolve, reject) => {
    const settle = (reply: CollectedReply) => {
      body.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(reply);
    };
    // Paused, not destroyed: the SDK reads on from where this stopped.
    const handOn = () => {
      body.pause();
      settle({ stream: Readable.from(rest(read, body)) });
    };
    const onData = (chunk: Buffer) => {
      read.push(chunk);
      held += chunk.byteLength;
      if (held > maxBytes || !parser.push(chunk)) handOn();
    };
    const onEnd = () => (parser.finish() ? settle({ messages: parser.messages }) : handOn());
    body.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** The bytes already read, then the rest of the body; dropping it part-way drops the body too. */
async function* rest(read: Buffer[], body: Readable) {
  try {
    yield* read;
    yield* body;
  } finally {
    body.destroy();
  }
}

/** The subset of the event-stream format a plain answer uses: `data:` lines of `message` events, comments. */
class EventParser {
  readonly messages: unknown[] = [];
  private readonly decoder = new TextDecoder();
  private carry = '';
  private data: string[] = [];
  private isAnswered = false;

  constructor(private readonly requestId: string | number) {}

  /** False as soon as the stream needs the SDK. */
  push(chunk: Buffer): boolean {
    const text = this.carry + this.decoder.decode(chunk, { stream: true });
    // A lone CR also ends a line in this format; such a stream is left to the SDK's parser.
    if (text.includes('\r')) return false;
    const lines = text.split('\n');
    this.carry = lines.pop() ?? '';
    return lines.every((line) => this.line(line));
  }

  /** True when the stream ended on a complete event, with the answer among the messages. */
  finish(): boolean {
    return this.carry + this.decoder.decode() === '' && this.data.length === 0 && this.isAnswered;
  }

  private line(line: string): boolean {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return true;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(line.charAt(colon + 1) === ' ' ? colon + 2 : colon + 1);
    if (field === 'data') {
      this.data.push(value);
      return true;
    }
    return field === 'event' && value === 'message';
  }

  private dispatch(): boolean {
    const text = this.data.join('\n');
    this.data = [];
    // An event without data is no message (the SDK skips it too).
    if (text === '') return true;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return false;
    }
    if (this.isAnswered || !isJsonRpc(message)) return false;
    if (isNotification(message)) {
      this.messages.push(message);
      return true;
    }
    // The answer to this request, and nothing else: a request from the server must be answered while it waits.
    if (!isResponse(message) || message.id !== this.requestId) return false;
    this.messages.push(message);
    this.isAnswered = true;
    return true;
  }
}

type Message = Record<string, unknown>;

const isJsonRpc = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && (value as Message).jsonrpc === '2.0';

const isNotification = (message: Message) => typeof message.method === 'string' && !('id' in message);

const isResponse = (message: Message) => !('method' in message) && ('result' in message || 'error' in message);

/**
 * The id of the single request in a POST body that may have its event-stream answer collected: one that asked for
 * no progress, so nothing in its stream is meant to arrive before the answer.
 */
export function collectableRequestId(method: string | undefined, body: unknown): string | number | undefined {
  if (method !== 'POST' || typeof body !== 'string') return undefined;
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isJsonRpc(message) || typeof message.method !== 'string') return undefined;
  const { id, params } = message;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const meta = (params as { _meta?: Record<string, unknown> } | undefined)?._meta;
  return meta?.progressToken === undefined ? id : undefined;
}
