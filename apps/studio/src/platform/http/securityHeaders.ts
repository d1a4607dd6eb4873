// Security headers on every answer, with the studio's content security policy. The helmet middleware is built once;
// @fastify/helmet built it again, CSP parsing included, for every request.
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function securityHeaders(app: FastifyInstance): void {
  const apply = helmet({
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
  });
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined));
  });
}
