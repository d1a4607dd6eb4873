// One error shape on every endpoint, the studio's: { error: { code, message, details? }, requestId }.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { NodeError } from './errors.js';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  message: string,
  details?: unknown,
) {
  const error = details === undefined ? { code, message } : { code, message, details };
  return reply.status(status).type('application/json; charset=utf-8').send({ error, requestId: request.id });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | NodeError | Error, request, reply) => {
    if (err instanceof NodeError) return send(reply, request, err.statusCode, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)',
        message: v.message,
      }));
      const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return send(
        reply,
        request,
        400,
        'validation_failed',
        `Invalid ${err.validationContext ?? 'request'}: ${summary}`,
        details,
      );
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) return send(reply, request, status, 'bad_request', err.message);
    request.log.error({ err }, 'unhandled error');
    return send(reply, request, 500, 'internal_error', 'Internal error');
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
