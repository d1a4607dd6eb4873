// Route-level authorization: each route declares the action and subject it needs. Used as an onRequest hook,
// so an anonymous or unauthorized caller is refused before its input is parsed or validated.
import type { FastifyRequest } from 'fastify';
import type { Action, Subject } from '../auth/abilities.js';
import type { Principal } from '../auth/principal.js';
import { forbidden, unauthorized } from './errors.js';

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** 401 without a principal, 403 when neither role nor token scope could allow the action. */
export function requires(action: Action, subject: Exclude<Subject, 'all'>) {
  return async (request: FastifyRequest): Promise<void> => {
    const principal = principalOf(request);
    if (!principal.isScopeAllowed(action, subject)) {
      throw forbidden('This API token does not have the permission for this', 'insufficient_scope');
    }
    if (!principal.ability.can(action, subject)) throw forbidden();
  };
}

/** For routes any signed-in caller may use. */
export async function authenticated(request: FastifyRequest): Promise<void> {
  principalOf(request);
}
