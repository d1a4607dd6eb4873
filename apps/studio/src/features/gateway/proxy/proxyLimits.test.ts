import type { SessionTokens } from '@mcp-studio/protocol';
import { Client, ProtocolError, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  registerOwner,
  registerServer,
  startStudioWithServer,
  startTestStudio,
  type TestStudio,
} from '../../../test/harness.js';
import { createApiToken, listeningUrl, postJsonRpc, type TextResult } from '../../../test/mcpHttp.js';
import { everythingStdio } from '../../../test/peers.js';
import { type FlakyServer, startFlakyServer } from './fixtures/flakyHttpServer.mjs';

const proxyPath = (serverId: string) => `/api/v1/external-mcp/${serverId}/mcp`;
const callEcho = (id: number, text: string) => ({
  id,
  method: 'tools/call',
  params: { name: 'echo', arguments: { text } },
});

describe('the per-server proxy timeout and retry', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let token: string;
  let baseUrl: string;
  const fixtures: FlakyServer[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    studio = await startTestStudio({
      env: {
        EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'http,https',
        EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true',
        EXTERNAL_MCP_PROXY_TIMEOUT_MS: '1500',
      },
    });
    admin = await registerOwner(studio.app);
    token = await createApiToken(studio.app, admin.accessToken, ['mcp:*']);
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = listeningUrl(studio.app);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await studio?.close();
    await Promise.all(fixtures.map((fixture) => fixture.close()));
  });

  /** A fixture of its own, registered with a timeout longer than the proxy's; nothing has connected to it yet. */
  async function freshServer(): Promise<{ fixture: FlakyServer; url: string }> {
    const fixture = await startFlakyServer();
    fixtures.push(fixture);
    const id = await registerServer(studio.app, admin.accessToken, {
      name: `flaky ${fixtures.length}`,
      transport: 'streamable-http',
      url: `http://127.0.0.1:${fixture.port}/mcp`,
      timeoutMs: 20_000,
    });
    return { fixture, url: `${baseUrl}${proxyPath(id)}` };
  }

  async function connect(url: string): Promise<Client> {
    const client = new Client({ name: 'proxy-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: bearer(token) } }));
    clients.push(client);
    return client;
  }

  it('sends a call again once when its connection was refused, and the server runs it once', async () => {
    const { fixture, url } = await freshServer();
    fixture.refuseNext(1);
    const { response, answer } = await postJsonRpc(url, token, callEcho(7, 'once'));
    expect(response.status).toBe(200);
    expect(answer?.error).toBeUndefined();
    expect(answer?.result?.content[0]?.text).toBe('Echo: once');
    expect(fixture.refused()).toBe(1);
    expect(fixture.calls('echo')).toBe(1);
  }, 30_000);

  it('tries no more than twice when the connection is refused again', async () => {
    const { fixture, url } = await freshServer();
    fixture.refuseNext(3);
    const { response, answer } = await postJsonRpc(url, token, callEcho(8, 'never'));
    expect(response.status).toBe(200);
    expect(answer?.error?.code).toBe(-32603);
    expect(fixture.refused()).toBe(2);
    expect(fixture.calls('echo')).toBe(0);
  }, 30_000);

  it('connects a client through a refused first connection', async () => {
    const { fixture, url } = await freshServer();
    fixture.refuseNext(1);
    const client = await connect(url);
    expect(fixture.refused()).toBe(1);
    const echoed = (await client.callTool({ name: 'echo', arguments: { text: 'after a retry' } })) as TextResult;
    expect(echoed.content[0]?.text).toBe('Echo: after a retry');
  }, 30_000);

  it('answers a call that outlives the proxy timeout with an error naming it, and never sends it again', async () => {
    const { fixture, url } = await freshServer();
    const client = await connect(url);
    const hung = client.callTool({ name: 'hang', arguments: {} });
    await expect(hung).rejects.toSatisfy(
      (err) => err instanceof ProtocolError && /timeout: .*timed out after 1500 ms/.test(err.message),
    );
    expect(fixture.calls('hang')).toBe(1);
  }, 30_000);

  it("passes the server's own JSON-RPC error on unchanged", async () => {
    const { fixture, url } = await freshServer();
    const direct = new Client({ name: 'direct', version: '1.0.0' });
    await direct.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${fixture.port}/mcp`)));
    clients.push(direct);
    const expected = await direct.getPrompt({ name: 'broken' }).catch((err: unknown) => err);
    expect(expected).toMatchObject({ code: -32050 });

    const client = await connect(url);
    const seen = await client.getPrompt({ name: 'broken' }).catch((err: unknown) => err);
    expect(seen).toBeInstanceOf(ProtocolError);
    expect(seen).toMatchObject({
      code: (expected as ProtocolError).code,
      message: (expected as ProtocolError).message,
    });
  }, 30_000);
});

describe('the per-server proxy over quota', () => {
  let studio: TestStudio;
  let baseUrl: string;
  let serverId: string;
  let token: string;

  beforeAll(async () => {
    const started = await startStudioWithServer(
      { ...everythingStdio, name: 'everything', timeoutMs: 60_000 },
      { EXTERNAL_MCP_FREE_DAILY_LIMIT: '2' },
    );
    ({ studio, serverId } = started);
    token = await createApiToken(studio.app, started.admin.accessToken, ['mcp:*']);
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = listeningUrl(studio.app);
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('counts calls, not refusals, and answers 429 over quota exactly as /mcp does', async () => {
    const url = `${baseUrl}${proxyPath(serverId)}`;
    // A refused call is not counted: two calls still fit in the quota after it.
    const refused = await postJsonRpc(`${baseUrl}${proxyPath('00000000-0000-4000-8000-000000000000')}`, token, {
      id: 1,
      method: 'tools/call',
      params: { name: 'echo', arguments: { message: 'x' } },
    });
    expect(refused.response.status).toBe(404);
    for (const id of [2, 3]) {
      const { response, answer } = await postJsonRpc(url, token, {
        id,
        method: 'tools/call',
        params: { name: 'echo', arguments: { message: `call ${id}` } },
      });
      expect(response.status).toBe(200);
      expect(answer?.result?.content[0]?.text).toBe(`Echo: call ${id}`);
    }
    // Listing is not metered.
    expect((await postJsonRpc(url, token, { id: 4, method: 'tools/list' })).response.status).toBe(200);

    const overProxy = await postJsonRpc(url, token, {
      id: 5,
      method: 'tools/call',
      params: { name: 'echo', arguments: { message: 'one too many' } },
    });
    const overGateway = await postJsonRpc(`${baseUrl}/mcp`, token, {
      id: 6,
      method: 'tools/call',
      params: { name: 'everything__echo', arguments: { message: 'one too many' } },
    });
    for (const { response, answer } of [overProxy, overGateway]) {
      expect(response.status).toBe(429);
      expect(response.headers.get('ratelimit-limit')).toBe('2');
      expect(response.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answer).toMatchObject({
        error: { code: 'quota_exceeded' },
        limit: 2,
        remaining: 0,
        reset_at: expect.any(String),
      });
    }
    const { requestId: _proxyRequest, ...proxyBody } = overProxy.answer as unknown as Record<string, unknown>;
    const { requestId: _gatewayRequest, ...gatewayBody } = overGateway.answer as unknown as Record<string, unknown>;
    expect(proxyBody).toEqual(gatewayBody);
  }, 60_000);
});
