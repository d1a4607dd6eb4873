// The usage capability's parts, put together once: quotas, the event buffer, and the metering that uses both.
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { UsageEventBuffer, type UsageRow } from './eventBuffer.js';
import { Metering } from './metering.js';
import { QuotaService } from './quotas.js';

export interface UsageDeps {
  db: Db;
  clock: Clock;
  config: Config['usage'];
  log: { warn(details: object, message: string): void };
  onEvent?: (event: UsageRow) => void;
}

export interface Usage {
  metering: Metering;
  quotas: QuotaService;
  buffer: UsageEventBuffer;
}

export function createUsage({ db, clock, config, log, onEvent }: UsageDeps): Usage {
  const buffer = new UsageEventBuffer({ db, flushIntervalMs: config.flushIntervalMs, log });
  const quotas = new QuotaService({ db, clock, dailyLimits: config.dailyLimits });
  const metering = new Metering({ buffer, quotas, clock, enabled: config.enabled, ...(onEvent ? { onEvent } : {}) });
  return { metering, quotas, buffer };
}
