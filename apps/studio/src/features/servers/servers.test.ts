import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../platform/events/bus.js';
import { addMember, bearer, fixedLookup, registerOwner, startTestStudio, type TestStudio } from '../../test/harness.js';

const PUBLIC_IP = '93.184.216.34';
const lookup = fixedLookup({
  'mcp.example.com': [PUBLIC_IP],
  'rebind.example.com': ['127.0.0.1'],
  'mixed.example.com': [PUBLIC_IP, '10.1.2.3'],
});

describe('MCP server registry', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  const events: StudioEvent[] = [];
  beforeAll(async () => {
    studio = await startTestStudio({ lookup, env: { EXTERNAL_MCP_MAX_PER_ORG: '12', REGISTRATION: 'open' } });
    admin = await registerOwner(studio.app);
    studio.deps.bus.subscribe((event) => events.push(event));
  });
  afterAll(() => studio.close());

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    studio.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const create = async (body: Record<string, unknown>) => {
    const res = await call(admin.accessToken, 'POST', '/api/servers', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const reveal = async (credentialId: string) =>
    (await call(admin.accessToken, 'GET', `/api/credentials/${credentialId}/value`)).json().value;

  it('registers a stdio server, keeping secret environment values in the vault', async () => {
    const server = await create({
      name: 'GitHub tools',
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@example/github-mcp'],
      env: { LOG_LEVEL: 'debug' },
      secretEnv: { GITHUB_TOKEN: 'ghp_registry_secret' },
      tags: ['git'],
    });
    expect(server).toMatchObject({
      name: 'GitHub tools',
      slug: 'github-tools',
      transport: 'stdio',
      command: 'npx',
      env: { LOG_LEVEL: 'debug' },
      auth: { type: 'none' },
      enabled: true,
      timeoutMs: 30000,
      maxConcurrency: 8,
      status: 'unknown',
      toolCount: 0,
      url: null,
    });
    const credentialId = server.secretEnv.GITHUB_TOKEN.credentialId;
    expect(JSON.stringify(server)).not.toContain('ghp_registry_secret');
    expect(await reveal(credentialId)).toBe('ghp_registry_secret');
    const credential = (await call(admin.accessToken, 'GET', `/api/credentials/${credentialId}`)).json();
    expect(credential).toMatchObject({ name: 'mcp-server/github-tools/env.GITHUB_TOKEN', visibility: 'private' });
    expect(events.find((e) => e.type === 'server_created')).toMatchObject({
      topic: 'servers',
      data: { id: server.id },
    });
  });

  it('registers an HTTP server with bearer authentication and never returns the token', async () => {
    const server = await create({
      name: 'Remote',
      transport: 'streamable-http',
      url: 'https://mcp.example.com/mcp',
      auth: { type: 'bearer', token: 'tok_remote_secret' },
      headers: { 'X-Tenant': 'acme' },
    });
    expect(server.auth).toEqual({ type: 'bearer', credentialId: expect.any(String) });
    expect(server.headers).toEqual({ 'X-Tenant': 'acme' });
    const listed = await call(admin.accessToken, 'GET', '/api/servers');
    expect(listed.body).not.toContain('tok_remote_secret');
    expect(await reveal(server.auth.credentialId)).toBe('tok_remote_secret');
  });

  it('uses an existing credential by reference, and keeps it when the server goes', async () => {
    const existing = (
      await call(admin.accessToken, 'POST', '/api/credentials', { name: 'shared-key', type: 'api_key', value: 'k-123' })
    ).json();
    const server = await create({
      name: 'Keyed',
      transport: 'sse',
      url: 'https://mcp.example.com/sse',
      auth: { type: 'api_key', in: 'query', name: 'key', value: { credentialId: existing.id } },
    });
    expect(server.auth).toEqual({ type: 'api_key', in: 'query', name: 'key', credentialId: existing.id });
    expect((await call(admin.accessToken, 'DELETE', `/api/servers/${server.id}`)).statusCode).toBe(204);
    expect((await call(admin.accessToken, 'GET', `/api/credentials/${existing.id}`)).statusCode).toBe(200);
    const unknown = await call(admin.accessToken, 'POST', '/api/servers', {
      name: 'Dangling',
      transport: 'sse',
      url: 'https://mcp.example.com/sse',
      auth: { type: 'bearer', token: { credentialId: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('auth.token');
  });

  it.each([
    ['http when only https is allowed', 'http://mcp.example.com/mcp', 'protocol'],
    ['a private address', 'https://10.0.0.1/mcp', 'private_network'],
    ['loopback', 'https://127.0.0.1:8080/mcp', 'private_network'],
    ['cloud metadata', 'https://169.254.169.254/latest', 'private_network'],
    ['a name that resolves to loopback', 'https://rebind.example.com/mcp', 'private_network'],
    ['a name with one private address among public ones', 'https://mixed.example.com/mcp', 'private_network'],
    ['a name that does not resolve', 'https://nowhere.example.com/mcp', 'dns'],
  ])('refuses %s with 400 naming the rule', async (_what, url, rule) => {
    const res = await call(admin.accessToken, 'POST', '/api/servers', {
      name: `x-${rule}-${url}`,
      transport: 'streamable-http',
      url,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'url_not_allowed', details: { rule } });
  });

  it.each([
    ['stdio without a command', { transport: 'stdio' }, 'command'],
    ['HTTP without a URL', { transport: 'streamable-http' }, 'url'],
    ['HTTP with a command', { transport: 'sse', url: 'https://mcp.example.com/sse', command: 'node' }, 'command'],
    ['stdio with a URL', { transport: 'stdio', command: 'node', url: 'https://mcp.example.com' }, 'url'],
    ['a bad env name', { transport: 'stdio', command: 'node', env: { 'BAD-NAME': 'x' } }, 'env'],
    ['an unknown auth type', { transport: 'sse', url: 'https://mcp.example.com', auth: { type: 'oauth' } }, 'auth'],
  ])('refuses %s with 400 naming the field', async (_what, body, field) => {
    const res = await call(admin.accessToken, 'POST', '/api/servers', { name: 'Invalid', ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(field);
  });

  it('derives unique slugs, and refuses a duplicate name', async () => {
    const first = await create({ name: 'Files & Docs', transport: 'stdio', command: 'node' });
    const second = await create({ name: 'Files-Docs', transport: 'stdio', command: 'node' });
    expect(first.slug).toBe('files-and-docs');
    expect(second.slug).toBe('files-docs');
    const third = await create({ name: 'files and docs', transport: 'stdio', command: 'node' });
    expect(third.slug).toBe('files-and-docs-2');
    const dup = await call(admin.accessToken, 'POST', '/api/servers', {
      name: 'Files & Docs',
      transport: 'stdio',
      command: 'x',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('server_name_taken');
  });

  it('changes a registration: rotates a secret in place, drops secrets it no longer uses', async () => {
    const server = await create({
      name: 'Rotating',
      transport: 'streamable-http',
      url: 'https://mcp.example.com/mcp',
      auth: { type: 'bearer', token: 'first-token' },
    });
    const credentialId = server.auth.credentialId;
    const rotated = await call(admin.accessToken, 'PATCH', `/api/servers/${server.id}`, {
      auth: { type: 'bearer', token: 'second-token' },
      description: 'now documented',
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json()).toMatchObject({ description: 'now documented', auth: { credentialId } });
    expect(await reveal(credentialId)).toBe('second-token');

    const noAuth = await call(admin.accessToken, 'PATCH', `/api/servers/${server.id}`, { auth: { type: 'none' } });
    expect(noAuth.json().auth).toEqual({ type: 'none' });
    expect((await call(admin.accessToken, 'GET', `/api/credentials/${credentialId}`)).statusCode).toBe(404);

    const inconsistent = await call(admin.accessToken, 'PATCH', `/api/servers/${server.id}`, { transport: 'stdio' });
    expect(inconsistent.statusCode).toBe(400);
    expect(inconsistent.json().error.message).toContain('command');
    const toStdio = await call(admin.accessToken, 'PATCH', `/api/servers/${server.id}`, {
      transport: 'stdio',
      command: 'node',
    });
    expect(toStdio.json()).toMatchObject({
      transport: 'stdio',
      command: 'node',
      url: null,
      description: 'now documented',
    });
    const withCwd = await call(admin.accessToken, 'PATCH', `/api/servers/${server.id}`, { cwd: '/srv/tools' });
    expect(withCwd.json().cwd).toBe('/srv/tools');
    const cleared = await call(admin.accessToken, 'PATCH', `/api/servers/${server.id}`, {
      cwd: null,
      description: null,
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ cwd: null, description: null, command: 'node' });
    const badUrl = await call(admin.accessToken, 'PATCH', `/api/servers/${server.id}`, {
      transport: 'sse',
      url: 'https://10.9.9.9/sse',
    });
    expect(badUrl.json().error.code).toBe('url_not_allowed');
  });

  it('deletes a server with the secrets it owned', async () => {
    const server = await create({
      name: 'Doomed',
      transport: 'stdio',
      command: 'node',
      secretEnv: { API_KEY: 'gone-soon' },
    });
    const credentialId = server.secretEnv.API_KEY.credentialId;
    expect((await call(admin.accessToken, 'DELETE', `/api/servers/${server.id}`)).statusCode).toBe(204);
    expect((await call(admin.accessToken, 'GET', `/api/servers/${server.id}`)).statusCode).toBe(404);
    expect((await call(admin.accessToken, 'GET', `/api/credentials/${credentialId}`)).statusCode).toBe(404);
    expect(events.some((e) => e.type === 'server_deleted' && (e.data as { id: string }).id === server.id)).toBe(true);
  });

  it('lets only ADMINs write; every member reads, and another organization sees nothing', async () => {
    const server = await create({ name: 'Readable', transport: 'stdio', command: 'node' });
    for (const role of ['MANAGER', 'OPERATOR', 'VIEWER', 'USER'] as const) {
      const member = await addMember(studio.app, admin.accessToken, role);
      expect((await call(member.accessToken, 'GET', `/api/servers/${server.id}`)).statusCode).toBe(200);
      expect(
        (await call(member.accessToken, 'POST', '/api/servers', { name: 'No', transport: 'stdio', command: 'x' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await call(member.accessToken, 'PATCH', `/api/servers/${server.id}`, { enabled: false })).statusCode,
      ).toBe(403);
      expect((await call(member.accessToken, 'DELETE', `/api/servers/${server.id}`)).statusCode).toBe(403);
    }
    const stranger = await registerOwner(studio.app, 'Other');
    expect((await call(stranger.accessToken, 'GET', `/api/servers/${server.id}`)).statusCode).toBe(404);
    expect(
      (await call(stranger.accessToken, 'PATCH', `/api/servers/${server.id}`, { enabled: false })).statusCode,
    ).toBe(404);
    expect((await call(stranger.accessToken, 'DELETE', `/api/servers/${server.id}`)).statusCode).toBe(404);
    expect((await call(stranger.accessToken, 'GET', '/api/servers')).json().servers).toEqual([]);
  });

  it('stops at EXTERNAL_MCP_MAX_PER_ORG servers', async () => {
    const count = (await call(admin.accessToken, 'GET', '/api/servers')).json().servers.length;
    for (let i = count; i < 12; i += 1) await create({ name: `filler-${i}`, transport: 'stdio', command: 'node' });
    const over = await call(admin.accessToken, 'POST', '/api/servers', {
      name: 'one too many',
      transport: 'stdio',
      command: 'x',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('server_limit_reached');
  });
});
