// Virtual servers: CRUD with validation and roles, and /mcp/v/<slug> serving only the chosen tools.
import type { AddressInfo } from 'node:net';
import type { ErrorBody, SessionTokens, VirtualServer } from '@mcp-studio/protocol';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  bearer,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
  type TestStudio,
} from '../../../test/harness.js';
import { everythingStdio } from '../../../test/peers.js';

type TextResult = { content: { type: string; text: string }[]; isError?: boolean };

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1.0.0' } },
};

describe('virtual servers', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let operator: SessionTokens;
  let viewer: SessionTokens;
  let otherAdmin: SessionTokens;
  let baseUrl: string;
  let everythingId: string;
  let otherOrgServerId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    studio = await startTestStudio({ env: { REGISTRATION: 'open' } });
    admin = await registerOwner(studio.app);
    operator = await addMember(studio.app, admin.accessToken, 'OPERATOR');
    viewer = await addMember(studio.app, admin.accessToken, 'VIEWER');
    everythingId = await registerServer(studio.app, admin.accessToken, {
      ...everythingStdio,
      name: 'everything',
      timeoutMs: 60_000,
    });
    otherAdmin = await registerOwner(studio.app, 'Other');
    otherOrgServerId = await registerServer(studio.app, otherAdmin.accessToken, { ...everythingStdio, name: 'theirs' });
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(studio.app.server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await studio.close();
  });

  async function createToken(permissions: string[]): Promise<string> {
    const res = await callApi(studio.app, admin.accessToken, 'POST', '/api/tokens', { name: 'virtual', permissions });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().token;
  }

  async function createVirtual(body: object): Promise<VirtualServer> {
    const res = await callApi(studio.app, admin.accessToken, 'POST', '/api/virtual-servers', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function connect(token: string, path: string): Promise<Client> {
    const client = new Client({ name: 'virtual-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}${path}`), {
      requestInit: { headers: bearer(token) },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  const postMcp = (path: string, headers: Record<string, string>) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(INITIALIZE),
    });

  it('creates, reads, changes and deletes a virtual server, ADMINs only writing', async () => {
    const created = await createVirtual({ name: 'Read Only Kit', tools: [{ serverId: everythingId, tool: 'echo' }] });
    expect(created).toMatchObject({ slug: 'read-only-kit', description: null, include: [], exclude: [] });
    expect(created.tools).toEqual([{ serverId: everythingId, tool: 'echo' }]);

    const again = await callApi(studio.app, admin.accessToken, 'POST', '/api/virtual-servers', {
      name: 'Another',
      slug: 'read-only-kit',
      tools: [],
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('virtual_server_slug_taken');

    const forbidden = await callApi(studio.app, operator.accessToken, 'POST', '/api/virtual-servers', {
      name: 'Mine',
      tools: [],
    });
    expect(forbidden.statusCode).toBe(403);

    const listed = await callApi(studio.app, viewer.accessToken, 'GET', '/api/virtual-servers');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().virtualServers.map((v: VirtualServer) => v.id)).toContain(created.id);
    const theirs = await callApi(studio.app, otherAdmin.accessToken, 'GET', `/api/virtual-servers/${created.id}`);
    expect(theirs.statusCode).toBe(404);

    const url = `/api/virtual-servers/${created.id}`;
    expect((await callApi(studio.app, operator.accessToken, 'PATCH', url, { description: 'x' })).statusCode).toBe(403);
    const patched = await callApi(studio.app, admin.accessToken, 'PATCH', url, {
      description: 'For support',
      include: ['everything__get-*'],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ description: 'For support', include: ['everything__get-*'] });
    const read = await callApi(studio.app, viewer.accessToken, 'GET', url);
    expect(read.json()).toMatchObject({ description: 'For support', slug: 'read-only-kit' });

    expect((await callApi(studio.app, viewer.accessToken, 'DELETE', url)).statusCode).toBe(403);
    expect((await callApi(studio.app, admin.accessToken, 'DELETE', url)).statusCode).toBe(204);
    expect((await callApi(studio.app, admin.accessToken, 'GET', url)).statusCode).toBe(404);
  });

  it.each([
    ['an unknown server', () => [{ serverId: crypto.randomUUID(), tool: 'echo' }]],
    ["another organization's server", () => [{ serverId: otherOrgServerId, tool: 'echo' }]],
    ['an alias with a space', () => [{ serverId: everythingId, tool: 'echo', alias: 'say it' }]],
    ['an alias over 64 characters', () => [{ serverId: everythingId, tool: 'echo', alias: 'a'.repeat(65) }]],
    [
      'one alias used twice',
      () => [
        { serverId: everythingId, tool: 'echo', alias: 'same' },
        { serverId: everythingId, tool: 'get-sum', alias: 'same' },
      ],
    ],
  ])('refuses tools naming %s with 400', async (_, tools) => {
    const res = await callApi(studio.app, admin.accessToken, 'POST', '/api/virtual-servers', {
      name: 'Invalid',
      tools: tools(),
    });
    expect(res.statusCode, res.body).toBe(400);
    const list = await callApi(studio.app, admin.accessToken, 'GET', '/api/virtual-servers');
    expect(list.json().virtualServers.map((v: VirtualServer) => v.name)).not.toContain('Invalid');
  });

  it('serves only the chosen tools at /mcp/v/<slug>, under their aliases, to a token for that slug', async () => {
    await createVirtual({
      name: 'Support',
      tools: [{ serverId: everythingId, tool: 'echo', alias: 'say' }],
      include: ['everything__get-*'],
      exclude: ['everything__get-env', 'everything__get-tiny-*'],
    });
    await createVirtual({ name: 'Elsewhere', tools: [{ serverId: everythingId, tool: 'get-sum' }] });
    const everyName = (await (await connect(await createToken(['mcp:*']), '/mcp')).listTools()).tools.map(
      (t) => t.name,
    );
    const expected = [
      'say',
      ...everyName.filter(
        (name) =>
          name.startsWith('everything__get-') &&
          name !== 'everything__get-env' &&
          !name.startsWith('everything__get-tiny-'),
      ),
    ];
    expect(expected).toContain('everything__get-sum');
    expect(everyName).toEqual(expect.arrayContaining(['everything__get-env', 'everything__get-tiny-image']));

    const token = await createToken(['mcp:virtual:support']);
    const client = await connect(token, '/mcp/v/support');
    // A virtual server offers its tools and nothing else.
    expect(client.getServerCapabilities()?.resources).toBeUndefined();
    expect(client.getServerCapabilities()?.prompts).toBeUndefined();
    const tools = (await client.listTools()).tools;
    expect(tools.map((t) => t.name).sort()).toEqual([...expected].sort());
    expect(tools.find((t) => t.name === 'say')?.inputSchema.properties).toHaveProperty('message');

    const echoed = (await client.callTool({ name: 'say', arguments: { message: 'via alias' } })) as TextResult;
    expect(echoed.content[0]?.text).toBe('Echo: via alias');
    const sum = (await client.callTool({ name: 'everything__get-sum', arguments: { a: 2, b: 3 } })) as TextResult;
    expect(sum.isError).toBeFalsy();
    expect(sum.content[0]?.text).toContain('5');
    await expect(client.callTool({ name: 'everything__echo', arguments: { message: 'x' } })).rejects.toThrow(
      /Unknown tool/,
    );
    await expect(client.callTool({ name: 'everything__get-env', arguments: {} })).rejects.toThrow(/Unknown tool/);

    // The same token reaches nothing on /mcp itself, and no other virtual server.
    const onGateway = await connect(token, '/mcp');
    expect((await onGateway.listTools()).tools).toEqual([]);
    await expect(onGateway.callTool({ name: 'everything__echo', arguments: { message: 'x' } })).rejects.toThrow(
      /Unknown tool/,
    );
    expect((await postMcp('/mcp/v/elsewhere', bearer(token))).status).toBe(404);

    // `mcp:*` reaches every virtual server, still limited to its tools.
    const wide = await connect(await createToken(['mcp:*']), '/mcp/v/elsewhere');
    expect((await wide.listTools()).tools.map((t) => t.name)).toEqual(['everything__get-sum']);
  }, 60_000);

  it('answers an unknown slug with 404 and a request without a token with 401', async () => {
    const res = await postMcp('/mcp/v/no-such-virtual', bearer(await createToken(['*'])));
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
    const anonymous = await postMcp('/mcp/v/support', {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
  });
});
