// Manifests of local servers: validated, shown before enabling, and enforced (roots, network settings, limits).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerOwner, startTestStudio, type TestStudio } from '../../test/harness.js';
import { npmServerEntry } from '../../test/peers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const reportEnv = path.join(here, 'fixtures/reportEnvAndExit.mjs');
const greedy = path.join(here, 'connection/fixtures/greedyServer.mjs');
const filesystem = npmServerEntry('@modelcontextprotocol/server-filesystem');
const node = process.execPath;

const manifest = (extra: object = {}) => ({ name: 'fixture', version: '1.0.0', ...extra });

let studio: TestStudio;
let admin: SessionTokens;
let workDir: string;

beforeAll(async () => {
  workDir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mcp-manifest-')));
  studio = await startTestStudio();
  admin = await registerOwner(studio.app);
});
afterAll(async () => {
  await studio?.close();
  rmSync(workDir, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  studio.app.inject({ method, url, headers: bearer(admin.accessToken), ...(payload ? { payload } : {}) });

const stdioServer = (name: string, extra: object) => ({ name, transport: 'stdio', command: node, ...extra });

describe('manifest validation', () => {
  it.each([
    ['a relative path', { readablePaths: ['data/files'] }, 'manifest.readablePaths.0', 'absolute'],
    ['a ".." segment', { writablePaths: ['/srv/data/../etc'] }, 'manifest.writablePaths.0', '..'],
    ['hosts without network_access', { allowedHosts: ['api.example.com'] }, 'manifest.allowedHosts', 'network_access'],
    ['ports without network_access', { allowedPorts: [443] }, 'manifest.allowedPorts', 'network_access'],
    ['a fractional memory limit', { maxMemoryMb: 1.5 }, 'manifest.maxMemoryMb', ''],
    ['a zero CPU limit', { maxCpuSeconds: 0 }, 'manifest.maxCpuSeconds', ''],
  ])('refuses %s with 400', async (_label, extra, field, words) => {
    const res = await call('POST', '/api/servers', stdioServer('invalid', { manifest: manifest(extra) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(field);
    expect(res.json().error.message).toContain(words);
  });

  it('accepts hosts and ports with network_access, and refuses a manifest on an HTTP server', async () => {
    const networked = manifest({
      permissions: ['network_access'],
      allowedHosts: ['api.example.com'],
      allowedPorts: [443],
    });
    const ok = await call('POST', '/api/servers', stdioServer('networked', { manifest: networked }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().manifest).toMatchObject(networked);
    const http = await call('POST', '/api/servers', {
      name: 'http with manifest',
      transport: 'streamable-http',
      url: 'https://mcp.example.com/mcp',
      manifest: manifest(),
    });
    expect(http.statusCode).toBe(400);
    expect(http.json().error.message).toContain('manifest');
  });
});

describe('permissions are approved before a server runs', () => {
  it('starts a server with a manifest disabled, unless enabled is given', async () => {
    const waiting = await call('POST', '/api/servers', stdioServer('waits', { args: [greedy], manifest: manifest() }));
    expect(waiting.json()).toMatchObject({ enabled: false, manifest: { permissions: [] } });
    const call409 = await call('POST', `/api/servers/${waiting.json().id}/tools/echo/call`, { arguments: {} });
    expect(call409.statusCode).toBe(409);
    expect(call409.json().error.code).toBe('server_disabled');

    const approved = await call('POST', '/api/servers', {
      ...stdioServer('approved', { args: [greedy], manifest: manifest() }),
      enabled: true,
    });
    expect(approved.json().enabled).toBe(true);
    const plain = await call('POST', '/api/servers', stdioServer('no manifest', { args: [greedy] }));
    expect(plain.json().enabled).toBe(true);
  });

  it('disables a server whose manifest changes, unless the same change enables it', async () => {
    const created = await call('POST', '/api/servers', {
      ...stdioServer('changing', { args: [greedy], manifest: manifest() }),
      enabled: true,
    });
    const id = created.json().id;
    const same = await call('PATCH', `/api/servers/${id}`, { manifest: manifest(), description: 'renamed' });
    expect(same.json().enabled).toBe(true);
    const widened = await call('PATCH', `/api/servers/${id}`, {
      manifest: manifest({ permissions: ['network_access'] }),
    });
    expect(widened.json()).toMatchObject({ enabled: false, manifest: { permissions: ['network_access'] } });
    const approved = await call('PATCH', `/api/servers/${id}`, {
      manifest: manifest({ permissions: ['network_access', 'tool_execute'] }),
      enabled: true,
    });
    expect(approved.json().enabled).toBe(true);
  });
});

describe('roots: the directories a manifest grants', () => {
  it('confines server-filesystem to the manifest’s directories instead of those on its command line', async () => {
    const dirA = path.join(workDir, 'from-args');
    const dirB = path.join(workDir, 'from-manifest');
    mkdirSync(dirA);
    mkdirSync(dirB);
    writeFileSync(path.join(dirA, 'secret.txt'), 'outside the manifest');
    writeFileSync(path.join(dirB, 'notes.txt'), 'inside the manifest');
    const created = await call('POST', '/api/servers', {
      ...stdioServer('filesystem', { args: [filesystem, dirA], manifest: manifest({ readablePaths: [dirB] }) }),
      enabled: true,
      timeoutMs: 20_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    const tool = (name: string, args: object) =>
      call('POST', `/api/servers/${created.json().id}/tools/${name}/call`, { arguments: args });

    // The server asks for the roots once initialized, so the first calls may still see its command line.
    await expect
      .poll(async () => (await tool('list_allowed_directories', {})).json().content[0].text, { timeout: 15_000 })
      .toContain(dirB);
    const allowed = (await tool('list_allowed_directories', {})).json().content[0].text;
    expect(allowed).not.toContain(dirA);

    const inside = (await tool('read_text_file', { path: path.join(dirB, 'notes.txt') })).json();
    expect(inside.content[0].text).toBe('inside the manifest');
    const outside = (await tool('read_text_file', { path: path.join(dirA, 'secret.txt') })).json();
    expect(outside.isError).toBe(true);
    expect(outside.content[0].text).toMatch(/access denied/i);
  });
});

describe('the network environment', () => {
  const env = {
    HTTP_PROXY: 'http://proxy.internal:3128',
    https_proxy: 'http://proxy.internal:3128',
    ALL_PROXY: 'socks5://proxy.internal:1080',
    NO_PROXY: 'localhost',
    npm_config_https_proxy: 'http://proxy.internal:3128',
    NODE_EXTRA_CA_CERTS: '/etc/ssl/internal.pem',
    KEEP_ME: 'yes',
  };
  const namesSeen = async (permissions: string[]) => {
    const res = await call('POST', '/api/servers/test', {
      ...stdioServer('env report', { args: [reportEnv], env, manifest: manifest({ permissions }) }),
      timeoutMs: 10_000,
    });
    const message: string = res.json().message;
    const names = /env names: ([^;]*);/.exec(message)?.[1];
    if (names === undefined) throw new Error(`no env report in ${res.body}`);
    return names.split(',');
  };

  it('withholds proxy, resolver and CA settings from a server without network_access', async () => {
    const names = await namesSeen(['file_system_read']);
    expect(names).toContain('KEEP_ME');
    for (const name of Object.keys(env).filter((n) => n !== 'KEEP_ME')) expect(names).not.toContain(name);
  });

  it('passes them on to a server with network_access', async () => {
    const names = await namesSeen(['network_access']);
    expect(names).toEqual(expect.arrayContaining(Object.keys(env)));
  });
});

describe('limits from the manifest', () => {
  it('stops a server past its memory limit, with the reason in the error and the logs', async () => {
    const created = await call('POST', '/api/servers', {
      ...stdioServer('greedy', { args: [greedy], manifest: manifest({ maxMemoryMb: 160 }) }),
      enabled: true,
      timeoutMs: 30_000,
    });
    const id = created.json().id;
    const fine = await call('POST', `/api/servers/${id}/tools/echo/call`, { arguments: { text: 'hi' } });
    expect(fine.json().content[0].text).toBe('Echo: hi');

    const res = await call('POST', `/api/servers/${id}/tools/allocate/call`, { arguments: {} });
    expect(res.statusCode).toBe(502);
    expect(res.json().error).toMatchObject({ code: 'connection_lost' });
    expect(res.json().error.message).toContain('ran out of memory under its limit of 160 MB');
    const logs = await call('GET', `/api/servers/${id}/logs`);
    expect(logs.json().stderr).toContain('[mcp-studio] The process was stopped: it ran out of memory');
  });
});
