// Liveness and readiness probes.
import { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import type { App } from '../../platform/http/app.js';

const tags = ['system'];
const security: [] = [];

export function systemRoutes(app: App, deps: { database: Database; version: string }): void {
  app.get(
    '/health',
    { schema: { tags, security, response: { 200: z.object({ status: z.literal('ok'), version: z.string() }) } } },
    () => ({ status: 'ok' as const, version: deps.version }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags,
        security,
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('not_ready'), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        const pending = await deps.database.pendingMigrations();
        if (pending > 0)
          return reply.status(503).send({ status: 'not_ready', reason: `${pending} migrations pending` });
        return { status: 'ready' as const, database: deps.database.kind };
      } catch {
        return reply.status(503).send({ status: 'not_ready', reason: 'database unreachable' });
      }
    },
  );
}
