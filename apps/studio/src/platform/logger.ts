// Structured logs with every secret-bearing field redacted, wherever it sits in the object.
import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, LoggerOptions } from 'pino';

const SECRET_FIELDS = [
  'password',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'value',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'masterToken',
  'registrationToken',
  'nodeToken',
];

export const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.query.token',
  'res.headers["set-cookie"]',
];

const REQUEST_BINDINGS = Symbol('request bindings');

type RequestLogger = FastifyBaseLogger & { [REQUEST_BINDINGS]?: Bindings };

/**
 * The logger Fastify gives each request, bound to its id. Pino would write the bindings through the redaction at
 * once, which with wildcard paths costs more than the rest of a gateway call's logging; here they wait on the child
 * and `mixin` adds them only to the lines it writes, redacted like the rest.
 */
export function requestLogger(logger: FastifyBaseLogger, bindings: Bindings, options: object): FastifyBaseLogger {
  const child: RequestLogger = logger.child({}, options);
  child[REQUEST_BINDINGS] = bindings;
  return child;
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // A new object each time: pino merges the line into it.
    mixin: (_line, _level, logger) => ({ ...(logger as RequestLogger)[REQUEST_BINDINGS] }),
    serializers: {
      req(request: { method: string; url: string; ip?: string; id?: string }) {
        // Query strings may carry ?token= for WebSocket upgrades; log only the path.
        return { method: request.method, url: request.url.split('?')[0], ip: request.ip, requestId: request.id };
      },
    },
  };
}
