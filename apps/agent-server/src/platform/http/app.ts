// The typed Fastify instance every route module receives, and who a request acts for.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The master token (the studio, an operator) may do anything; an agent token only reaches that agent's own resources. */
export type Caller = { kind: 'master' } | { kind: 'agent'; agentId: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook when a valid bearer token came with the request. */
    caller: Caller | null;
  }
}
