// One error shape on every endpoint: { error: { code, message, details? }, requestId }.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DecryptionError } from '../crypto/vault.js';
import { AppError } from './errors.js';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  message: string,
  details?: unknown,
  body?: Record<string, unknown>,
) {
  const error = details === undefined ? { code, message } : { code, message, details };
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ error, ...body, requestId: request.id });
}

const FASTIFY_CLIENT_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'empty_body', message: 'The request body is empty but JSON was declared' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Send the body as application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    message: 'The Content-Length header does not match the body',
  },
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return send(reply, request, err.statusCode, err.code, err.message, err.details, err.body);
    }
    if (err instanceof DecryptionError) {
      request.log.error('a stored secret failed its integrity check (tampered, copied to another row, or unknown key)');
      return send(reply, request, 500, 'secret_unreadable', 'The stored secret could not be decrypted');
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const details = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)',
        message: v.message,
      }));
      const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return send(reply, request, 400, 'validation_failed', `Invalid ${where}: ${summary}`, details);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err: { message: err.message } }, 'response did not match its schema');
      return send(reply, request, 500, 'internal_error', 'Internal error');
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const known = FASTIFY_CLIENT_ERRORS[(err as FastifyError).code ?? ''];
      if (known) return send(reply, request, status, known.code, known.message);
      return send(reply, request, status, status === 429 ? 'rate_limited' : 'bad_request', err.message);
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, request, 500, 'internal_error', 'Internal error');
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
