// /api/agent-servers/:id/terminals/:sid/ws: the browser's terminal WebSocket, authenticated by the studio (an
// Authorization header, or ?token= as browsers cannot set headers) for OPERATOR and above, piped frame by frame
// to the node's /api/terminals/:sid/ws, which the studio opens with the master token.
import { WS_CLOSE_UNAUTHORIZED } from '@mcp-studio/protocol';
import WebSocket, { type RawData } from 'ws';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.js';
import type { App } from '../../platform/http/app.js';
import { AppError } from '../../platform/http/errors.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { NodeUrls } from './nodeUrls.js';
import { segmentSchema } from './proxyRoutes.js';
import type { AgentServerService } from './service.js';

export const WS_CLOSE_FORBIDDEN = 4403;
export const WS_CLOSE_NOT_FOUND = 4404;
/** The node could not be reached or refused the studio. */
export const WS_CLOSE_NODE_UNAVAILABLE = 4502;

/** Input typed before the node's socket opens waits, up to this much. */
const MAX_PENDING_BYTES = 256 * 1024;
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Output waiting for the browser beyond which the studio stops reading from the node, and where it resumes. */
const PAUSE_ABOVE_BYTES = 1024 * 1024;
const RESUME_BELOW_BYTES = 128 * 1024;

const paramsSchema = z.object({ id: z.uuid(), sid: segmentSchema });

export interface TerminalSocketDeps {
  service: AgentServerService;
  authenticator: Authenticator;
  urls: NodeUrls;
}

/** Close codes the protocol lets an endpoint send; others (1005, 1006, 1015) become 1011 or 1000. */
function sendableCode(code: number): number {
  if (
    code === 1000 ||
    (code >= 1001 && code <= 1003) ||
    (code >= 1007 && code <= 1014) ||
    (code >= 3000 && code <= 4999)
  ) {
    return code;
  }
  return code === 1005 ? 1000 : 1011;
}

export function terminalSocketRoutes(app: App, deps: TerminalSocketDeps): void {
  const open = new Set<WebSocket>();

  app.get(
    '/api/agent-servers/:id/terminals/:sid/ws',
    { websocket: true, schema: { hide: true } },
    (client, request) => {
      open.add(client);
      let upstream: WebSocket | undefined;
      const pending: { data: RawData; isBinary: boolean }[] = [];
      let pendingBytes = 0;
      let clientGone = false;

      const end = (code: number, reason: string) => {
        if (client.readyState === client.OPEN || client.readyState === client.CONNECTING) {
          client.close(sendableCode(code), reason.slice(0, 120));
        }
      };

      client.on('message', (data, isBinary) => {
        if (upstream?.readyState === WebSocket.OPEN) {
          upstream.send(data, { binary: isBinary });
          return;
        }
        pendingBytes += Buffer.isBuffer(data) ? data.length : 0;
        if (pendingBytes > MAX_PENDING_BYTES) return end(1009, 'Too much input before the terminal opened');
        pending.push({ data, isBinary });
      });
      client.on('close', () => {
        clientGone = true;
        open.delete(client);
        if (upstream && upstream.readyState !== WebSocket.CLOSED) upstream.close(1000, 'client left');
      });

      const connect = async () => {
        const parsed = paramsSchema.safeParse(request.params);
        if (!parsed.success) return end(1008, 'Invalid agent server or terminal id');
        const principal = await authenticate(request.principal, request.query, deps.authenticator);
        if (!principal) return end(WS_CLOSE_UNAUTHORIZED, 'Authentication required');
        if (!principal.can('use', 'AgentServer'))
          return end(WS_CLOSE_FORBIDDEN, 'Terminals need the OPERATOR role or above');
        let target: Awaited<ReturnType<AgentServerService['target']>>;
        try {
          target = await deps.service.target(principal, parsed.data.id);
        } catch (err) {
          if (err instanceof AppError && err.statusCode === 404)
            return end(WS_CLOSE_NOT_FOUND, 'Agent server not found');
          throw err;
        }
        if (clientGone) return;
        const url = `${target.url.replace(/^http/, 'ws')}/api/terminals/${parsed.data.sid}/ws`;
        const node = new WebSocket(url, {
          headers: { authorization: `Bearer ${target.masterToken}` },
          lookup: deps.urls.connectLookup,
          handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
          followRedirects: false,
          perMessageDeflate: false,
        });
        upstream = node;
        node.on('open', () => {
          for (const message of pending.splice(0)) node.send(message.data, { binary: message.isBinary });
          pendingBytes = 0;
        });
        // A browser that reads slowly stops the studio reading from the node, whose own flow control then pauses
        // the terminal: nothing piles up here.
        node.on('message', (data, isBinary) => {
          if (client.readyState !== client.OPEN) return;
          client.send(data, { binary: isBinary }, () => {
            if (node.isPaused && client.bufferedAmount < RESUME_BELOW_BYTES) node.resume();
          });
          if (client.bufferedAmount > PAUSE_ABOVE_BYTES) node.pause();
        });
        node.on('unexpected-response', (_req, res) => {
          const status = res.statusCode ?? 0;
          res.resume();
          node.terminate();
          if (status === 404) end(WS_CLOSE_NOT_FOUND, 'Terminal session not found');
          else if (status === 403 || status === 409)
            end(WS_CLOSE_FORBIDDEN, `The agent server refused the terminal (${status})`);
          else end(WS_CLOSE_NODE_UNAVAILABLE, `The agent server answered ${status}`);
        });
        node.on('error', () => end(WS_CLOSE_NODE_UNAVAILABLE, 'The agent server could not be reached'));
        node.on('close', (code, reason) => end(code, reason.toString()));
      };

      connect().catch((err: unknown) => {
        request.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'terminal proxy failed');
        end(1011, 'Internal error');
      });
    },
  );

  app.addHook('onClose', async () => {
    for (const socket of open) socket.close(1001, 'Studio shutting down');
  });
}

async function authenticate(
  fromHeader: Principal | null,
  query: unknown,
  authenticator: Authenticator,
): Promise<Principal | null> {
  if (fromHeader) return fromHeader;
  const token = (query as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token ? authenticator.authenticate(token) : null;
}
