// Errors on /v1/messages in Anthropic's shape, so SDK clients parse them, with the node's code and request id added.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { NodeError } from '../../platform/http/errors.js';
import { anthropicErrorType } from './relay.js';

export function sendAnthropicError(
  error: FastifyError | NodeError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  let status: number;
  let code: string;
  let message: string;
  const fastifyStatus = (error as FastifyError).statusCode;
  if (error instanceof NodeError) {
    ({ statusCode: status, code, message } = error);
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    status = 400;
    code = 'validation_failed';
    const reasons = error.validation.map(
      (v) => `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)'}: ${v.message}`,
    );
    message = `Invalid body: ${reasons.join('; ')}`;
  } else if (fastifyStatus && fastifyStatus < 500) {
    // Fastify's own refusals: a body over the limit (413), a content type other than JSON (415).
    status = fastifyStatus;
    code = status === 413 ? 'body_too_large' : 'bad_request';
    message = error.message;
  } else {
    request.log.error({ err: error }, 'unhandled error');
    status = 500;
    code = 'internal_error';
    message = 'Internal error';
  }
  // The SDKs retry 409 and 5xx on their own; a suspended agent or a bad request will not get better by retrying.
  if (status < 500) reply.header('x-should-retry', 'false');
  return reply
    .status(status)
    .type('application/json')
    .send({ type: 'error', error: { type: anthropicErrorType(status), code, message }, requestId: request.id });
}
