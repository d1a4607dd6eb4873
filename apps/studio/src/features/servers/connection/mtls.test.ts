import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, type Pem, type TestAuthority } from '../../../test/certificates.js';
import {
  type ApiMethod,
  callApi,
  fixedLookup,
  registerOwner,
  startTestStudio,
  type TestStudio,
} from '../../../test/harness.js';
import { type GuardedServer, startGuardedServer } from './fixtures/guardedHttpServer.mjs';

// A made-up name: only the studio's own resolver (the harness table) knows it, and the server certificate names it.
const HOST = 'mcp.mtls.test';

describe('mTLS: a client certificate from the vault', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let authority: TestAuthority;
  let client: Pem;
  let stranger: Pem;
  let fixture: GuardedServer;
  let url: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    authority = await createAuthority('Studio Test CA');
    const other = await createAuthority('Some Other CA');
    client = await authority.issueClient('studio-client');
    stranger = await other.issueClient('stranger');
    const serverPem = await authority.issueServer({ dns: [HOST] });
    fixture = await startGuardedServer({ tls: { ...serverPem, ca: authority.cert, requestCert: true } });
    url = `https://${HOST}:${fixture.port}/mcp`;
    studio = await startTestStudio({
      env: { EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true' },
      lookup: fixedLookup({ [HOST]: ['127.0.0.1'] }),
    });
    admin = await registerOwner(studio.app);
  });
  afterAll(async () => {
    // Every body the studio sent back, successes and failures alike, must be free of the private keys.
    for (const body of bodies) {
      for (const pem of [client, stranger]) expect(body).not.toContain(keyBody(pem.key));
    }
    await studio?.close();
    await fixture?.close();
  });

  /** The base64 of a PEM key, which is what a leak would show even if re-wrapped. */
  const keyBody = (pem: string) => pem.split('\n').filter((line) => !line.startsWith('-----'))[1] ?? pem;

  async function call(method: ApiMethod, path: string, payload?: object) {
    const res = await callApi(studio.app, admin.accessToken, method, path, payload);
    bodies.push(res.body);
    return res;
  }

  const registration = (name: string, auth: object) => ({
    name,
    transport: 'streamable-http',
    url,
    auth,
    timeoutMs: 5000,
  });

  it('connects with the right certificate: the test passes and a tool call reaches the server as that client', async () => {
    const auth = { type: 'mtls', certificate: client.cert, privateKey: client.key, ca: authority.cert };
    const created = await call('POST', '/api/servers', registration('mtls right', auth));
    expect(created.statusCode, created.body).toBe(201);
    const server = created.json();
    expect(server.auth).toEqual({
      type: 'mtls',
      certificateCredentialId: expect.any(String),
      privateKeyCredentialId: expect.any(String),
      caCredentialId: expect.any(String),
    });

    const tested = await call('POST', `/api/servers/${server.id}/test`);
    expect(tested.statusCode, tested.body).toBe(200);
    expect(tested.json()).toMatchObject({ ok: true, serverInfo: { name: 'guarded-fixture' } });

    const called = await call('POST', `/api/servers/${server.id}/tools/whoami/call`, { arguments: {} });
    expect(called.statusCode, called.body).toBe(200);
    // The server saw our client certificate, and the Host header kept the name (not the pinned address).
    expect(called.json().content[0].text).toBe(`client: studio-client; host: ${HOST}:${fixture.port}`);
  });

  it('tests an unsaved registration with its certificate used as given', async () => {
    const auth = { type: 'mtls', certificate: client.cert, privateKey: client.key, ca: authority.cert };
    const tested = await call('POST', '/api/servers/test', registration('mtls unsaved', auth));
    expect(tested.statusCode, tested.body).toBe(200);
    expect(tested.json()).toMatchObject({ ok: true, counts: { tools: 1 } });
  });

  it('fails with a certificate from another authority, which the server refuses during the handshake', async () => {
    const before = fixture.requests();
    const auth = { type: 'mtls', certificate: stranger.cert, privateKey: stranger.key, ca: authority.cert };
    const tested = await call('POST', '/api/servers/test', registration('mtls stranger', auth));
    expect(tested.statusCode, tested.body).toBe(200);
    expect(tested.json()).toMatchObject({ ok: false, reason: expect.stringMatching(/^(certificate|tls)$/) });

    const created = await call('POST', '/api/servers', registration('mtls stranger saved', auth));
    const called = await call('POST', `/api/servers/${created.json().id}/tools/whoami/call`, { arguments: {} });
    expect(called.statusCode).toBeGreaterThanOrEqual(500);
    expect(fixture.requests()).toBe(before);
  });

  it('fails without a client certificate: the server’s own certificate is not trusted either', async () => {
    const before = fixture.requests();
    const tested = await call('POST', '/api/servers/test', registration('no mtls', { type: 'none' }));
    expect(tested.json()).toMatchObject({ ok: false, reason: 'certificate' });
    expect(tested.json().message).toContain(`${HOST}:${fixture.port}`);
    expect(fixture.requests()).toBe(before);
  });

  it('fails with the right client certificate when the server’s authority is not given', async () => {
    const auth = { type: 'mtls', certificate: client.cert, privateKey: client.key };
    const tested = await call('POST', '/api/servers/test', registration('mtls without ca', auth));
    expect(tested.json()).toMatchObject({ ok: false, reason: 'certificate' });
  });
});
