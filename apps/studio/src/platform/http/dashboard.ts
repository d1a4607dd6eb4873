// Serves the built dashboard (a single-page app) at `/`, with client-side routes falling back to index.html.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './app.js';

/** Paths the dashboard never answers: they belong to the API and answer 404 in its error shape. */
const API_PREFIXES = ['/api/', '/ws/', '/docs', '/health', '/ready', '/metrics', '/mcp'];

/** Serves the built single-page app at `/`, falling back to index.html for client-side routes. */
export async function serveDashboard(app: App, dir: string): Promise<void> {
  const indexFile = path.join(dir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn({ dir }, 'dashboard not built; run `npm run build`');
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/plain').send('The dashboard is not built. Run `npm run build`, then restart the studio.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dir, wildcard: false, index: false });
  const indexHtml = fs.readFileSync(indexFile);
  const sendIndex = (_request: unknown, reply: { type(t: string): { send(b: Buffer): unknown } }) =>
    reply.type('text/html; charset=utf-8').send(indexHtml);
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (API_PREFIXES.some((p) => url.startsWith(p))) {
      return reply.callNotFound();
    }
    const file = path.join(dir, path.normalize(url));
    if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(dir, file));
    }
    return sendIndex(request, reply);
  });
}
