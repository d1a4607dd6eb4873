// Reads the token usage out of an Anthropic Messages SSE stream as it passes, without changing a byte of it.
import { StringDecoder } from 'node:string_decoder';

/** The usage a stream reported so far; `model` is undefined until message_start arrived ('' when it named none). */
export interface StreamUsage {
  model: string | undefined;
  inputTokens: number;
  outputTokens: number;
}

/** An event block this large without its blank line is not one the relay needs (usage events are small). */
const MAX_PENDING_CHARS = 1024 * 1024;
const BLOCK_END = /\r?\n\r?\n/;

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export class SseUsageReader {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private readonly usage: StreamUsage = { model: undefined, inputTokens: 0, outputTokens: 0 };

  /** Feeds the next chunk exactly as it came from upstream. */
  observe(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    for (let match = BLOCK_END.exec(this.pending); match; match = BLOCK_END.exec(this.pending)) {
      const block = this.pending.slice(0, match.index);
      this.pending = this.pending.slice(match.index + match[0].length);
      // Only two event types carry usage; the many deltas are not worth a JSON parse.
      if (block.includes('message_start') || block.includes('message_delta')) this.readBlock(block);
    }
    if (this.pending.length > MAX_PENDING_CHARS) this.pending = '';
  }

  get result(): StreamUsage {
    return { ...this.usage };
  }

  private readBlock(block: string): void {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    let event: Record<string, unknown> | undefined;
    try {
      event = asRecord(JSON.parse(data));
    } catch {
      return;
    }
    if (event?.type === 'message_start') {
      const message = asRecord(event.message);
      this.usage.model = typeof message?.model === 'string' ? message.model : '';
      this.take(asRecord(message?.usage));
    } else if (event?.type === 'message_delta') {
      this.take(asRecord(event.usage));
    }
  }

  /** Anthropic's counts are cumulative over the stream, so they only grow: the largest seen is the latest. */
  private take(usage: Record<string, unknown> | undefined): void {
    const input = count(usage?.input_tokens);
    const output = count(usage?.output_tokens);
    if (input !== undefined) this.usage.inputTokens = Math.max(this.usage.inputTokens, input);
    if (output !== undefined) this.usage.outputTokens = Math.max(this.usage.outputTokens, output);
  }
}
