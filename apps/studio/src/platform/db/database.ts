// Opens the database: embedded PGlite under DATA_DIR by default, PostgreSQL when a URL is given.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { PG_INVALID_SCHEMA, PG_UNDEFINED_TABLE, pgErrorCode } from './errors.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Number of migrations the code ships that the database has not applied (0 when ready). */
  pendingMigrations(): Promise<number>;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir?: string };

export class DatabaseLockedError extends Error {}

const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

let shippedCount: number | undefined;
function shippedMigrationCount(): number {
  shippedCount ??= (
    JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }
  ).entries.length;
  return shippedCount;
}

/** Applied migrations; 0 on a database never migrated. Connection failures propagate. */
async function appliedMigrationCount(db: Db): Promise<number> {
  try {
    const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  } catch (err) {
    const code = pgErrorCode(err);
    if (code === PG_UNDEFINED_TABLE || code === PG_INVALID_SCHEMA) return 0;
    throw err;
  }
}

async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, { lockfilePath: `${dir}.lock`, stale: 15_000, update: 5_000, realpath: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DatabaseLockedError(
        `The embedded database in ${dir} is in use by another studio process (lock ${dir}.lock). ` +
          'Stop that process, or give this one another DATA_DIR.',
      );
    }
    throw err;
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection the server ended (a restart, a terminated backend) is dropped by the pool and the next
    // query opens another; unhandled, its 'error' event would take the whole process down.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePg(db as never, { migrationsFolder }),
      pendingMigrations: async () => shippedMigrationCount() - (await appliedMigrationCount(db)),
      close: () => pool.end(),
    };
  }
  let release: (() => Promise<void>) | undefined;
  let client: PGlite;
  if (target.dataDir) {
    fs.mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
    release = await lockDataDir(target.dataDir);
    client = new PGlite(target.dataDir);
  } else {
    client = new PGlite();
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    pendingMigrations: async () => shippedMigrationCount() - (await appliedMigrationCount(db)),
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}
