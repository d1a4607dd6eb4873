// Structured logs with every secret-bearing field redacted, wherever it sits in the object.
import type { LoggerOptions } from 'pino';

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

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; ip?: string; id?: string }) {
        // Query strings may carry ?token= for WebSocket upgrades; log only the path.
        return { method: request.method, url: request.url.split('?')[0], ip: request.ip, requestId: request.id };
      },
    },
  };
}
