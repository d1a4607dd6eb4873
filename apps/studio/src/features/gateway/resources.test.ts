import type { AddressInfo } from 'node:net';
import type { SessionTokens } from '@mcp-studio/protocol';
import { Client, ProtocolErrorCode, StreamableHTTPClientTransport, UriTemplate } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  callApi,
  registerOwner,
  registerServer,
  startTestStudio,
  type TestStudio,
} from '../../test/harness.js';
import { everythingStdio, npmServerEntry } from '../../test/peers.js';

type TextContents = { uri: string; text?: string; blob?: string; mimeType?: string }[];

describe('resources and prompts through the /mcp gateway', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let baseUrl: string;
  let filesystemId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    studio = await startTestStudio();
    admin = await registerOwner(studio.app);
    await registerServer(studio.app, admin.accessToken, { ...everythingStdio, name: 'everything', timeoutMs: 60_000 });
    filesystemId = await registerServer(studio.app, admin.accessToken, {
      name: 'filesystem',
      transport: 'stdio',
      command: 'node',
      args: [npmServerEntry('@modelcontextprotocol/server-filesystem'), process.cwd()],
    });
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(studio.app.server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await studio.close();
  });

  async function connect(permissions: string[], mode: 'auto' | 'legacy' = 'auto'): Promise<Client> {
    const res = await callApi(studio.app, admin.accessToken, 'POST', '/api/tokens', { name: 'rp', permissions });
    expect(res.statusCode, res.body).toBe(201);
    const client = new Client({ name: 'gateway-rp-test', version: '1.0.0' }, { versionNegotiation: { mode } });
    const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
      requestInit: { headers: bearer(res.json().token) },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  async function invalidParamsOf(request: Promise<unknown>): Promise<string> {
    const err = await request.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(err).toMatchObject({ code: ProtocolErrorCode.InvalidParams });
    return (err as Error).message;
  }

  it.each(['auto', 'legacy'] as const)(
    'lists, reads and expands the resources of every server in %s mode',
    async (mode) => {
      const client = await connect(['mcp:*'], mode);
      expect(client.getServerCapabilities()).toMatchObject({ resources: {}, prompts: {} });

      const { resources } = await client.listResources();
      const documents = resources.filter((r) => r.uri.startsWith('mcp-studio://everything/'));
      expect(documents.length).toBeGreaterThan(0);
      const document = documents.find((r) => r.mimeType?.startsWith('text/'));
      expect(document?.name).toBeTruthy();
      expect(decodeURIComponent(document?.uri.slice('mcp-studio://everything/'.length) ?? '')).toMatch(/^demo:\/\//);

      const read = await client.readResource({ uri: document?.uri ?? '' });
      const contents = read.contents as TextContents;
      expect(contents[0]?.uri).toBe(document?.uri);
      expect(contents[0]?.text).toBeTruthy();

      const { resourceTemplates } = await client.listResourceTemplates();
      const textTemplate = resourceTemplates.find((t) => t.uriTemplate.includes('/dynamic/text/'));
      expect(textTemplate?.uriTemplate).toBe('mcp-studio://everything/demo://resource/dynamic/text/{resourceId}');
      const expanded = new UriTemplate(textTemplate?.uriTemplate ?? '').expand({ resourceId: '7' });
      const dynamic = (await client.readResource({ uri: expanded })).contents as TextContents;
      expect(dynamic[0]?.uri).toBe(expanded);
      expect(dynamic[0]?.text).toContain('7');
    },
    60_000,
  );

  it('lists prompts as <slug>__<prompt> and gets one with its arguments', async () => {
    const client = await connect(['*']);
    const { prompts } = await client.listPrompts();
    const args = prompts.find((prompt) => prompt.name === 'everything__args-prompt');
    expect(args?.arguments?.map((argument) => argument.name)).toContain('city');
    const got = await client.getPrompt({ name: 'everything__args-prompt', arguments: { city: 'Lyon' } });
    const text = got.messages.map((message) => (message.content.type === 'text' ? message.content.text : '')).join();
    expect(text).toContain('Lyon');
  }, 60_000);

  it('shows a token limited to another server none of them, and refuses to read or get them', async () => {
    const everything = await connect(['mcp:*']);
    const anUri = (await everything.listResources()).resources.find((r) =>
      r.uri.startsWith('mcp-studio://everything/'),
    );
    expect(anUri).toBeDefined();

    const client = await connect([`mcp:server:${filesystemId}`]);
    const resources = (await client.listResources()).resources.map((r) => r.uri);
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
    expect([...resources, ...templates].filter((uri) => uri.startsWith('mcp-studio://everything/'))).toEqual([]);
    expect(prompts.filter((name) => name.startsWith('everything__'))).toEqual([]);

    expect(await invalidParamsOf(client.readResource({ uri: anUri?.uri ?? '' }))).toMatch(/Resource not found/);
    const prompt = client.getPrompt({ name: 'everything__args-prompt', arguments: { city: 'Lyon' } });
    expect(await invalidParamsOf(prompt)).toMatch(/Unknown prompt/);
  }, 60_000);

  it('answers a URI that names no server with InvalidParams', async () => {
    const client = await connect(['*']);
    for (const uri of [
      'mcp-studio://no-such-server/demo%3A%2F%2Fx',
      'demo://resource/static/document/x',
      'mcp-studio://everything',
    ]) {
      expect(await invalidParamsOf(client.readResource({ uri }))).toMatch(/Resource not found/);
    }
  }, 30_000);
});
