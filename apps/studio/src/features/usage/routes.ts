// The usage report, its export, and the caller's quota.
import { quotaStatusSchema, usageExportQuerySchema, usageQuerySchema, usageReportSchema } from '@mcp-studio/protocol';
import type { App } from '../../platform/http/app.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import { csvStream, jsonArrayStream } from './exportFormats.js';
import type { QuotaService } from './quotas.js';
import type { UsageReports } from './reports.js';

const tags = ['usage'];

export function usageRoutes(app: App, reports: UsageReports, quotas: QuotaService): void {
  app.get(
    '/api/v1/external-mcp/usage',
    {
      schema: {
        tags,
        description: 'Metered MCP calls, grouped. ADMINs see the organization; everyone else their own calls.',
        querystring: usageQuerySchema,
        response: { 200: usageReportSchema },
      },
      onRequest: requires('read', 'Usage'),
    },
    (request) => reports.report(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/external-mcp/usage/export',
    {
      schema: {
        tags,
        description: 'One row per metered call, oldest first, streamed as CSV (with a header) or a JSON array.',
        querystring: usageExportQuerySchema,
      },
      onRequest: requires('read', 'Usage'),
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { format, ...filter } = request.query;
      // Checked before the first byte, so a bad filter is still a 4xx with the error body.
      reports.filterFor(principal, filter);
      const events = reports.events(principal, filter);
      const day = new Date().toISOString().slice(0, 10);
      const stream = format === 'csv' ? csvStream(events) : jsonArrayStream(events);
      stream.on('error', (err) => request.log.error({ err }, 'the usage export stopped early'));
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="mcp-usage-${day}.${format}"`)
        .send(stream);
    },
  );

  app.get(
    '/api/usage/quota',
    {
      schema: {
        tags,
        description: 'The caller’s MCP call quota for the current UTC day.',
        response: { 200: quotaStatusSchema },
      },
      onRequest: requires('read', 'Usage'),
    },
    (request) => quotas.status(principalOf(request)),
  );
}
