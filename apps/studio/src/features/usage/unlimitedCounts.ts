// Calls of users whose plan has no daily limit: there is nothing to check before forwarding them, so their counts
// wait in memory and are written in batches, off the request path, like usage events.
import type { Db } from '../../platform/db/database.js';
import { PeriodicWriter } from './periodicWriter.js';
import { addToCount, type CounterKey } from './quotaStore.js';

export interface UnlimitedCountsDeps {
  db: Db;
  flushIntervalMs: number;
  log: { warn(details: object, message: string): void };
}

export class UnlimitedCounts {
  private readonly waiting = new Map<string, { key: CounterKey; delta: number }>();
  private readonly writer: PeriodicWriter;

  constructor(private readonly deps: UnlimitedCountsDeps) {
    this.writer = new PeriodicWriter(() => this.write(), deps.flushIntervalMs);
  }

  start(): void {
    this.writer.start();
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
    // A write under way may have started before these counts were added; any write after it takes them.
    await this.writer.settled();
    if (this.waitingFor(key) !== 0) await this.flush();
  }

  /** Writes every waiting count; one flush at a time, and a count the database refused waits for the next. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
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
