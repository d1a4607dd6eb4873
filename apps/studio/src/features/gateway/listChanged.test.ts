// list_changed through the gateway: modern clients listening at /mcp and /mcp/v/<slug> hear of the changes they can
// see (upstream catalog, servers switched off, virtual servers edited), and other organizations' clients do not.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SessionTokens } from '@mcp-studio/protocol';
import { Client, type McpSubscription, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
  type TestStudio,
} from '../../test/harness.js';

// A stdio server whose `evolve` tool adds `farewell` and sends notifications/tools/list_changed upstream.
const evolving = fileURLToPath(new URL('../servers/discovery/fixtures/evolvingServer.mjs', import.meta.url));

const KINDS = ['tools', 'resources', 'prompts'] as const;
type Kind = (typeof KINDS)[number];
const EVERYTHING = { toolsListChanged: true, resourcesListChanged: true, promptsListChanged: true };

/** The change notifications one client received, in order, and a way to wait for the next ones. */
class Inbox {
  readonly heard: Kind[] = [];
  private readonly waiting: { kind: Kind; count: number; resolve: () => void }[] = [];

  push(kind: Kind): void {
    this.heard.push(kind);
    for (const wait of [...this.waiting]) {
      if (this.count(wait.kind) >= wait.count) {
        this.waiting.splice(this.waiting.indexOf(wait), 1);
        wait.resolve();
      }
    }
  }

  count(kind: Kind): number {
    return this.heard.filter((heard) => heard === kind).length;
  }

  /**
   * Resolves once `count` notifications of `kind` have arrived in all (the test timeout bounds the wait). A change
   * at /mcp arrives as tools, resources, prompts in that order, so waiting for `prompts` waits for the whole of it.
   */
  until(kind: Kind, count: number): Promise<void> {
    if (this.count(kind) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ kind, count, resolve }));
  }
}

interface Listener {
  client: Client;
  inbox: Inbox;
  subscription: McpSubscription;
}

