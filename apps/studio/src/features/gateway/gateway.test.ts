import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SessionTokens } from '@mcp-studio/protocol';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abortRunningCall } from '../../test/cancellation.js';
import {
  addMember,
  bearer,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
  type TestStudio,
} from '../../test/harness.js';
import { upstreamCancelled } from '../../test/mcpHttp.js';
import { everythingStdio, npmServerEntry } from '../../test/peers.js';

type JsonRpc = { id?: number | string; method?: string; params?: Record<string, unknown> };
/** A distinct duration per mode, so each test finds its own call in the transcript. */
const DURATION = { auto: 120, legacy: 121 } as const;
/** The same for a call without progress, which the gateway answers on its plain path. */
const PLAIN_DURATION = { auto: 122, legacy: 123 } as const;
type TextResult = { content: { type: string; text: string }[]; isError?: boolean };

describe('the /mcp gateway', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let baseUrl: string;
  let everythingId: string;
  let filesystemId: string;
  let dir: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gateway-'));
    await writeFile(path.join(dir, 'hello.txt'), 'hello from the gateway test');
    studio = await startTestStudio();
    admin = await registerOwner(studio.app);
    everythingId = await registerServer(studio.app, admin.accessToken, {
      ...everythingStdio,
      name: 'everything',
      timeoutMs: 60_000,
    });
    filesystemId = await registerServer(studio.app, admin.accessToken, {
      name: 'filesystem',
      transport: 'stdio',
      command: 'node',
      args: [npmServerEntry('@modelcontextprotocol/server-filesystem'), dir],
    });
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(studio.app.server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await studio.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function createToken(accessToken: string, permissions: string[]): Promise<string> {
    const res = await callApi(studio.app, accessToken, 'POST', '/api/tokens', { name: 'gateway', permissions });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().token;
  }

  async function connect(token: string, mode: 'auto' | 'legacy' = 'auto'): Promise<Client> {
    const client = new Client({ name: 'gateway-test', version: '1.0.0' }, { versionNegotiation: { mode } });
    const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
      requestInit: { headers: bearer(token) },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  const toolNames = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);

  it.each(['auto', 'legacy'] as const)(
    'lists and calls the tools of every server in %s mode',
    async (mode) => {
      const client = await connect(await createToken(admin.accessToken, ['mcp:*']), mode);
      expect(client.getProtocolEra()).toBe(mode === 'auto' ? 'modern' : 'legacy');
      const tools = (await client.listTools()).tools;
      const names = tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(['everything__echo', 'filesystem__read_text_file']));
      expect(names.every((name) => name.length <= 64)).toBe(true);
      const echo = tools.find((tool) => tool.name === 'everything__echo');
      expect(echo?.description).toBeTruthy();
      expect(echo?.inputSchema.properties).toHaveProperty('message');

      const echoed = (await client.callTool({
        name: 'everything__echo',
        arguments: { message: `hi over ${mode}` },
      })) as TextResult;
      expect(echoed.content[0]?.text).toBe(`Echo: hi over ${mode}`);

      const file = (await client.callTool({
        name: 'filesystem__read_text_file',
        arguments: { path: path.join(dir, 'hello.txt') },
      })) as TextResult;
      expect(file.isError).toBeFalsy();
      expect(file.content[0]?.text).toContain('hello from the gateway test');
    },
    60_000,
  );

  it('answers an unknown tool with InvalidParams and a failing call with isError', async () => {
    const client = await connect(await createToken(admin.accessToken, ['*']));
    await expect(client.callTool({ name: 'everything__no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool/);
    const invalid = (await client.callTool({ name: 'everything__echo', arguments: {} })) as TextResult;
    expect(invalid.isError).toBe(true);
    expect(invalid.content[0]?.text).toBeTruthy();
  }, 30_000);

  it.each(['auto', 'legacy'] as const)(
    'passes progress through and cancels upstream when a %s client aborts',
    async (mode) => {
      const client = await connect(await createToken(admin.accessToken, ['mcp:*']), mode);
      const progress: number[] = [];
      const done = (await client.callTool(
        { name: 'everything__trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
        { onprogress: ({ progress: value }) => progress.push(value) },
      )) as TextResult;
      expect(done.content[0]?.text).toContain('Long running operation completed');
      // The upstream SDK client may drop the last step when it arrives in the same read as the result.
      expect(progress.slice(0, 2)).toEqual([1, 2]);

      const tool = 'everything__trigger-long-running-operation';
      const upstream = () => upstreamCancelled(studio.app, admin.accessToken, everythingId, DURATION[mode]);
      await abortRunningCall(client, tool, DURATION[mode], upstream, true);
    },
    60_000,
  );

  it.each(['auto', 'legacy'] as const)(
    'cancels upstream when a %s client aborts a call that asked for no progress',
    async (mode) => {
      const client = await connect(await createToken(admin.accessToken, ['mcp:*']), mode);
      const tool = 'everything__trigger-long-running-operation';
      const upstream = () => upstreamCancelled(studio.app, admin.accessToken, everythingId, PLAIN_DURATION[mode]);
      await abortRunningCall(client, tool, PLAIN_DURATION[mode], upstream, false);
    },
    60_000,
  );

  it('shows a token limited to one server only that server, and refuses the others', async () => {
    const client = await connect(await createToken(admin.accessToken, [`mcp:server:${everythingId}`]));
    const names = await toolNames(client);
    expect(names).toContain('everything__echo');
    expect(names.every((name) => name.startsWith('everything__'))).toBe(true);
    await expect(
      client.callTool({ name: 'filesystem__read_text_file', arguments: { path: path.join(dir, 'hello.txt') } }),
    ).rejects.toThrow(/Unknown tool/);
  }, 30_000);

  it('lists nothing for a token without an mcp permission', async () => {
    const client = await connect(await createToken(admin.accessToken, ['servers:read']));
    expect(await toolNames(client)).toEqual([]);
    await expect(client.callTool({ name: 'everything__echo', arguments: { message: 'x' } })).rejects.toThrow(
      /Unknown tool/,
    );
  }, 30_000);

  it("refuses a VIEWER's token, whatever its permissions", async () => {
    const viewer = await addMember(studio.app, admin.accessToken, 'VIEWER');
    const client = await connect(await createToken(viewer.accessToken, ['*']));
    expect(await toolNames(client)).toEqual([]);
    await expect(client.callTool({ name: 'everything__echo', arguments: { message: 'x' } })).rejects.toThrow(
      /role may not call/,
    );
  }, 30_000);

  it('leaves out the tools a server has disabled', async () => {
    const patch = await callApi(studio.app, admin.accessToken, 'PATCH', `/api/servers/${filesystemId}`, {
      disabledTools: ['list_directory'],
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const client = await connect(await createToken(admin.accessToken, ['mcp:*']));
    const names = await toolNames(client);
    expect(names).toContain('filesystem__read_text_file');
    expect(names).not.toContain('filesystem__list_directory');
  }, 30_000);

  it('streams every progress notification before the result on the 2025-era wire', async () => {
    const token = await createToken(admin.accessToken, ['mcp:*']);
    const res = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        ...bearer(token),
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 5,
        method: 'tools/call',
        params: {
          name: 'everything__trigger-long-running-operation',
          arguments: { duration: 0.3, steps: 3 },
          _meta: { progressToken: 'p-1' },
        },
      }),
    });
    expect(res.status).toBe(200);
    const messages = (await res.text())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice('data: '.length)) as JsonRpc & { result?: unknown });
    // The result comes last, after the progress; the upstream SDK client may drop a progress notification that
    // reaches it in the same read as the result, so the last step is not required.
    expect(messages.at(-1)?.id).toBe(5);
    const progress = messages.slice(0, -1);
    expect(progress.slice(0, 2).map((message) => message.params?.progress)).toEqual([1, 2]);
    expect(progress.every((message) => message.method === 'notifications/progress')).toBe(true);
    expect(progress.every((message) => message.params?.progressToken === 'p-1')).toBe(true);
  }, 30_000);

  it('answers 401 with WWW-Authenticate without a token, with a bad one, and with a session', async () => {
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    for (const headers of [{}, bearer('mcps_not_a_real_token'), bearer(admin.accessToken)]) {
      const res = await fetch(`${baseUrl}/mcp`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify(initialize),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });
});
