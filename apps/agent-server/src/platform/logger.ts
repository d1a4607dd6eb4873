// Structured logs with tokens and keys redacted wherever they sit, and no query strings (a WebSocket's ?token=).
import type { LoggerOptions } from 'pino';

const SECRET_FIELDS = ['token', 'masterToken', 'apiKey', 'authorization', 'x-api-key', 'content', 'data'];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]), 'req.headers.authorization'],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; ip?: string; id?: string }) {
        return { method: request.method, url: request.url.split('?')[0], ip: request.ip, requestId: request.id };
      },
    },
  };
}
