import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerOwner, startTestStudio, type TestStudio } from './test/harness.js';
import { createApiToken, injectJsonRpc } from './test/mcpHttp.js';

describe('HTTP platform', () => {
  let studio: TestStudio;
  let dashboardDir: string;
  beforeAll(async () => {
    dashboardDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-dashboard-'));
    fs.mkdirSync(path.join(dashboardDir, 'assets'));
    fs.writeFileSync(
      path.join(dashboardDir, 'index.html'),
      '<!doctype html><title>Studio</title><div id="root"></div>',
    );
    fs.writeFileSync(path.join(dashboardDir, 'assets', 'app.js'), 'console.log("app")');
    studio = await startTestStudio({ dashboardDir, env: { CORS_ORIGINS: 'https://allowed.example.com' } });
  });
  afterAll(() => studio.close());

  it('answers /health and /ready', async () => {
    expect((await studio.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', version: '0.1.0' });
    expect((await studio.app.inject({ url: '/ready' })).json()).toMatchObject({ status: 'ready' });
  });

  it('publishes an OpenAPI document covering every API route, with the UI at /docs', async () => {
    const doc = (await studio.app.inject({ url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const expected = [
      '/api/auth/register',
      '/api/auth/login',
      '/api/auth/refresh',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/accept-invite',
      '/api/org',
      '/api/org/members',
      '/api/org/members/{id}',
      '/api/org/invitations/{id}',
      '/api/tokens',
      '/api/tokens/{id}/revoke',
      '/api/tokens/{id}',
      '/api/credentials',
      '/api/credentials/{id}',
      '/api/credentials/{id}/value',
      '/api/credentials/{id}/share',
      '/api/credentials/{id}/audit',
    ];
    for (const route of expected) expect(Object.keys(doc.paths)).toContain(route);
    expect(doc.paths['/api/credentials'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['name', 'type', 'value']),
    );
    // Public routes say they take no credential; the rest inherit the bearer requirement.
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/api/credentials'].get.security).toBeUndefined();
    expect(doc.security).toEqual([{ bearer: [] }]);
    const ui = await studio.app.inject({ url: '/docs' });
    expect(ui.statusCode).toBeLessThan(400);
  });

  it('sends secure headers and CORS only for configured origins', async () => {
    const res = await studio.app.inject({ url: '/health', headers: { origin: 'https://allowed.example.com' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBe('https://allowed.example.com');
    const other = await studio.app.inject({ url: '/health', headers: { origin: 'https://evil.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the MCP endpoints only the headers a program reading JSON still heeds', async () => {
    for (const url of ['/mcp', '/mcp/v/some-slug', '/api/v1/external-mcp/00000000-0000-0000-0000-000000000000/mcp']) {
      const res = await studio.app.inject({
        method: 'POST',
        url,
        headers: { origin: 'https://allowed.example.com' },
        payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers).not.toHaveProperty('strict-transport-security');
      expect(res.headers).not.toHaveProperty('x-frame-options');
      expect(res.headers['access-control-allow-origin']).toBe('https://allowed.example.com');
    }
  });

  it('answers unknown API routes with the error shape and a request id', async () => {
    const res = await studio.app.inject({ url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'route_not_found', message: 'No route GET /api/does-not-exist' },
      requestId: expect.any(String),
    });
  });

  it('serves the dashboard at / with its assets and falls back to it for client routes', async () => {
    const index = await studio.app.inject({ url: '/' });
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.body).toContain('<div id="root">');
    expect((await studio.app.inject({ url: '/credentials/abc' })).body).toContain('<div id="root">');
    const asset = await studio.app.inject({ url: '/assets/app.js' });
    expect(asset.body).toBe('console.log("app")');
    expect(asset.headers['content-type']).toContain('javascript');
    expect((await studio.app.inject({ url: '/../../etc/passwd' })).body).not.toContain('root:');
  });
});

describe('global rate limit', () => {
  it('answers 429 with the error shape past the per-minute limit, counted per user', async () => {
    const studio = await startTestStudio({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const owner = await registerOwner(studio.app);
      const answers = [];
      for (let i = 0; i < 7; i += 1) {
        answers.push(await studio.app.inject({ url: '/api/auth/me', headers: bearer(owner.accessToken) }));
      }
      expect(answers.slice(0, 5).map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200]);
      // The limit is told only once it is reached.
      expect(answers[0]?.headers).not.toHaveProperty('x-ratelimit-remaining');
      const limited = await studio.app.inject({ url: '/api/auth/me', headers: bearer(owner.accessToken) });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers).toMatchObject({ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0' });
      // Anonymous callers from the same address have their own budget.
      expect((await studio.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await studio.close();
    }
  });

  it('gives the MCP endpoints a budget of their own, GATEWAY_RATE_LIMIT_PER_MINUTE per user', async () => {
    const studio = await startTestStudio({ env: { RATE_LIMIT_PER_MINUTE: '3', GATEWAY_RATE_LIMIT_PER_MINUTE: '6' } });
    try {
      const owner = await registerOwner(studio.app);
      const token = await createApiToken(studio.app, owner.accessToken, ['mcp:*']);
      const list = () => injectJsonRpc(studio.app, token, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
      const listed = [];
      for (let i = 0; i < 6; i += 1) listed.push((await list()).statusCode);
      expect(listed).toEqual([200, 200, 200, 200, 200, 200]);
      const limited = await list();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('6') });
      // The rest of the API still has its own budget, of which creating the token took one request.
      const me = [];
      for (let i = 0; i < 3; i += 1) {
        me.push(await studio.app.inject({ url: '/api/auth/me', headers: bearer(owner.accessToken) }));
      }
      expect(me.map((answer) => answer.statusCode)).toEqual([200, 200, 429]);
      expect(me[2]?.headers['x-ratelimit-limit']).toBe('3');
    } finally {
      await studio.close();
    }
  });
});

describe('client address behind a proxy', () => {
  async function auditedIpWith(env: Record<string, string>): Promise<string> {
    const studio = await startTestStudio({ env });
    try {
      const owner = await registerOwner(studio.app);
      const headers = { ...bearer(owner.accessToken), 'x-forwarded-for': '203.0.113.9' };
      const created = await studio.app.inject({
        method: 'POST',
        url: '/api/credentials',
        headers,
        payload: { name: 'k', type: 'api_key', value: 'v' },
      });
      const audit = await studio.app.inject({ url: `/api/credentials/${created.json().id}/audit`, headers });
      return audit.json().entries[0].ip;
    } finally {
      await studio.close();
    }
  }

  it('believes X-Forwarded-For only when TRUST_PROXY says so', async () => {
    expect(await auditedIpWith({})).toBe('127.0.0.1');
    expect(await auditedIpWith({ TRUST_PROXY: '127.0.0.1' })).toBe('203.0.113.9');
    expect(await auditedIpWith({ TRUST_PROXY: '1' })).toBe('203.0.113.9');
  });
});
