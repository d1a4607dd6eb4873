// Security headers on every answer. Pages (the dashboard, the API docs, everything else) get helmet's full set with
// the studio's content security policy. The MCP endpoints, whose JSON and event streams only programs read, get the
// two that still mean something there: every header is parsed again by each client on each call. Both sets are
// worked out once at start, since none of them depends on the request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

type HeaderList = readonly (readonly [name: string, value: string])[];

/** For answers only programs read: never sniffed into a document, never framed, loading nothing. */
const PROGRAM_HEADERS: HeaderList = [
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
  ['x-content-type-options', 'nosniff'],
];

/** `isProgramRoute` is given the route's pattern (`/mcp/v/:slug`), not the URL. */
export function securityHeaders(app: FastifyInstance, isProgramRoute: (route: string) => boolean): void {
  const pageHeaders = headersOf(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          workerSrc: ["'self'", 'blob:'],
          // Plain-http deployments on a LAN address must keep loading their own assets over http.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    const headers = route !== undefined && isProgramRoute(route) ? PROGRAM_HEADERS : pageHeaders;
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/** The headers the middleware sets, taken by running it once: it sets the same ones for every request. */
function headersOf(middleware: ReturnType<typeof helmet>): HeaderList {
  const headers: [string, string][] = [];
  const response = {
    setHeader: (name: string, value: string) => headers.push([name.toLowerCase(), String(value)]),
    // It removes x-powered-by, which Fastify never sends.
    removeHeader: () => {},
  };
  let finished = false;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers at once');
  return headers;
}
