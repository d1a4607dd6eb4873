// /api/presence: the node, its agents, its resources, and a WebSocket feed of changes. Master token only.
import {
  type PresenceMessage,
  presenceAgentsSchema,
  presenceServerSchema,
  presenceStatusSchema,
} from '@mcp-studio/protocol';
import type { FastifyRequest } from 'fastify';
import { requireMaster } from '../../platform/http/access.js';
import type { App } from '../../platform/http/app.js';
import type { PresenceService } from './service.js';

export function presenceRoutes(app: App, presence: PresenceService): void {
  app.get('/api/presence/server', { schema: { response: { 200: presenceServerSchema } } }, async (request) => {
    requireMaster(request);
    return presence.server();
  });

  app.get('/api/presence/agents', { schema: { response: { 200: presenceAgentsSchema } } }, async (request) => {
    requireMaster(request);
    return { agents: presence.agents() };
  });

  app.get('/api/presence/status', { schema: { response: { 200: presenceStatusSchema } } }, async (request) => {
    requireMaster(request);
    return presence.status();
  });

  // Refused before the upgrade, so a client without the master token gets a plain 401 or 403.
  const authorize = async (request: FastifyRequest) => requireMaster(request);
  app.get('/api/presence/ws', { websocket: true, preValidation: authorize }, async (socket, request) => {
    const send = (message: PresenceMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    // Changes that happen while the snapshot is built wait for it, so the client sees them after it, none lost.
    let pending: PresenceMessage[] | undefined = [];
    const stop = presence.subscribe((message) => (pending ? pending.push(message) : send(message)));
    socket.on('close', stop);
    // Anything a client sends is ignored: this feed only speaks.
    socket.on('error', (err) => request.log.debug({ err }, 'presence socket error'));
    try {
      const server = await presence.server();
      send({ type: 'snapshot', server, agents: presence.agents() });
      for (const message of pending) send(message);
    } catch (err) {
      request.log.error({ err }, 'presence snapshot failed');
      socket.close(1011, 'Internal error');
    } finally {
      pending = undefined;
    }
  });
}
