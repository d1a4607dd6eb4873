// The connection manager over Streamable HTTP, against a session-keeping MCP server on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import type { ServerTarget } from '../connection/transports.js';
import { ConnectionManager } from './connectionManager.js';

const target = (url: string): ServerTarget => ({ transport: 'streamable-http', url });

describe('ConnectionManager over Streamable HTTP', () => {
  it('re-initializes a Streamable HTTP session the server forgot (404) without the caller noticing', async () => {
    const sessions = new Set<string>();
    let initializations = 0;
    const httpServer = http.createServer(async (req, res) => {
      if (req.method !== 'POST') {
        res.writeHead(req.method === 'DELETE' ? 200 : 405).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: number; method: string };
      const reply = (body: object, headers: Record<string, string> = {}) =>
        res
          .writeHead(200, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify({ jsonrpc: '2.0', id: message.id, ...body }));
      if (message.method === 'initialize') {
        const id = `session-${++initializations}`;
        sessions.add(id);
        const serverInfo = { name: 'session-fixture', version: '0.1.0' };
        reply(
          { result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo } },
          { 'mcp-session-id': id },
        );
      } else if (message.method === 'server/discover') {
        reply({ error: { code: -32601, message: 'Method not found' } });
      } else if (!sessions.has(String(req.headers['mcp-session-id']))) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}');
      } else if (message.id === undefined) {
        res.writeHead(202).end();
      } else {
        reply({
          result: { content: [{ type: 'text', text: `answered in ${String(req.headers['mcp-session-id'])}` }] },
        });
      }
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`;
    const manager = new ConnectionManager({ baseEnv: {} });
    const managed = { id: 'remote', target: async () => target(url), timeoutMs: 5000, maxConcurrency: 4 };
    const ask = () =>
      manager.use(managed, async (client, signal) => {
        const result = (await client.callTool({ name: 'echo', arguments: {} }, { signal })) as CallToolResult;
        return result.content[0]?.type === 'text' ? result.content[0].text : '';
      });
    await expect(ask()).resolves.toBe('answered in session-1');
    sessions.clear(); // the server restarted and forgot every session
    await expect(ask()).resolves.toBe('answered in session-2');
    await expect(ask()).resolves.toBe('answered in session-2');
    expect(initializations).toBe(2);
    await manager.closeAll();
    await new Promise((resolve) => httpServer.close(resolve));
  });
});
