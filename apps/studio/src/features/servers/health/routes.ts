// GET /api/servers/:id/health: a server's check history, for every member of its organization.
import { healthHistoryQuerySchema, healthHistorySchema, idParamsSchema } from '@mcp-studio/protocol';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { App } from '../../../platform/http/app.js';
import { principalOf, requires } from '../../../platform/http/guard.js';
import { readHealthHistory } from './history.js';
import type { HealthMonitor } from './monitor.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The periodic health checks; tests run them directly. */
    serverHealth: HealthMonitor;
  }
}

export function healthRoutes(app: App, deps: { db: Db; clock: Clock }): void {
  app.get(
    '/api/servers/:id/health',
    {
      schema: {
        tags: ['servers'],
        params: idParamsSchema,
        querystring: healthHistoryQuerySchema,
        response: { 200: healthHistorySchema },
      },
      onRequest: requires('read', 'McpServer'),
    },
    (request) => readHealthHistory(deps, principalOf(request), request.params.id, request.query.since),
  );
}
