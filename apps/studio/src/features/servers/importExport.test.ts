import type { ImportServersResult, SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, bearer, fixedLookup, registerOwner, startTestStudio, type TestStudio } from '../../test/harness.js';
import { registrationOf } from './importExport.js';

const lookup = fixedLookup({ 'mcp.example.com': ['93.184.216.34'], 'events.example.com': ['93.184.216.34'] });

describe('MCP config import and export', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  beforeAll(async () => {
    studio = await startTestStudio({ lookup, env: { EXTERNAL_MCP_MAX_PER_ORG: '50' } });
    admin = await registerOwner(studio.app);
  });
  afterAll(() => studio.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: object, token = admin.accessToken) =>
    studio.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const importConfig = async (config: object, dryRun: boolean) => {
    const res = await call('POST', `/api/servers/import?dryRun=${dryRun}`, config);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as ImportServersResult).servers;
  };
  const serverNames = async () =>
    ((await call('GET', '/api/servers')).json().servers as { name: string }[]).map((s) => s.name);
  const reveal = async (credentialId: string) =>
    (await call('GET', `/api/credentials/${credentialId}/value`)).json().value;

  const claudeDesktop = {
    mcpServers: {
      filesystem: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
      },
      github: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_import_secret' },
        disabled: false,
      },
    },
  };

  it('dry-runs a Claude Desktop config: both would be created, secrets masked, nothing created', async () => {
    const before = await serverNames();
    const result = await importConfig(claudeDesktop, true);
    expect(result).toEqual([
      expect.objectContaining({ name: 'filesystem', action: 'create' }),
      {
        name: 'github',
        action: 'create',
        registration: {
          name: 'github',
          transport: 'stdio',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-github'],
          secretEnv: { GITHUB_PERSONAL_ACCESS_TOKEN: '••••' },
        },
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('ghp_import_secret');
    expect(await serverNames()).toEqual(before);
  });

  it('imports it, keeping env values in the vault', async () => {
    const result = await importConfig(claudeDesktop, false);
    expect(result.map((r) => [r.name, r.action])).toEqual([
      ['filesystem', 'created'],
      ['github', 'created'],
    ]);
    const github = (await call('GET', `/api/servers/${result[1]!.id}`)).json();
    expect(github).toMatchObject({ transport: 'stdio', command: 'npx', env: {} });
    expect(await reveal(github.secretEnv.GITHUB_PERSONAL_ACCESS_TOKEN.credentialId)).toBe('ghp_import_secret');
  });

  it('imports a VS Code config: bearer auth, secret headers, SSE; a refused URL or a duplicate is skipped', async () => {
    const result = await importConfig(
      {
        servers: {
          remote: {
            type: 'http',
            url: 'https://mcp.example.com/mcp',
            headers: { Authorization: 'Bearer tok_vscode_secret', 'X-Tenant': 'acme' },
          },
          events: { type: 'sse', url: 'https://events.example.com/stream' },
          local: { type: 'http', url: 'http://127.0.0.1:3000/mcp' },
          github: { type: 'stdio', command: 'node' },
          broken: { type: 'stdio' },
        },
      },
      false,
    );
    const byName = Object.fromEntries(result.map((r) => [r.name, r]));
    expect(byName.remote).toMatchObject({ action: 'created', registration: { auth: { token: '••••' } } });
    expect(byName.events).toMatchObject({ action: 'created', registration: { transport: 'sse' } });
    expect(byName.local!.action).toBe('skipped');
    expect(byName.local!.reason).toContain('http://127.0.0.1:3000/mcp');
    const dry = await importConfig({ servers: { local: { url: 'https://127.0.0.1/mcp' } } }, true);
    expect(dry).toEqual([expect.objectContaining({ action: 'skip', reason: expect.stringContaining('127.0.0.1') })]);
    expect(byName.github).toMatchObject({ action: 'skipped', reason: expect.stringContaining('already exists') });
    expect(byName.broken).toMatchObject({ action: 'skipped', reason: expect.stringContaining('command') });
    expect(JSON.stringify(result)).not.toContain('tok_vscode_secret');

    const remote = (await call('GET', `/api/servers/${byName.remote!.id}`)).json();
    expect(remote).toMatchObject({ transport: 'streamable-http', auth: { type: 'bearer' }, headers: {} });
    expect(await reveal(remote.auth.credentialId)).toBe('tok_vscode_secret');
    expect(await reveal(remote.secretHeaders['X-Tenant'].credentialId)).toBe('acme');
    expect(await serverNames()).not.toContain('local');
  });

  it('maps transports from type and URL', () => {
    const transportOf = (entry: object) => {
      const mapped = registrationOf('x', entry);
      return mapped.ok ? mapped.body.transport : mapped.reason;
    };
    expect(transportOf({ url: 'https://h.example/sse' })).toBe('sse');
    expect(transportOf({ url: 'https://h.example/mcp' })).toBe('streamable-http');
    expect(transportOf({ url: 'https://h.example/sse', type: 'streamableHttp' })).toBe('streamable-http');
    expect(transportOf({ url: 'https://h.example/x', type: 'streamable-http' })).toBe('streamable-http');
    expect(transportOf({ command: 'node', url: 'https://h.example' })).toContain('not both');
    expect(transportOf({ command: 'node', env: { 'BAD-NAME': 'x' } })).toContain('secretEnv');
  });

  it('refuses non-admins with 403 and a bad body with 400', async () => {
    const viewer = await addMember(studio.app, admin.accessToken, 'VIEWER');
    const forbidden = await call('POST', '/api/servers/import?dryRun=true', claudeDesktop, viewer.accessToken);
    expect(forbidden.statusCode).toBe(403);
    expect((await call('POST', '/api/servers/import', { something: {} })).statusCode).toBe(400);
    expect((await call('POST', '/api/servers/import', { mcpServers: [] })).statusCode).toBe(400);
    expect((await call('POST', '/api/servers/import?dryRun=maybe', claudeDesktop)).statusCode).toBe(400);
    expect((await call('GET', '/api/servers/export', undefined, viewer.accessToken)).statusCode).toBe(200);
  });

  it('exports in config form with placeholders for secrets, and re-imports as already existing', async () => {
    const res = await call('GET', '/api/servers/export');
    expect(res.statusCode, res.body).toBe(200);
    for (const secret of ['ghp_import_secret', 'tok_vscode_secret', 'acme']) expect(res.body).not.toContain(secret);
    const exported = res.json();
    const github = exported.mcpServers.github;
    expect(github).toEqual({
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: expect.stringMatching(/^<secret:[0-9a-f-]{36}>$/) },
    });
    expect(exported.mcpServers.remote).toEqual({
      type: 'http',
      url: 'https://mcp.example.com/mcp',
      headers: {
        'X-Tenant': expect.stringMatching(/^<secret:/),
        Authorization: expect.stringMatching(/^Bearer <secret:[0-9a-f-]{36}>$/),
      },
    });
    expect(exported.mcpServers.events).toMatchObject({ type: 'sse', url: 'https://events.example.com/stream' });

    const again = await importConfig(exported, true);
    expect(again.map((r) => r.name).sort()).toEqual(Object.keys(exported.mcpServers).sort());
    expect(again.every((r) => r.action === 'skip' && r.reason?.includes('already exists'))).toBe(true);

    // Under a new name, the placeholder becomes a reference to the same credential.
    const copy = await importConfig({ mcpServers: { 'github copy': github } }, false);
    expect(copy[0]).toMatchObject({ action: 'created' });
    const created = (await call('GET', `/api/servers/${copy[0]!.id}`)).json();
    expect(`<secret:${created.secretEnv.GITHUB_PERSONAL_ACCESS_TOKEN.credentialId}>`).toBe(
      github.env.GITHUB_PERSONAL_ACCESS_TOKEN,
    );
  });
});
