// /ws/dashboard: authenticated topic subscriptions, an initial state per topic, then the events one may see.
import { clientMessageSchema, type ServerEvent, WS_CLOSE_UNAUTHORIZED } from '@mcp-studio/protocol';
import type { WebSocket } from 'ws';
import { asSubject } from '../../platform/auth/abilities.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { EventBus, StudioEvent } from '../../platform/events/bus.js';
import type { App } from '../../platform/http/app.js';
import type { Authenticator } from '../auth/authenticator.js';

/** Each topic's snapshot for one principal; topics without a provider start empty. */
export type InitialStateProviders = Record<string, (principal: Principal) => Promise<unknown>>;

export interface DashboardSocketDeps {
  authenticator: Authenticator;
  bus: EventBus;
  initialState: InitialStateProviders;
  keepaliveMs?: number;
  authTimeoutMs?: number;
}

function isVisibleTo(principal: Principal, event: StudioEvent): boolean {
  if (event.orgId !== null && event.orgId !== principal.orgId) return false;
  if (!event.access) return true;
  const { action, subject, object } = event.access;
  const ability = principal.ability as unknown as { can(a: string, s: unknown): boolean };
  return ability.can(action, object ? asSubject(subject, { ...object }) : subject);
}

export function dashboardSocketRoutes(app: App, deps: DashboardSocketDeps): { connections: () => number } {
  const sockets = new Set<WebSocket>();
  const keepaliveMs = deps.keepaliveMs ?? 30_000;

  app.get('/ws/dashboard', { websocket: true, schema: { hide: true } }, (socket, request) => {
    sockets.add(socket);
    let principal: Principal | null = null;
    let token: string | undefined;
    const topics = new Set<string>();
    const send = (message: Omit<ServerEvent, 'timestamp'> & { timestamp?: string }) => {
      if (socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ timestamp: new Date().toISOString(), ...message }));
      }
    };
    const fail = (message: string) => send({ type: 'error', data: { message } });

    const unsubscribeBus = deps.bus.subscribe((event) => {
      if (!principal || !topics.has(event.topic) || !isVisibleTo(principal, event)) return;
      send({ type: event.type, topic: event.topic, timestamp: event.timestamp, data: event.data });
    });

    const authenticate = async (candidate: string): Promise<boolean> => {
      principal = await deps.authenticator.authenticate(candidate);
      if (!principal) {
        socket.close(WS_CLOSE_UNAUTHORIZED, 'Authentication failed');
        return false;
      }
      token = candidate;
      send({ type: 'authenticated', data: { userId: principal.userId, role: principal.role } });
      return true;
    };

    const authTimer = setTimeout(() => {
      if (!principal) socket.close(WS_CLOSE_UNAUTHORIZED, 'Authentication required');
    }, deps.authTimeoutMs ?? 10_000);

    // Re-checks the credential on every keepalive: a signed-out or expired session is disconnected.
    const keepalive = setInterval(async () => {
      if (!token) return;
      if (!(await deps.authenticator.authenticate(token))) {
        socket.close(WS_CLOSE_UNAUTHORIZED, 'Session ended');
        return;
      }
      socket.ping();
    }, keepaliveMs);

    // Messages wait for a ?token= check still in flight, so a subscribe sent right after opening is not refused.
    let authenticating: Promise<unknown> = Promise.resolve();
    socket.on('message', async (raw) => {
      await authenticating;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString());
      } catch {
        return fail('Messages must be JSON');
      }
      const result = clientMessageSchema.safeParse(parsed);
      if (!result.success) return fail(`Invalid message: ${result.error.issues.map((i) => i.message).join('; ')}`);
      const message = result.data;
      if (message.type === 'auth') {
        authenticating = authenticate(message.token);
        await authenticating;
        return;
      }
      if (message.type === 'ping') return send({ type: 'pong', data: null });
      if (!principal) return fail('Authenticate first: send {"type":"auth","token":"…"}');
      if (message.type === 'unsubscribe') {
        for (const topic of message.topics) topics.delete(topic);
        return send({ type: 'unsubscribed', data: { topics: message.topics } });
      }
      for (const topic of message.topics) {
        topics.add(topic);
        const provider = deps.initialState[topic];
        const data = provider ? await provider(principal) : {};
        send({ type: 'initial_state', topic, data });
      }
      send({ type: 'subscribed', data: { topics: [...topics] } });
    });

    socket.on('close', () => {
      sockets.delete(socket);
      clearTimeout(authTimer);
      clearInterval(keepalive);
      unsubscribeBus();
    });

    const queryToken = (request.query as { token?: unknown }).token;
    if (typeof queryToken === 'string' && queryToken) authenticating = authenticate(queryToken);
  });

  app.addHook('onClose', async () => {
    for (const socket of sockets) socket.close(1001, 'Studio shutting down');
  });

  return { connections: () => sockets.size };
}
