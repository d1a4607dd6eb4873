// Is there an agent server at this URL, and does it take this master token? For attaching and for polls.
import { AppError } from '../../platform/http/errors.js';
import { type NodeClient, type NodeTarget, nodeUnreachable, parseJson } from './nodeClient.js';

export interface ProbeResult {
  status: 'online' | 'degraded';
  version: string | null;
  uptimeSeconds: number | null;
}

const notAnAgentServer = (detail: string) =>
  new AppError('not_an_agent_server', 400, `The URL does not answer as an agent server: ${detail}`);

/** GET /health (open), then GET /api/presence/server with the master token (GET /api/agents on older nodes). */
export async function probeNode(nodes: NodeClient, target: NodeTarget): Promise<ProbeResult> {
  const health = await nodes.call(target, { method: 'GET', path: '/health' }).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'agent_server_unreachable'
      ? nodeUnreachable(400, err.message.replace(/^The agent server could not be reached: /, ''))
      : err;
  });
  const healthBody = parseJson(health.body);
  if (health.status !== 200 || (healthBody as { status?: unknown } | undefined)?.status !== 'ok') {
    throw notAnAgentServer(`GET /health answered ${health.status}`);
  }
  let answer = await nodes.call(target, { method: 'GET', path: '/api/presence/server' });
  if (answer.status === 404) answer = await nodes.call(target, { method: 'GET', path: '/api/agents' });
  if (answer.status === 401 || answer.status === 403) {
    throw new AppError('invalid_master_token', 400, 'The agent server refused the master token');
  }
  if (answer.status !== 200) throw notAnAgentServer(`an authenticated call answered ${answer.status}`);
  const presence = parseJson(answer.body) as { version?: unknown; uptime?: unknown; status?: unknown } | undefined;
  return {
    status: presence?.status === 'degraded' ? 'degraded' : 'online',
    version: typeof presence?.version === 'string' ? presence.version.slice(0, 64) : null,
    uptimeSeconds: typeof presence?.uptime === 'number' ? presence.uptime : null,
  };
}
