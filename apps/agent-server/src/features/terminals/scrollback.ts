// A terminal's scrollback: the last N bytes of its output, kept as received, replayed to a client that (re)attaches.

export class Scrollback {
  private chunks: Buffer[] = [];
  private held = 0;
  /** Bytes dropped from the start since the session opened. */
  dropped = 0;

  constructor(private readonly capacity: number) {}

  get bytes(): number {
    return this.held;
  }

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.held += chunk.length;
    while (this.held > this.capacity) {
      const first = this.chunks[0];
      if (!first) break;
      const excess = this.held - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.held -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.held -= excess;
        this.dropped += excess;
      }
    }
  }

  /** Everything held, starting at a character boundary (a cut may have split a UTF-8 sequence). */
  contents(): Buffer {
    const all = Buffer.concat(this.chunks, this.held);
    if (this.dropped === 0) return all;
    let start = 0;
    while (start < all.length && start < 4 && ((all[start] ?? 0) & 0xc0) === 0x80) start++;
    return all.subarray(start);
  }
}
