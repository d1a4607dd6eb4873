// Calls of users whose plan has no daily limit: there is nothing to check before forwarding them, so their counts
// wait in memory and are written in batches, off the request path, like usage events.
import type { Db } from '../../platform/db/database.js';
import { addToCount, type CounterKey } from './quotaStore.js';

export interface UnlimitedCountsDeps {
  db: Db;
  flushIntervalMs: number;
  log: { warn(details: object, message: string): void };
}

export class UnlimitedCounts {
  private readonly waiting = new Map<string, { key: CounterKey; delta: number }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly deps: UnlimitedCountsDeps) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.deps.flushIntervalMs);
    this.timer.unref();
  }

  /** Counts `delta` calls (−1 gives one back) for the key's user and day. */
  add(key: CounterKey, delta: number): void {
    const id = idOf(key);
    const entry = this.waiting.get(id);
    if (entry) entry.delta += delta;
    else this.waiting.set(id, { key, delta });
  }

  /** What this process counted for the key and has not written yet. */
  waitingFor(key: CounterKey): number {
    return this.waiting.get(idOf(key))?.delta ?? 0;
  }

  /** Resolves once every count this process made for the key is in the database. */
  async written(key: CounterKey): Promise<void> {
    if (this.waitingFor(key) !== 0) await this.flush();
    else await this.flushing;
  }

  /** Writes every waiting count; one flush at a time, and a count the database refused waits for the next. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flushing;
    await this.flush();
  }

  private async write(): Promise<void> {
    const entries = [...this.waiting.values()].filter((entry) => entry.delta !== 0);
    this.waiting.clear();
    for (const [index, { key, delta }] of entries.entries()) {
      try {
        await addToCount(this.deps.db, key, delta);
      } catch (err) {
        for (const left of entries.slice(index)) this.add(left.key, left.delta);
        const reason = err instanceof Error ? err.message : String(err);
        this.deps.log.warn({ counters: entries.length - index, reason }, 'writing quota counts failed; retrying later');
        return;
      }
    }
  }
}

const idOf = (key: CounterKey) => `${key.userId}/${key.day}`;
