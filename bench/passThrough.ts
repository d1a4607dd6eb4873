// The floor of any extra HTTP hop: a bare Node server that forwards every request to the upstream and streams the
// answer back, with no authentication, no MCP and no bookkeeping. What a gateway adds beyond this is its own work.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, type Dispatcher, request } from 'undici';

/** Headers that belong to one connection, not to the exchange. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

export interface PassThrough {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 and forwards to `upstream` (an absolute URL) over keep-alive connections. */
export async function startPassThrough(upstream: string): Promise<PassThrough> {
  const agent = new Agent({ connections: 128 });
  const target = new URL(upstream);
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const reply = await request(target, {
        method: req.method as Dispatcher.HttpMethod,
        headers: withoutHopByHop(req.headers),
        body: chunks.length > 0 ? Buffer.concat(chunks) : null,
        dispatcher: agent,
      });
      res.writeHead(reply.statusCode, withoutHopByHop(reply.headers));
      // A client that leaves (or a long event stream at shutdown) ends the upstream request too.
      res.once('close', () => reply.body.destroy());
      reply.body.once('error', () => res.destroy());
      reply.body.pipe(res);
    } catch (err) {
      res.writeHead(502).end(err instanceof Error ? err.message : String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await agent.destroy();
    },
  };
}

function withoutHopByHop(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}
