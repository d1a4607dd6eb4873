// The catalog of what servers offer, against real stdio servers: server-everything from npm and a fixture whose
// tools change while it runs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionTokens } from '@mcp-studio/protocol';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpServerCatalog } from '../../../platform/db/schema.js';
import type { StudioEvent } from '../../../platform/events/bus.js';
import { addMember, bearer, registerOwner, startTestStudio, type TestStudio } from '../../../test/harness.js';
import { npmServerEntry } from '../../../test/peers.js';

const everything = npmServerEntry('@modelcontextprotocol/server-everything');
const evolving = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/evolvingServer.mjs');

interface Tool {
  name: string;
  description?: string;
  enabled: boolean;
  changed: boolean;
  changedAt: string | null;
  previous: { description?: string } | null;
}

async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in time; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the catalog of what a server offers', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let viewer: SessionTokens;
  let everythingId: string;
  let evolvingId: string;
  const events: StudioEvent[] = [];

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, token = admin.accessToken) =>
    studio.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const callTool = (id: string, name: string, args: object) =>
    call('POST', `/api/servers/${id}/tools/${name}/call`, { arguments: args });
  const tools = async (id: string): Promise<Tool[]> => (await call('GET', `/api/servers/${id}/tools`)).json().tools;
  const toolNamed = async (id: string, name: string) => (await tools(id)).find((t) => t.name === name);
  const stderrOf = async (id: string): Promise<string> => (await call('GET', `/api/servers/${id}/logs`)).json().stderr;
  const eventsFor = (id: string, type: string) =>
    events.filter((e) => e.type === type && (e.data as { id: string }).id === id).map((e) => e.data);

  async function register(name: string, args: string[]): Promise<string> {
    const res = await call('POST', '/api/servers', {
      name,
      transport: 'stdio',
      command: 'node',
      args,
      timeoutMs: 5000,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  beforeAll(async () => {
    // Only for the registration switched to HTTP below, which is never connected to.
    studio = await startTestStudio({ env: { EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true' } });
    admin = await registerOwner(studio.app);
    viewer = await addMember(studio.app, admin.accessToken, 'VIEWER');
    studio.deps.bus.subscribe((event) => events.push(event));
    everythingId = await register('everything', [everything, 'stdio']);
    evolvingId = await register('evolving', [evolving]);
  });
  afterAll(() => studio.close());

  it('fills the catalog from server-everything on the first read, and the refresh counts match what is served', async () => {
    const catalogRows = async () =>
      (
        await studio.deps.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(mcpServerCatalog)
          .where(eq(mcpServerCatalog.serverId, everythingId))
      )[0]?.n;
    expect(await catalogRows()).toBe(0);

    const listed = await call('GET', `/api/servers/${everythingId}/tools`, undefined, viewer.accessToken);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().refreshedAt).toEqual(expect.any(String));
    const echo = listed.json().tools.find((t: Tool) => t.name === 'echo');
    expect(echo).toMatchObject({ enabled: true, changed: false, changedAt: null, previous: null });
    expect(echo.inputSchema).toMatchObject({ type: 'object', required: ['message'] });

    const resources = (await call('GET', `/api/servers/${everythingId}/resources`)).json();
    expect(resources.resources.map((r: { uri: string }) => r.uri)).toContain(
      'demo://resource/static/document/architecture.md',
    );
    const prompts = (await call('GET', `/api/servers/${everythingId}/prompts`)).json().prompts;
    expect(prompts.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['simple-prompt']));

    const refreshed = await call('POST', `/api/servers/${everythingId}/refresh`);
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const { counts, changedTools } = refreshed.json();
    expect(changedTools).toEqual([]);
    expect(counts).toEqual({
      tools: listed.json().tools.length,
      resources: resources.resources.length,
      resourceTemplates: resources.resourceTemplates.length,
      prompts: prompts.length,
    });
    expect(counts.resourceTemplates).toBeGreaterThan(0);
    expect(await catalogRows()).toBe(counts.tools + counts.resources + counts.resourceTemplates + counts.prompts);
    expect((await call('GET', `/api/servers/${everythingId}`)).json().toolCount).toBe(counts.tools);

    // The first fill was news; a refresh that found nothing new is not.
    expect(eventsFor(everythingId, 'server_catalog_changed')).toEqual([
      { id: everythingId, refreshedAt: listed.json().refreshedAt, changedTools: [], counts },
    ]);
    // (The first connection's health check announces the server too, with its new status.)
    expect(eventsFor(everythingId, 'server_updated')).toContainEqual(
      expect.objectContaining({ id: everythingId, toolCount: counts.tools }),
    );
  });

  it('lets only those who may change a server refresh it or acknowledge its tools', async () => {
    expect((await call('POST', `/api/servers/${everythingId}/refresh`, undefined, viewer.accessToken)).statusCode).toBe(
      403,
    );
    const acknowledge = `/api/servers/${everythingId}/tools/echo/acknowledge`;
    expect((await call('POST', acknowledge, undefined, viewer.accessToken)).statusCode).toBe(403);
    expect((await call('POST', acknowledge)).statusCode).toBe(204);
    const unknown = await call('POST', `/api/servers/${everythingId}/tools/no-such-tool/acknowledge`);
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses arguments that do not match the tool’s schema with the schema’s errors, and passes valid ones', async () => {
    const missing = await callTool(everythingId, 'echo', {});
    expect(missing.statusCode, missing.body).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: 'invalid_arguments',
      message: expect.stringContaining('Invalid arguments for tool echo: message:'),
      details: [{ path: 'message', message: "must have required property 'message'" }],
    });
    const wrongType = await callTool(everythingId, 'get-sum', { a: 'two', b: 3 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details).toEqual([{ path: 'a', message: 'must be number' }]);
    const valid = await callTool(everythingId, 'get-sum', { a: 2, b: 3 });
    expect(valid.statusCode, valid.body).toBe(200);
    expect(JSON.stringify(valid.json().content)).toContain('5');
  });

  it('reads every page, in the server’s order, and a list the server does not implement is empty', async () => {
    expect((await tools(evolvingId)).map((t) => t.name)).toEqual(['greet', 'echo', 'evolve', 'odd-schema']);
    const resources = (await call('GET', `/api/servers/${evolvingId}/resources`)).json();
    expect(resources).toEqual({
      resources: [{ uri: 'fixture://readme', name: 'readme', mimeType: 'text/plain' }],
      resourceTemplates: [],
    });
    expect((await call('GET', `/api/servers/${evolvingId}/prompts`)).json()).toEqual({
      prompts: [{ name: 'hello', description: 'A greeting' }],
    });
  });

  it('never sends a call with invalid arguments to the server; a valid one reaches it', async () => {
    const refused = await callTool(evolvingId, 'echo', { message: 5, times: 0 });
    expect(refused.statusCode).toBe(400);
    // Every problem at once (PostgreSQL's jsonb keeps the schema's properties in its own key order).
    expect(refused.json().error.details).toHaveLength(2);
    expect(refused.json().error.details).toEqual(
      expect.arrayContaining([
        { path: 'message', message: 'must be string' },
        { path: 'times', message: 'must be >= 1' },
      ]),
    );
    const passed = await callTool(evolvingId, 'echo', { message: 'hi', times: 2 });
    expect(passed.json().content).toEqual([{ type: 'text', text: 'Echo: hihi' }]);
    const stderr = await stderrOf(evolvingId);
    expect(stderr).toContain('received tools/call echo {"message":"hi","times":2}');
    expect(stderr).not.toContain('{"message":5');
  });

  it('answers 404 tool_not_found for a tool the server does not have, without calling it', async () => {
    const res = await callTool(evolvingId, 'no-such-tool', {});
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('tool_not_found');
    expect(await stderrOf(evolvingId)).not.toContain('no-such-tool');
  });

  it('forwards a call whose tool schema cannot be compiled, and logs a warning', async () => {
    const res = await callTool(evolvingId, 'odd-schema', { value: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().content).toEqual([{ type: 'text', text: 'value: 1' }]);
    expect(studio.logs()).toContain('a tool input schema cannot be compiled');
  });

  it('flags a tool whose description changed after the server said so, keeping the version first trusted', async () => {
    const before = events.length;
    expect((await callTool(evolvingId, 'evolve', {})).json().content[0].text).toBe('now version 2');
    // No refresh is asked for: the server's notifications/tools/list_changed brings the change.
    const evolved = await waitFor(
      () => tools(evolvingId),
      (list) => list.some((t) => t.name === 'farewell'),
    );
    const greet = evolved.find((t) => t.name === 'greet');
    expect(greet).toMatchObject({
      description: 'Says hello, version 2',
      changed: true,
      changedAt: expect.any(String),
      previous: { name: 'greet', description: 'Says hello', inputSchema: expect.objectContaining({ type: 'object' }) },
    });
    expect(evolved.find((t) => t.name === 'farewell')).toMatchObject({ changed: false, previous: null });
    const news = events.slice(before);
    expect(news.filter((e) => e.type === 'server_catalog_changed').map((e) => e.data)).toEqual([
      expect.objectContaining({
        id: evolvingId,
        changedTools: ['greet'],
        counts: expect.objectContaining({ tools: 5 }),
      }),
    ]);
    expect(news.find((e) => e.type === 'server_updated')?.data).toMatchObject({ id: evolvingId, toolCount: 5 });

    await callTool(evolvingId, 'evolve', {});
    const again = await waitFor(
      () => toolNamed(evolvingId, 'greet'),
      (tool) => tool?.description === 'Says hello, version 3',
    );
    expect(again).toMatchObject({ changed: true, previous: { description: 'Says hello' } });
  });

  it('clears a changed tool’s flag when it is acknowledged, and tells open dashboards', async () => {
    const announced = eventsFor(evolvingId, 'server_catalog_changed').length;
    const res = await call('POST', `/api/servers/${evolvingId}/tools/greet/acknowledge`);
    expect(res.statusCode, res.body).toBe(204);
    expect(eventsFor(evolvingId, 'server_catalog_changed').slice(announced)).toEqual([
      expect.objectContaining({ id: evolvingId, changedTools: [], counts: expect.objectContaining({ tools: 5 }) }),
    ]);
    expect(await toolNamed(evolvingId, 'greet')).toMatchObject({
      description: 'Says hello, version 3',
      changed: false,
      changedAt: null,
      previous: null,
    });
  });

  it('reads the catalog again when the server reconnects', async () => {
    expect((await call('POST', `/api/servers/${evolvingId}/restart`)).statusCode).toBe(204);
    // The new process starts at version 1: farewell is gone and greet differs from the acknowledged version 3.
    expect((await callTool(evolvingId, 'echo', { message: 'back' })).statusCode).toBe(200);
    const list = await waitFor(
      () => tools(evolvingId),
      (tools) => !tools.some((t) => t.name === 'farewell'),
    );
    expect(list.find((t) => t.name === 'greet')).toMatchObject({
      description: 'Says hello',
      changed: true,
      previous: { description: 'Says hello, version 3' },
    });
    expect((await call('GET', `/api/servers/${evolvingId}`)).json().toolCount).toBe(4);
  });

  it('lists disabled tools as disabled and refuses to call them', async () => {
    const patched = await call('PATCH', `/api/servers/${evolvingId}`, { disabledTools: ['greet'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().disabledTools).toEqual(['greet']);
    const listed = await tools(evolvingId);
    expect(listed.map((t) => [t.name, t.enabled])).toEqual([
      ['greet', false],
      ['echo', true],
      ['evolve', true],
      ['odd-schema', true],
    ]);
    const refused = await callTool(evolvingId, 'greet', { name: 'Ada' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('tool_disabled');
    expect(await stderrOf(evolvingId)).not.toContain('"name":"Ada"');

    await call('PATCH', `/api/servers/${evolvingId}`, { disabledTools: [] });
    const allowed = await callTool(evolvingId, 'greet', { name: 'Ada' });
    expect(allowed.json().content).toEqual([{ type: 'text', text: 'Hello, Ada' }]);
  });

  it('keeps a registration’s disabled tools when its transport changes', async () => {
    const created = await call('POST', '/api/servers', {
      name: 'switching',
      transport: 'stdio',
      command: 'node',
      args: [evolving],
      disabledTools: ['greet'],
    });
    expect(created.json().disabledTools).toEqual(['greet']);
    const switched = await call('PATCH', `/api/servers/${created.json().id}`, {
      transport: 'streamable-http',
      url: 'https://127.0.0.1:9/mcp',
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json()).toMatchObject({ transport: 'streamable-http', disabledTools: ['greet'] });
  });
});
