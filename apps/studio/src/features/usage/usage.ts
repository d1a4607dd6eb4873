// The usage capability's parts, put together once: quotas, the event buffer, and the metering that uses both.
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import { UsageEventBuffer, type UsageRow } from './eventBuffer.js';
import { UsageMaintenance } from './maintenance.js';
import { Metering } from './metering.js';
import { QuotaService } from './quotas.js';
import { UnlimitedCounts } from './unlimitedCounts.js';

export interface UsageDeps {
  db: Db;
  clock: Clock;
  bus: EventBus;
  config: Config['usage'];
  log: { warn(details: object, message: string): void };
  onEvent?: (event: UsageRow) => void;
}

export interface Usage {
  metering: Metering;
  quotas: QuotaService;
  buffer: UsageEventBuffer;
  maintenance: UsageMaintenance;
  /** Starts the batch writer and the hourly rollup. */
  start(): void;
  /** Stops the rollup and writes every event still waiting. */
  close(): Promise<void>;
}

export function createUsage({ db, clock, bus, config, log, onEvent }: UsageDeps): Usage {
  const buffer = new UsageEventBuffer({ db, flushIntervalMs: config.flushIntervalMs, log });
  const unlimited = new UnlimitedCounts({ db, flushIntervalMs: config.flushIntervalMs, log });
  const quotas = new QuotaService({ db, clock, bus, dailyLimits: config.dailyLimits, unlimited });
  const metering = new Metering({ buffer, quotas, clock, enabled: config.enabled, ...(onEvent ? { onEvent } : {}) });
  const maintenance = new UsageMaintenance({
    db,
    clock,
    retentionDays: config.retentionDays,
    flush: () => metering.flush(),
    log,
  });
  return {
    metering,
    quotas,
    buffer,
    maintenance,
    start() {
      buffer.start();
      unlimited.start();
      maintenance.start();
    },
    async close() {
      maintenance.stop();
      await metering.flush();
      await Promise.all([buffer.close(), unlimited.close()]);
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Metering, quotas and the rollup, for tests and shutdown. */
    usage: Usage;
  }
}
