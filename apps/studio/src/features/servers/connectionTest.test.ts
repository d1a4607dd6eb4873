import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerOwner, startTestStudio, type TestStudio } from '../../test/harness.js';
import { npmServerEntry } from '../../test/peers.js';

const everything = npmServerEntry('@modelcontextprotocol/server-everything');
const reportEnv = fileURLToPath(new URL('./fixtures/reportEnvAndExit.mjs', import.meta.url));

/** An HTTP endpoint on 127.0.0.1 that records what it was sent and refuses it with 401. */
async function recordingEndpoint() {
  const seen: { url: string; authorization: string | undefined; tenant: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
      tenant: req.headers['x-tenant'] as string,
    });
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/mcp`, seen, close: () => new Promise((r) => server.close(r)) };
}

describe('test connection through the API', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let endpoint: Awaited<ReturnType<typeof recordingEndpoint>>;
  beforeAll(async () => {
    studio = await startTestStudio({
      env: { EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true', EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'https,http' },
    });
    admin = await registerOwner(studio.app);
    endpoint = await recordingEndpoint();
  });
  afterAll(async () => {
    await endpoint.close();
    await studio.close();
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    studio.app.inject({ method, url, headers: bearer(admin.accessToken), ...(payload ? { payload } : {}) });

  it('tests an unsaved stdio registration of server-everything, found on the inherited PATH', async () => {
    const res = await call('POST', '/api/servers/test', {
      name: 'everything',
      transport: 'stdio',
      command: 'node',
      args: [everything, 'stdio'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ ok: true, serverInfo: { name: 'mcp-servers/everything' } });
    expect(result.counts.tools).toBeGreaterThan(5);
    expect(result.counts.prompts).toBeGreaterThan(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    // Each step with its outcome, and the tools to choose from.
    expect(result.checks.map((c: { check: string; ok: boolean }) => `${c.check}:${c.ok}`)).toEqual(
      ['connect', 'initialize', 'ping', 'tools', 'resources', 'prompts'].map((check) => `${check}:true`),
    );
    expect(result.tools).toHaveLength(result.counts.tools);
    expect(result.tools.map((tool: { name: string }) => tool.name)).toContain('echo');
  });

  it('gives a saved stdio server its secret environment and nothing of the studio’s, and audits the use', async () => {
    const created = await call('POST', '/api/servers', {
      name: 'env reporter',
      transport: 'stdio',
      command: process.execPath,
      args: [reportEnv],
      env: { PLAIN: 'visible' },
      secretEnv: { TOKEN: 'twelve-chars' },
      timeoutMs: 5000,
    });
    const server = created.json();
    const res = await call('POST', `/api/servers/${server.id}/test`);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ ok: false, reason: 'process_exited' });
    expect(result.message).toContain('token length: 12');
    const names = /env names: ([^;]*);/.exec(result.message)?.[1]?.split(',') ?? [];
    expect(names).toContain('PLAIN');
    expect(names.every((name) => ['HOME', 'PATH', 'PLAIN', 'TOKEN'].includes(name))).toBe(true);
    const recorded = (await call('GET', `/api/servers/${server.id}`)).json();
    expect(recorded).toMatchObject({ status: 'warning', lastError: expect.stringMatching(/^process_exited: /) });
    expect(recorded.lastCheckedAt).not.toBeNull();
    const audit = await call('GET', `/api/credentials/${server.secretEnv.TOKEN.credentialId}/audit`);
    expect(audit.json().entries[0]).toMatchObject({ action: 'used', actorType: 'server', actorId: server.id });
  });

  it('sends bearer tokens, API keys in the query and secret headers to an HTTP server', async () => {
    const withBearer = await call('POST', '/api/servers/test', {
      name: 'remote',
      transport: 'streamable-http',
      url: endpoint.url,
      auth: { type: 'bearer', token: 'tok-123' },
      secretHeaders: { 'X-Tenant': 'acme' },
      timeoutMs: 5000,
    });
    expect(withBearer.json()).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(withBearer.body).not.toContain('tok-123');
    expect(endpoint.seen.at(-1)).toMatchObject({ authorization: 'Bearer tok-123', tenant: 'acme' });

    const withKey = await call('POST', '/api/servers/test', {
      name: 'remote',
      transport: 'streamable-http',
      url: endpoint.url,
      auth: { type: 'api_key', in: 'query', name: 'key', value: 'k-456' },
      timeoutMs: 5000,
    });
    expect(withKey.json()).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(endpoint.seen.at(-1)?.url).toContain('key=k-456');
  });
});

describe('test connection under the default URL policy', () => {
  it('refuses a loopback URL before connecting', async () => {
    const studio = await startTestStudio();
    try {
      const admin = await registerOwner(studio.app);
      const res = await studio.app.inject({
        method: 'POST',
        url: '/api/servers/test',
        headers: bearer(admin.accessToken),
        payload: { name: 'local', transport: 'streamable-http', url: 'https://127.0.0.1:9/mcp' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'url_not_allowed', details: { rule: 'private_network' } });
    } finally {
      await studio.close();
    }
  });
});
