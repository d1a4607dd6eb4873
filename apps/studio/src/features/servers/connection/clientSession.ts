// What every MCP client session of the studio shares: how it introduces itself and how it ends.
import { type Client, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { STUDIO_IMPLEMENTATION } from '../../../version.js';
import { releaseTransport } from './transports.js';

export const CLIENT_INFO = STUDIO_IMPLEMENTATION;
/** How long a stdio child that failed the handshake gets to exit, so its exit code and stderr can be reported. */
export const EXIT_SETTLE_MS = 250;
const TERMINATE_SESSION_MS = 1000;

/**
 * Ends a session quietly: a Streamable HTTP session is ended on the server (a server that ignores DELETE does not
 * hold the close up), then the client and the transport close, and the transport's own Agent (mTLS, pinned
 * addresses) with them. The transport is closed separately because after a failed handshake the client never owned it.
 */
export async function closeGracefully(client: Client, transport: Transport): Promise<void> {
  if (transport instanceof StreamableHTTPClientTransport && transport.sessionId) {
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, TERMINATE_SESSION_MS);
    });
    await Promise.race([transport.terminateSession().catch(() => {}), giveUp]);
    clearTimeout(timer);
  }
  await client.close().catch(() => {});
  await transport.close().catch(() => {});
  await releaseTransport(transport);
}
