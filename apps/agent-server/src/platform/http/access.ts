// Who may reach what: the master token everything, an agent token only its own agent's resources.
import type { FastifyRequest } from 'fastify';
import { forbidden, notFound, unauthorized } from './errors.js';

export function requireMaster(request: FastifyRequest): void {
  if (!request.caller) throw unauthorized();
  if (request.caller.kind !== 'master') throw forbidden('This needs the master token', 'master_token_required');
}

/** The master token, or the token of this very agent; another agent's id answers 404, as if it did not exist. */
export function requireAgent(request: FastifyRequest, agentId: string): void {
  const caller = request.caller;
  if (!caller) throw unauthorized();
  if (caller.kind === 'agent' && caller.agentId !== agentId) throw notFound('Agent');
}

/** The agent an agent token stands for; the master token has none (it names agents in the path). */
export function callingAgent(request: FastifyRequest): string {
  const caller = request.caller;
  if (!caller) throw unauthorized();
  if (caller.kind !== 'agent') throw forbidden('This needs an agent token', 'agent_token_required');
  return caller.agentId;
}
