// GET /metrics: Prometheus text for the gateway and the process, behind METRICS_TOKEN or loopback only.
import type { App } from '../../platform/http/app.js';
import { AppError, forbidden } from '../../platform/http/errors.js';
import type { StudioMetrics } from '../../platform/metrics.js';
import { bearerFrom } from '../auth/authenticator.js';
import { isLocalCaller, isMetricsToken } from './access.js';

const tokenRequired = () =>
  new AppError('unauthorized', 401, 'The metrics token is required: Authorization: Bearer …', undefined, {
    'www-authenticate': 'Bearer realm="metrics"',
  });

export function metricsRoutes(app: App, deps: { metrics: StudioMetrics; token: string | undefined }): void {
  const { metrics, token } = deps;
  app.get(
    '/metrics',
    {
      schema: { hide: true },
      // Prometheus scrapes on its own schedule; its requests must not use up anyone's rate limit or be refused.
      config: { rateLimit: false },
      onRequest: async (request) => {
        if (token) {
          if (!isMetricsToken(bearerFrom(request.headers.authorization), token)) throw tokenRequired();
        } else if (!isLocalCaller(request.socket.remoteAddress, request.headers)) {
          throw forbidden('Without METRICS_TOKEN, metrics are served to this machine only');
        }
      },
    },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()),
  );
}
