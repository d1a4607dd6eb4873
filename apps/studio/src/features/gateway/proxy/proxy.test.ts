import type { SessionTokens } from '@mcp-studio/protocol';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abortRunningCall } from '../../../test/cancellation.js';
import {
  bearer,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
  type TestStudio,
} from '../../../test/harness.js';
import {
  createApiToken,
  listeningUrl,
  postJsonRpc,
  type TextResult,
  upstreamCancelled,
} from '../../../test/mcpHttp.js';
import { everythingStdio, startEverythingHttp } from '../../../test/peers.js';
import { type GuardedServer, startGuardedServer } from '../../servers/connection/fixtures/guardedHttpServer.mjs';

const SECRET = 'proxy-bearer-7d3f9a1c5e2b8046';
const proxyPath = (serverId: string) => `/api/v1/external-mcp/${serverId}/mcp`;

describe('the per-server proxy', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let baseUrl: string;
  let everythingHttp: Awaited<ReturnType<typeof startEverythingHttp>>;
  let guarded: GuardedServer;
  const ids = { stdio: '', http: '', guarded: '' };
  const clients: Client[] = [];

  beforeAll(async () => {
    everythingHttp = await startEverythingHttp();
    guarded = await startGuardedServer({ authorize: (req) => req.headers.authorization === `Bearer ${SECRET}` });
    studio = await startTestStudio({
      env: {
        EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'http,https',
        EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true',
        REGISTRATION: 'open',
      },
    });
    admin = await registerOwner(studio.app);
    ids.stdio = await registerServer(studio.app, admin.accessToken, {
      ...everythingStdio,
      name: 'everything stdio',
      timeoutMs: 60_000,
    });
    ids.http = await registerServer(studio.app, admin.accessToken, {
      name: 'everything http',
      transport: 'streamable-http',
      url: `http://127.0.0.1:${everythingHttp.port}/mcp`,
      timeoutMs: 60_000,
    });
    ids.guarded = await registerServer(studio.app, admin.accessToken, {
      name: 'guarded',
      transport: 'streamable-http',
      url: `http://127.0.0.1:${guarded.port}/mcp`,
      auth: { type: 'bearer', token: SECRET },
      timeoutMs: 5000,
    });
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = listeningUrl(studio.app);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await studio?.close();
    await everythingHttp?.stop();
    await guarded?.close();
  });

  async function connect(token: string, serverId: string, mode: 'auto' | 'legacy' = 'auto'): Promise<Client> {
    const client = new Client({ name: 'proxy-test', version: '1.0.0' }, { versionNegotiation: { mode } });
    const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}${proxyPath(serverId)}`), {
      requestInit: { headers: bearer(token) },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  it.each([
    ['stdio', 'auto'],
    ['stdio', 'legacy'],
    ['http', 'auto'],
    ['http', 'legacy'],
  ] as const)(
    'passes server-everything over %s through to a %s client under its own names',
    async (transport, mode) => {
      const client = await connect(
        await createApiToken(studio.app, admin.accessToken, ['mcp:*']),
        ids[transport],
        mode,
      );
      expect(client.getProtocolEra()).toBe(mode === 'auto' ? 'modern' : 'legacy');
      expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(['echo', 'trigger-long-running-operation']));
      expect(names.some((name) => name.includes('__'))).toBe(false);

      const echoed = (await client.callTool({
        name: 'echo',
        arguments: { message: `hi ${transport} ${mode}` },
      })) as TextResult;
      expect(echoed.content[0]?.text).toBe(`Echo: hi ${transport} ${mode}`);

      const { resources } = await client.listResources();
      expect(resources.length).toBeGreaterThan(0);
      const first = resources[0]?.uri ?? '';
      const read = await client.readResource({ uri: first });
      expect(read.contents[0]?.uri).toBe(first);
      const { prompts } = await client.listPrompts();
      expect(prompts.map((prompt) => prompt.name)).toContain('simple-prompt');
      const prompt = await client.getPrompt({ name: 'simple-prompt' });
      expect(prompt.messages.length).toBeGreaterThan(0);
      const completed = await client.complete({
        ref: { type: 'ref/prompt', name: 'completable-prompt' },
        argument: { name: 'name', value: 'A' },
        context: { arguments: { department: 'Engineering' } },
      });
      expect(completed.completion.values).toEqual(['Alice']);
    },
    60_000,
  );

  it.each([
    ['stdio', 'auto', 131, true],
    ['stdio', 'legacy', 132, true],
    ['http', 'auto', 133, true],
    ['http', 'legacy', 134, true],
    ['stdio', 'auto', 135, false],
    ['stdio', 'legacy', 136, false],
    ['http', 'auto', 137, false],
    ['http', 'legacy', 138, false],
  ] as const)(
    'cancels upstream on %s when a %s client aborts (duration %i, with progress: %s)',
    async (transport, mode, duration, withProgress) => {
      const client = await connect(
        await createApiToken(studio.app, admin.accessToken, ['mcp:*']),
        ids[transport],
        mode,
      );
      const upstream = () => upstreamCancelled(studio.app, admin.accessToken, ids[transport], duration);
      await abortRunningCall(client, 'trigger-long-running-operation', duration, upstream, withProgress);
    },
    60_000,
  );

  it('injects the credential the server demands; the client sends only its studio token', async () => {
    const token = await createApiToken(studio.app, admin.accessToken, [`mcp:server:${ids.guarded}`]);
    const before = guarded.requests();
    const client = await connect(token, ids.guarded);
    // The fixture offers tools only, and so does the proxy in front of it.
    expect(client.getServerCapabilities()?.tools).toBeDefined();
    expect(client.getServerCapabilities()?.resources).toBeUndefined();
    expect(client.getServerCapabilities()?.prompts).toBeUndefined();
    const result = (await client.callTool({ name: 'whoami', arguments: {} })) as TextResult;
    expect(result.isError).toBeFalsy();
    expect(result.content[0]?.text).toMatch(/^client: none; host: 127\.0\.0\.1:\d+$/);
    expect(guarded.requests()).toBeGreaterThan(before);
    expect(studio.logs()).not.toContain(SECRET);

    // The same fixture refuses a caller without the credential: the proxy is what makes the call work.
    const direct = await fetch(`http://127.0.0.1:${guarded.port}/mcp`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(direct.status).toBe(401);
  }, 30_000);

  it('leaves out the tools the studio disabled on the server and refuses calls to them', async () => {
    const before = await connect(await createApiToken(studio.app, admin.accessToken, ['mcp:*']), ids.stdio);
    expect((await before.listTools()).tools.map((tool) => tool.name)).toContain('get-sum');
    const patch = await callApi(studio.app, admin.accessToken, 'PATCH', `/api/servers/${ids.stdio}`, {
      disabledTools: ['get-sum'],
    });
    expect(patch.statusCode, patch.body).toBe(200);
    try {
      const client = await connect(await createApiToken(studio.app, admin.accessToken, ['mcp:*']), ids.stdio);
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('echo');
      expect(names).not.toContain('get-sum');
      const refused = client.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } });
      await expect(refused).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/disabled/) });
    } finally {
      await callApi(studio.app, admin.accessToken, 'PATCH', `/api/servers/${ids.stdio}`, { disabledTools: [] });
    }
  }, 30_000);

  it('answers 401 with WWW-Authenticate without a token, with a bad one, and with a session', async () => {
    for (const headers of [{}, bearer('mcps_not_a_real_token'), bearer(admin.accessToken)]) {
      const res = await fetch(`${baseUrl}${proxyPath(ids.stdio)}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('answers the same 404 for a foreign, unknown, unpermitted or disabled server', async () => {
    const other = await registerOwner(studio.app, 'Other organization');
    const foreignId = await registerServer(studio.app, other.accessToken, { ...everythingStdio, name: 'theirs' });
    const disabledId = await registerServer(studio.app, admin.accessToken, {
      ...everythingStdio,
      name: 'switched off',
      enabled: false,
    });
    const everything = await createApiToken(studio.app, admin.accessToken, ['mcp:*']);
    const limited = await createApiToken(studio.app, admin.accessToken, [`mcp:server:${ids.http}`]);
    const cases = [
      [everything, foreignId],
      [everything, '00000000-0000-4000-8000-000000000000'],
      [everything, 'not-a-uuid'],
      [everything, disabledId],
      [limited, ids.stdio],
    ] as const;
    for (const [token, serverId] of cases) {
      const call = { id: 1, method: 'tools/call', params: { name: 'echo', arguments: { message: 'x' } } };
      const { response, answer } = await postJsonRpc(`${baseUrl}${proxyPath(serverId)}`, token, call);
      expect(response.status, serverId).toBe(404);
      expect((answer as unknown as { error: unknown }).error).toEqual({
        code: 'not_found',
        message: 'MCP server not found',
      });
    }
    // The limited token still reaches its own server.
    const { response } = await postJsonRpc(`${baseUrl}${proxyPath(ids.http)}`, limited, {
      id: 2,
      method: 'tools/list',
    });
    expect(response.status).toBe(200);
  }, 30_000);
});
