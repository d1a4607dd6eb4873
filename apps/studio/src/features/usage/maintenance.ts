// The usage housekeeping job: every hour, today's and yesterday's totals are computed again and old data purged.
import { Cron } from 'croner';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { utcDay, utcDayStart } from './day.js';
import { purgeCountersBefore } from './quotaStore.js';
import { purgeEventsBefore, rollUpDay } from './rollup.js';

export interface UsageMaintenanceDeps {
  db: Db;
  clock: Clock;
  retentionDays: number;
  /** Written before a run, so every event of the days rolled up is in the database. */
  flush: () => Promise<void>;
  log: { warn(details: object, message: string): void };
}

export class UsageMaintenance {
  private job: Cron | undefined;

  constructor(private readonly deps: UsageMaintenanceDeps) {}

  /** Hourly at minute 5, UTC. Every replica may run it: a run replaces figures, it never adds to them. */
  start(): void {
    this.job ??= new Cron('5 * * * *', { timezone: 'UTC', protect: true, unref: true }, () =>
      this.runOnce().catch((err) => this.deps.log.warn({ err }, 'usage rollup failed; the next run retries')),
    );
  }

  stop(): void {
    this.job?.stop();
    this.job = undefined;
  }

  /** Yesterday is rolled up again too: its last events may have been written after midnight. */
  async runOnce(): Promise<void> {
    const { db, clock, retentionDays } = this.deps;
    await this.deps.flush();
    const now = clock.now();
    await rollUpDay(db, utcDay(utcDayStart(now, 1)));
    await rollUpDay(db, utcDay(now));
    await purgeEventsBefore(db, utcDayStart(now, retentionDays));
    await purgeCountersBefore(db, utcDay(utcDayStart(now, 1)));
  }
}
