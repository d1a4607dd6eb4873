import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerOwner, startTestStudio, type TestStudio } from '../../test/harness.js';
import { startEverythingHttp } from '../../test/peers.js';
import { type GuardedServer, startGuardedServer } from './connection/fixtures/guardedHttpServer.mjs';
import type { Lookup } from './urlPolicy.js';

/** A resolver whose answers the test changes, as a DNS rebinding attacker would. */
function mutableLookup(table: Record<string, string[]>): Lookup {
  return async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

let fixture: GuardedServer;
let everything: Awaited<ReturnType<typeof startEverythingHttp>>;
let everythingPort: number;
beforeAll(async () => {
  fixture = await startGuardedServer();
  everything = await startEverythingHttp();
  everythingPort = everything.port;
});
afterAll(async () => {
  await fixture?.close();
  await everything?.stop();
});

async function studioWith(env: Record<string, string>, table: Record<string, string[]>) {
  const studio = await startTestStudio({ env, lookup: mutableLookup(table) });
  const admin = await registerOwner(studio.app);
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    studio.app.inject({ method, url, headers: bearer(admin.accessToken), ...(payload ? { payload } : {}) });
  return { studio, admin, call };
}

describe('connections go to the addresses the URL policy approved', () => {
  let studio: TestStudio;
  let call: Awaited<ReturnType<typeof studioWith>>['call'];
  const table: Record<string, string[]> = { 'mcp.pinned.test': ['127.0.0.1'] };
  beforeAll(async () => {
    const env = { EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true', EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'http,https' };
    ({ studio, call } = await studioWith(env, table));
  });
  afterAll(() => studio?.close());

  it('reaches a name only the studio’s resolver knows, with the name kept in the Host header', async () => {
    const url = `http://mcp.pinned.test:${fixture.port}/mcp`;
    const tested = await call('POST', '/api/servers/test', { name: 'pinned', transport: 'streamable-http', url });
    expect(tested.json()).toMatchObject({ ok: true, serverInfo: { name: 'guarded-fixture' } });

    const created = await call('POST', '/api/servers', { name: 'pinned', transport: 'streamable-http', url });
    expect(created.statusCode, created.body).toBe(201);
    const res = await call('POST', `/api/servers/${created.json().id}/tools/whoami/call`, { arguments: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().content[0].text).toBe(`client: none; host: mcp.pinned.test:${fixture.port}`);
  });

  it('pins the SSE transport too, for its event stream and its posts', async () => {
    const url = `http://mcp.pinned.test:${everythingPort}/sse`;
    const created = await call('POST', '/api/servers', { name: 'pinned sse', transport: 'sse', url });
    expect(created.statusCode, created.body).toBe(201);
    const res = await call('POST', `/api/servers/${created.json().id}/tools/echo/call`, {
      arguments: { message: 'over sse' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().content[0]).toEqual({ type: 'text', text: 'Echo: over sse' });
  });
});

describe('the default policy refuses a name that resolves to loopback', () => {
  let studio: TestStudio;
  let call: Awaited<ReturnType<typeof studioWith>>['call'];
  // A public address at first; never connected to, because the name is checked again before every connect.
  const table: Record<string, string[]> = {
    'loopback.pinned.test': ['127.0.0.1'],
    'rebinding.pinned.test': ['93.184.215.14'],
  };
  beforeAll(async () => {
    ({ studio, call } = await studioWith({ EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'http,https' }, table));
  });
  afterAll(() => studio?.close());

  it('at save, naming the rule and the address', async () => {
    const url = `http://loopback.pinned.test:${fixture.port}/mcp`;
    const res = await call('POST', '/api/servers', { name: 'loopback', transport: 'streamable-http', url });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'url_not_allowed', details: { rule: 'private_network' } });
    expect(res.json().error.message).toContain('127.0.0.1');
    const tested = await call('POST', '/api/servers/test', { name: 'loopback', transport: 'streamable-http', url });
    expect(tested.statusCode).toBe(400);
  });

  it('at connect, when the name has moved to loopback since it was saved', async () => {
    const before = fixture.requests();
    const url = `http://rebinding.pinned.test:${fixture.port}/mcp`;
    const created = await call('POST', '/api/servers', { name: 'rebinding', transport: 'streamable-http', url });
    expect(created.statusCode, created.body).toBe(201);
    table['rebinding.pinned.test'] = ['127.0.0.1'];

    const id = created.json().id;
    for (const res of [
      await call('POST', `/api/servers/${id}/test`),
      await call('POST', `/api/servers/${id}/tools/whoami/call`, { arguments: {} }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'url_not_allowed', details: { rule: 'private_network' } });
    }
    expect(fixture.requests()).toBe(before);
  });
});
