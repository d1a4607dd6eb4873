// Usage events wait in memory and are written in batches, off the request path; shutdown writes what is left.
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.js';
import { usageEvents } from '../../platform/db/schema.js';
import { PeriodicWriter } from './periodicWriter.js';

export type UsageRow = typeof usageEvents.$inferInsert;

export interface EventBufferDeps {
  db: Db;
  flushIntervalMs: number;
  log: { warn(details: object, message: string): void };
  /** Rows per INSERT statement. */
  batchSize?: number;
  /** Beyond this many unwritten rows (the database is down for long), the oldest are dropped with a warning. */
  maxPending?: number;
}

export class UsageEventBuffer {
  private pending: UsageRow[] = [];
  private dropped = 0;
  private readonly writer: PeriodicWriter;

  constructor(private readonly deps: EventBufferDeps) {
    this.writer = new PeriodicWriter(() => this.writePending(), deps.flushIntervalMs);
  }

  start(): void {
    this.writer.start();
  }

  add(row: UsageRow): void {
    this.pending.push(row);
    const max = this.deps.maxPending ?? 100_000;
    if (this.pending.length > max) {
      this.dropped += this.pending.length - max;
      this.pending.splice(0, this.pending.length - max);
    }
  }

  /**
   * Writes everything added so far. One flush at a time; a failed batch goes back to the front and is written
   * again later. Event ids are the studio's own, so a batch the database kept before failing adds nothing twice.
   */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Stops the timer and writes what is left. */
  close(): Promise<void> {
    return this.writer.close();
  }

  private async writePending(): Promise<void> {
    if (this.dropped > 0) {
      this.deps.log.warn(
        { dropped: this.dropped },
        'usage events were dropped: the database refused them for too long',
      );
      this.dropped = 0;
    }
    const size = this.deps.batchSize ?? 500;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, size);
      try {
        await this.deps.db.execute(insertStatement(batch));
      } catch (err) {
        this.pending.unshift(...batch);
        const reason = err instanceof Error ? err.message : String(err);
        this.deps.log.warn({ pending: this.pending.length, reason }, 'writing usage events failed; retrying later');
        return;
      }
    }
  }
}

/** The table's columns as drizzle knows them: their names, types, and how a value goes to the driver. */
const COLUMNS = Object.entries(getTableColumns(usageEvents)) as [keyof UsageRow, PgColumn][];

/**
 * One INSERT for the whole batch, one array parameter per column (`unnest`): the statement stays the same size
 * whatever the batch, instead of 17 parameters per row for the driver and the query builder to go through.
 */
function insertStatement(batch: UsageRow[]): SQL {
  const names = sql.raw(COLUMNS.map(([, column]) => column.name).join(', '));
  const arrays = sql.join(
    COLUMNS.map(([key, column]) => {
      const values = batch.map((row) => (row[key] == null ? null : column.mapToDriverValue(row[key])));
      return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
    }),
    sql`, `,
  );
  return sql`insert into usage_events (${names}) select * from unnest(${arrays}) on conflict (id) do nothing`;
}
