// The one query metrics make: every enabled server of every organization, with its last known health.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { mcpServers } from '../../platform/db/schema.js';
import type { ServerAvailability } from '../../platform/metrics.js';

export function listServerAvailability(db: Db): Promise<ServerAvailability[]> {
  return db
    .select({ id: mcpServers.id, slug: mcpServers.slug, name: mcpServers.name, status: mcpServers.status })
    .from(mcpServers)
    .where(eq(mcpServers.enabled, true))
    .orderBy(asc(mcpServers.id));
}
