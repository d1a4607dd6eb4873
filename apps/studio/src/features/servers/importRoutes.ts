// /api/servers/import and /api/servers/export: the `{"mcpServers": {…}}` config of Claude Desktop, Cursor, VS Code.
import {
  exportServersResultSchema,
  importServersBodySchema,
  importServersQuerySchema,
  importServersResultSchema,
} from '@mcp-studio/protocol';
import type { App } from '../../platform/http/app.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import { ServerImportExport } from './importExport.js';
import type { ServerService } from './service.js';
import type { UrlCheck } from './target.js';

const tags = ['servers'];

export function serverImportRoutes(app: App, deps: { servers: ServerService; checkUrl: UrlCheck }): void {
  const importExport = new ServerImportExport(deps);

  app.post(
    '/api/servers/import',
    {
      schema: {
        tags,
        querystring: importServersQuerySchema,
        body: importServersBodySchema,
        response: { 200: importServersResultSchema },
      },
      onRequest: requires('create', 'McpServer'),
    },
    (request) => importExport.import(principalOf(request), request.body, request.query.dryRun === 'true', request.ip),
  );

  app.get(
    '/api/servers/export',
    { schema: { tags, response: { 200: exportServersResultSchema } }, onRequest: requires('read', 'McpServer') },
    (request) => importExport.export(principalOf(request)),
  );
}
