import type { IncomingMessage } from 'node:http';
import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiMethod, callApi, registerOwner, startTestStudio, type TestStudio } from '../../../test/harness.js';
import { type GuardedServer, startGuardedServer } from './fixtures/guardedHttpServer.mjs';

// Secrets long enough to be recognised anywhere they might leak.
const SECRETS = {
  headerKey: 'hdr-key-6c1e0f9a3b7d4e21',
  queryKey: 'qry-key-0d9b2f7e4a1c8e55',
  password: 'basic-pw-3f8a1c6e9b2d7a40',
  token: 'bearer-tok-9e4b7a2c1f6d3e88',
};
const WRONG = 'wrong-secret-5a7c9e1b3d2f4a66';

interface Case {
  name: string;
  authorize: (req: IncomingMessage) => boolean;
  auth: (secret: string) => object;
  secret: string;
}

const basicOf = (req: IncomingMessage) => {
  const [scheme, value = ''] = (req.headers.authorization ?? '').split(' ');
  return scheme === 'Basic' ? Buffer.from(value, 'base64').toString('utf8') : '';
};

const CASES: Case[] = [
  {
    name: 'api_key in a header',
    authorize: (req) => req.headers['x-api-key'] === SECRETS.headerKey,
    auth: (value) => ({ type: 'api_key', in: 'header', name: 'X-Api-Key', value }),
    secret: SECRETS.headerKey,
  },
  {
    name: 'api_key in a query parameter',
    authorize: (req) => new URL(req.url ?? '/', 'http://fixture').searchParams.get('api_key') === SECRETS.queryKey,
    auth: (value) => ({ type: 'api_key', in: 'query', name: 'api_key', value }),
    secret: SECRETS.queryKey,
  },
  {
    name: 'basic',
    authorize: (req) => basicOf(req) === `alice:${SECRETS.password}`,
    auth: (password) => ({ type: 'basic', username: 'alice', password }),
    secret: SECRETS.password,
  },
  {
    name: 'bearer',
    authorize: (req) => req.headers.authorization === `Bearer ${SECRETS.token}`,
    auth: (token) => ({ type: 'bearer', token }),
    secret: SECRETS.token,
  },
];

describe('authentication types end to end against servers that check them', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  const fixtures = new Map<string, GuardedServer>();
  const bodies: string[] = [];

  beforeAll(async () => {
    for (const c of CASES) fixtures.set(c.name, await startGuardedServer({ authorize: c.authorize }));
    studio = await startTestStudio({
      env: { EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'http,https', EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    admin = await registerOwner(studio.app);
  });
  afterAll(async () => {
    await studio?.close();
    await Promise.all([...fixtures.values()].map((fixture) => fixture.close()));
  });

  async function call(method: ApiMethod, path: string, payload?: object) {
    const res = await callApi(studio.app, admin.accessToken, method, path, payload);
    bodies.push(res.body);
    return res;
  }

  const registration = (c: Case, name: string, secret: string) => ({
    name,
    transport: 'streamable-http',
    url: `http://127.0.0.1:${fixtures.get(c.name)?.port}/mcp`,
    auth: c.auth(secret),
    timeoutMs: 5000,
  });

  it.each(CASES)('$name: the right secret connects and calls a tool', async (c) => {
    const tested = await call('POST', '/api/servers/test', registration(c, `${c.name} unsaved`, c.secret));
    expect(tested.json()).toMatchObject({ ok: true, serverInfo: { name: 'guarded-fixture' } });

    const created = await call('POST', '/api/servers', registration(c, `${c.name} right`, c.secret));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await call('POST', `/api/servers/${id}/test`)).json()).toMatchObject({ ok: true });
    const called = await call('POST', `/api/servers/${id}/tools/whoami/call`, { arguments: {} });
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json().content[0].text).toMatch(/^client: none; host: 127\.0\.0\.1:\d+$/);
  });

  it.each(CASES)('$name: a wrong secret is reported as unauthorized', async (c) => {
    const tested = await call('POST', '/api/servers/test', registration(c, `${c.name} unsaved wrong`, WRONG));
    expect(tested.json()).toMatchObject({ ok: false, reason: 'unauthorized' });

    const created = await call('POST', '/api/servers', registration(c, `${c.name} wrong`, WRONG));
    const id = created.json().id;
    const savedTest = await call('POST', `/api/servers/${id}/test`);
    expect(savedTest.json()).toMatchObject({ ok: false, reason: 'unauthorized' });
    const server = (await call('GET', `/api/servers/${id}`)).json();
    expect(server.lastError).toMatch(/^unauthorized: /);
    const called = await call('POST', `/api/servers/${id}/tools/whoami/call`, { arguments: {} });
    expect(called.statusCode).toBeGreaterThanOrEqual(400);
    expect(called.json().error.message).toMatch(/401/);
  });

  it('never shows a secret in a response or the log', () => {
    expect(bodies.length).toBeGreaterThan(CASES.length * 8);
    const seen = [...bodies, studio.logs()].join('\n');
    for (const secret of [...Object.values(SECRETS), WRONG]) {
      expect(seen).not.toContain(secret);
      expect(seen).not.toContain(Buffer.from(`alice:${secret}`).toString('base64'));
    }
  });
});