describe('list_changed on the gateway', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let otherAdmin: SessionTokens;
  let baseUrl: string;
  let evolvingId: string;
  let quietId: string;
  let theirsId: string;
  let isClosed = false;
  const clients: Client[] = [];

  const register = (accessToken: string, name: string) =>
    registerServer(studio.app, accessToken, { name, transport: 'stdio', command: 'node', args: [evolving] });

  beforeAll(async () => {
    studio = await startTestStudio({ env: { REGISTRATION: 'open' } });
    admin = await registerOwner(studio.app);
    otherAdmin = await registerOwner(studio.app, 'Other');
    evolvingId = await register(admin.accessToken, 'evolving');
    quietId = await register(admin.accessToken, 'quiet');
    theirsId = await register(otherAdmin.accessToken, 'theirs');
    // Catalogs read now, so their first reading announces nothing while the tests listen.
    for (const [token, id] of [
      [admin, evolvingId],
      [admin, quietId],
      [otherAdmin, theirsId],
    ] as const) {
      const res = await callApi(studio.app, token.accessToken, 'POST', `/api/servers/${id}/refresh`);
      expect(res.statusCode, res.body).toBe(200);
    }
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(studio.app.server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    if (!isClosed) await studio.close();
  });

  async function createToken(accessToken: string, permissions: string[]): Promise<string> {
    const res = await callApi(studio.app, accessToken, 'POST', '/api/tokens', { name: 'listening', permissions });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().token;
  }

  async function connect(token: string, endpoint = '/mcp', mode: 'auto' | 'legacy' = 'auto'): Promise<Client> {
    const client = new Client({ name: 'list-changed-test', version: '1.0.0' }, { versionNegotiation: { mode } });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${baseUrl}${endpoint}`), { requestInit: { headers: bearer(token) } }),
    );
    clients.push(client);
    return client;
  }

  async function listen(token: string, endpoint = '/mcp'): Promise<Listener> {
    const client = await connect(token, endpoint);
    expect(client.getProtocolEra()).toBe('modern');
    const inbox = new Inbox();
    for (const kind of KINDS) {
      client.setNotificationHandler(`notifications/${kind}/list_changed`, () => inbox.push(kind));
    }
    const subscription = await client.listen(EVERYTHING);
    return { client, inbox, subscription };
  }

  const toolNames = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);
  const patchServer = async (accessToken: string, id: string, body: object) => {
    const res = await callApi(studio.app, accessToken, 'PATCH', `/api/servers/${id}`, body);
    expect(res.statusCode, res.body).toBe(200);
  };

  let everything: Listener;
  let limited: Listener;
  let theirs: Listener;

  it('advertises listChanged to modern clients and honors tools, resources and prompts at /mcp', async () => {
    everything = await listen(await createToken(admin.accessToken, ['mcp:*']));
    limited = await listen(await createToken(admin.accessToken, [`mcp:server:${quietId}`]));
    theirs = await listen(await createToken(otherAdmin.accessToken, ['mcp:*']));
    expect(everything.client.getServerCapabilities()).toMatchObject({
      tools: { listChanged: true },
      resources: { listChanged: true },
      prompts: { listChanged: true },
    });
    expect(everything.subscription.honoredFilter).toEqual(EVERYTHING);
  });

  it('tells a listening client when a tool is added upstream', async () => {
    expect(await toolNames(everything.client)).not.toContain('evolving__farewell');
    const evolved = await everything.client.callTool({ name: 'evolving__evolve', arguments: {} });
    expect(evolved.isError).toBeFalsy();
    // The server's own list_changed makes the studio read its catalog again, which the gateway passes on.
    await everything.inbox.until('prompts', 1);
    expect(await toolNames(everything.client)).toContain('evolving__farewell');
    expect(everything.inbox.heard).toEqual(['tools', 'resources', 'prompts']);
  });

  it('tells the clients that may use a server when it is disabled, and only them', async () => {
    await patchServer(admin.accessToken, quietId, { enabled: false });
    await everything.inbox.until('prompts', 2);
    await limited.inbox.until('prompts', 1);
    expect(await toolNames(everything.client)).not.toContain('quiet__greet');
    expect(await toolNames(limited.client)).toEqual([]);
    // On one stream, an earlier change on `evolving` (which this token may not use) would have arrived before this.
    expect(limited.inbox.heard).toEqual(['tools', 'resources', 'prompts']);
  });

  it('tells another organization nothing of these changes, and this one nothing of theirs', async () => {
    await patchServer(otherAdmin.accessToken, theirsId, { enabled: false });
    await theirs.inbox.until('prompts', 1);
    expect(theirs.inbox.heard).toEqual(['tools', 'resources', 'prompts']);

    const before = everything.inbox.count('tools');
    await patchServer(admin.accessToken, quietId, { enabled: true });
    await everything.inbox.until('prompts', before + 1);
    expect(everything.inbox.count('tools')).toBe(before + 1);
    expect(theirs.inbox.count('tools')).toBe(1);
  });

  it('stays quiet when an update changes nothing a client is offered', async () => {
    const before = everything.inbox.count('tools');
    await patchServer(admin.accessToken, quietId, { description: 'A new description, the same tools' });
    await patchServer(admin.accessToken, quietId, { disabledTools: ['greet'] });
    await everything.inbox.until('prompts', before + 1);
    expect(everything.inbox.count('tools')).toBe(before + 1);
    expect(await toolNames(everything.client)).not.toContain('quiet__greet');
  });

  it('tells clients of a virtual server when it is edited, tools only, and ends their stream when it is deleted', async () => {
    const created = await callApi(studio.app, admin.accessToken, 'POST', '/api/virtual-servers', {
      name: 'Evolving only',
      slug: 'evolving-only',
      tools: [],
      include: ['evolving__*'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const virtual = await listen(
      await createToken(admin.accessToken, ['mcp:virtual:evolving-only']),
      '/mcp/v/evolving-only',
    );
    expect(virtual.client.getServerCapabilities()?.tools).toEqual({ listChanged: true });
    expect(virtual.client.getServerCapabilities()?.resources).toBeUndefined();
    expect(virtual.subscription.honoredFilter).toEqual({ toolsListChanged: true });
    expect(await toolNames(virtual.client)).toContain('evolving__farewell');

    const id = created.json().id;
    const edited = await callApi(studio.app, admin.accessToken, 'PATCH', `/api/virtual-servers/${id}`, {
      exclude: ['evolving__farewell'],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await virtual.inbox.until('tools', 1);
    expect(await toolNames(virtual.client)).not.toContain('evolving__farewell');
    expect(virtual.inbox.heard).toEqual(['tools']);

    const deleted = await callApi(studio.app, admin.accessToken, 'DELETE', `/api/virtual-servers/${id}`);
    expect(deleted.statusCode).toBe(204);
    expect(await virtual.subscription.closed).toBe('graceful');
  });

  it('serves 2025-era clients as before, with no listChanged they could not receive', async () => {
    const token = await createToken(admin.accessToken, ['mcp:*']);
    const legacy = await connect(token, '/mcp', 'legacy');
    expect(legacy.getProtocolEra()).toBe('legacy');
    expect(await toolNames(legacy)).toContain('evolving__farewell');
    expect(legacy.getServerCapabilities()?.tools?.listChanged).toBeUndefined();
    await expect(legacy.listen(EVERYTHING)).rejects.toThrow(/2026-07-28/);
    // The stateless endpoint has no standalone stream: the GET a 2025-era client opens for notifications is refused.
    const get = await fetch(`${baseUrl}/mcp`, {
      headers: { ...bearer(token), accept: 'text/event-stream' },
    });
    expect(get.status).toBe(405);
  });

  it('ends every open stream gracefully when the studio shuts down', async () => {
    const closing = studio.close();
    isClosed = true;
    expect(await everything.subscription.closed).toBe('graceful');
    expect(await theirs.subscription.closed).toBe('graceful');
    await closing;
  });
});
