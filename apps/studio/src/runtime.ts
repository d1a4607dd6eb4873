// Builds the studio's real dependencies from a Config: database, master keys, event bus, clock.
import type { StudioDeps } from './app.js';
import type { Config } from './config.js';
import { systemClock } from './platform/clock.js';
import { loadKeyring } from './platform/crypto/keyring.js';
import { type Database, openDatabase } from './platform/db/database.js';
import { InProcessEventBus } from './platform/events/bus.js';

export async function openStudioDatabase(config: Config): Promise<Database> {
  return openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` },
  );
}

export async function createStudioDeps(config: Config): Promise<StudioDeps> {
  const keyring = loadKeyring({
    secretKey: config.secretKey,
    previousKeys: config.previousSecretKeys,
    dataDir: config.dataDir,
  });
  const database = await openStudioDatabase(config);
  await database.migrate();
  return { config, database, keyring, bus: new InProcessEventBus(), clock: systemClock };
}
