// Connection tests against real MCP servers from npm and small fixtures, all on 127.0.0.1 or stdio.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS_PASSED, isAlive } from '../../../test/fixtureServers.js';
import { npmServerEntry } from '../../../test/peers.js';
import { pickBaseEnv, StderrRing } from './stdioProcess.js';
import { type TestResult, testConnection } from './testConnection.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const everythingBin = npmServerEntry('@modelcontextprotocol/server-everything');
const filesystemBin = npmServerEntry('@modelcontextprotocol/server-filesystem');
const baseEnv = pickBaseEnv(process.env);
const node = process.execPath;
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const TIMEOUT = 20_000;

const children: ChildProcess[] = [];
const servers: (http.Server | https.Server)[] = [];
let workDir: string;
let everythingPort: number;
let modernPort: number;

/** Starts a fixture that prints {"port":N} once it listens on 127.0.0.1. */
async function startFixture(file: string, args: string[] = []): Promise<number> {
  const child = spawn(node, [path.join(fixtures, file), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
    child.stdout?.once('data', (line: Buffer) => resolve((JSON.parse(line.toString()) as { port: number }).port));
  });
}

async function listen(server: http.Server | https.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const answering = (status: number, type: string, body: string) =>
  http.createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': type }).end(body);
  });

/** The checks as `[check, ok, message?]`, with every latency checked to be a whole number of milliseconds. */
function stepsOf(result: TestResult) {
  for (const check of result.checks) expect(Number.isInteger(check.latencyMs) && check.latencyMs! >= 0).toBe(true);
  return result.checks.map(({ check, ok, message }) => (message === undefined ? [check, ok] : [check, ok, message]));
}

function expectOk(result: TestResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result;
}

let ports: { unauthorized: number; forbidden: number; html: number; closed: number; selfSigned?: number };

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'mcp-connection-'));
  everythingPort = await startFixture('everythingHttp.mjs');
  modernPort = await startFixture('modernServer.mjs', ['http']);
  const closedServer = http.createServer();
  const closed = await listen(closedServer);
  await new Promise((resolve) => closedServer.close(resolve));
  ports = {
    unauthorized: await listen(answering(401, 'application/json', '{"error":"invalid_token"}')),
    forbidden: await listen(answering(403, 'text/plain', 'Forbidden')),
    html: await listen(answering(200, 'text/html', '<!doctype html><title>Welcome</title>')),
    closed,
  };
  if (hasOpenssl) {
    const [key, cert] = [path.join(workDir, 'key.pem'), path.join(workDir, 'cert.pem')];
    const subject = ['-subj', '/CN=localhost', '-days', '1', '-nodes', '-keyout', key, '-out', cert];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', ...subject], { stdio: 'ignore' });
    const tlsServer = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) =>
      res.end(),
    );
    ports.selfSigned = await listen(tlsServer);
  }
});

afterAll(async () => {
  for (const server of servers) server.closeAllConnections?.();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null) return undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }),
  );
  rmSync(workDir, { recursive: true, force: true });
});

describe('testConnection against real servers', () => {
  it('connects to server-everything over stdio and counts what it offers', async () => {
    const result = expectOk(
      await testConnection(
        { transport: 'stdio', command: node, args: [everythingBin, 'stdio'] },
        { timeoutMs: TIMEOUT, baseEnv },
      ),
    );
    expect(result.serverInfo.name).toBe('mcp-servers/everything');
    expect(result.protocolVersion).toBe('2025-11-25');
    expect(result.counts.tools).toBeGreaterThan(0);
    expect(result.counts.resources).toBeGreaterThan(0);
    expect(result.counts.prompts).toBeGreaterThan(0);
    expect(result.capabilities.tools).toBeDefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(stepsOf(result)).toEqual(ALL_CHECKS_PASSED);
    expect(result.tools).toHaveLength(result.counts.tools);
    expect(result.tools).toContainEqual({
      name: 'echo',
      title: expect.any(String),
      description: expect.stringContaining('Echo'),
    });
  });

  it.each([
    ['streamable-http', '/mcp'],
    ['sse', '/sse'],
  ] as const)('connects to server-everything over %s on 127.0.0.1', async (transport, route) => {
    const url = `http://127.0.0.1:${everythingPort}${route}`;
    const result = expectOk(await testConnection({ transport, url }, { timeoutMs: TIMEOUT }));
    expect(result.serverInfo.name).toBe('mcp-servers/everything');
    expect(result.protocolVersion).toBe('2025-11-25');
    expect(result.counts.tools).toBeGreaterThan(0);
  });

  it('connects to server-filesystem, which offers tools but no resources or prompts', async () => {
    const target = { transport: 'stdio' as const, command: node, args: [filesystemBin, workDir] };
    const result = expectOk(await testConnection(target, { timeoutMs: TIMEOUT, baseEnv }));
    expect(result.serverInfo.name).toBe('secure-filesystem-server');
    expect(result.counts).toEqual({ tools: expect.any(Number), resources: 0, prompts: 0 });
    expect(result.counts.tools).toBeGreaterThan(0);
    expect(stepsOf(result)).toEqual([
      ...ALL_CHECKS_PASSED.slice(0, 4),
      ['resources', true, 'not offered'],
      ['prompts', true, 'not offered'],
    ]);
  });

  it('negotiates 2026-07-28 with a modern server over stdio and walks paginated lists', async () => {
    const target = { transport: 'stdio' as const, command: node, args: [path.join(fixtures, 'modernServer.mjs')] };
    const result = expectOk(await testConnection(target, { timeoutMs: TIMEOUT, baseEnv }));
    expect(result.protocolVersion).toBe('2026-07-28');
    expect(result.serverInfo).toEqual({ name: 'modern-fixture', version: '1.2.3' });
    expect(result.counts).toEqual({ tools: 3, resources: 0, prompts: 1 });
    expect(result.tools).toEqual(['alpha', 'beta', 'gamma'].map((name) => ({ name, description: `The ${name} tool` })));
    expect(stepsOf(result)[4]).toEqual(['resources', true, 'not offered']);
  });

  it('falls back to the 2025 handshake with a stdio server that exits on the 2026 probe', async () => {
    const target = { transport: 'stdio' as const, command: node, args: [path.join(fixtures, 'strictLegacy.mjs')] };
    const result = expectOk(await testConnection(target, { timeoutMs: TIMEOUT, baseEnv }));
    expect(result.protocolVersion).toBe('2025-11-25');
    expect(result.serverInfo).toEqual({ name: 'strict-legacy', version: '0.1.0' });
    expect(result.counts).toEqual({ tools: 0, resources: 0, prompts: 0 });
    expect(result.tools).toEqual([]);
    expect(stepsOf(result).slice(3)).toEqual([
      ['tools', true, 'not offered'],
      ['resources', true, 'not offered'],
      ['prompts', true, 'not offered'],
    ]);
  });

  it('negotiates 2026-07-28 with a modern server over Streamable HTTP', async () => {
    const target = { transport: 'streamable-http', url: `http://127.0.0.1:${modernPort}/mcp` } as const;
    const result = expectOk(await testConnection(target, { timeoutMs: TIMEOUT }));
    expect(result.protocolVersion).toBe('2026-07-28');
    expect(result.counts.tools).toBe(3);
  });
});

describe('testConnection failures', () => {
  it('reports a command that does not exist as process_exited', async () => {
    const target = { transport: 'stdio' as const, command: 'mcp-no-such-command-xyz' };
    const result = await testConnection(target, { timeoutMs: TIMEOUT, baseEnv });
    expect(result).toMatchObject({ ok: false, reason: 'process_exited' });
    expect(!result.ok && result.message).toContain('mcp-no-such-command-xyz');
    expect(stepsOf(result)).toEqual([['connect', false, !result.ok && result.message]]);
  });

  it('reports a crash with its exit code and stderr, without env values or the studio environment', async () => {
    const env = { FIXTURE_SECRET: 'hunter2-very-secret' };
    const target = {
      transport: 'stdio' as const,
      command: node,
      args: [path.join(fixtures, 'exitWithStderr.mjs')],
      env,
    };
    const result = await testConnection(target, { timeoutMs: TIMEOUT, baseEnv });
    if (result.ok) throw new Error('expected a failure');
    expect(result.reason).toBe('process_exited');
    expect(result.message).toContain('exited with code 3');
    expect(result.message).toContain('fatal: cannot open database with password [redacted]');
    expect(result.message).not.toContain('hunter2');
    expect(result.message).toContain(`env keys: ${['FIXTURE_SECRET', ...Object.keys(baseEnv)].sort().join(',')}\n`);
    // The process started, then died during the handshake.
    expect(stepsOf(result)).toEqual([
      ['connect', true],
      ['initialize', false, result.message],
    ]);
  });

  it('times out on a server that never answers and kills its whole process group', async () => {
    const pidFile = path.join(workDir, 'silent-pids.json');
    const target = { transport: 'stdio' as const, command: node, args: [path.join(fixtures, 'silent.mjs'), pidFile] };
    const result = await testConnection(target, { timeoutMs: 1500, baseEnv });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(stepsOf(result)).toEqual([
      ['connect', true],
      ['initialize', false, 'No answer within 1500 ms while initializing.'],
    ]);
    const { pid, grandchildPid } = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; grandchildPid: number };
    expect(isAlive(pid)).toBe(false);
    await expect.poll(() => isAlive(grandchildPid), { timeout: 2000 }).toBe(false);
  });

  it('reports a port with nothing listening as refused', async () => {
    const result = await testConnection(
      { transport: 'streamable-http', url: `http://127.0.0.1:${ports.closed}/mcp` },
      { timeoutMs: TIMEOUT },
    );
    expect(result).toMatchObject({ ok: false, reason: 'refused' });
    expect(stepsOf(result)).toEqual([['connect', false, !result.ok && result.message]]);
  });

  it.each(['streamable-http', 'sse'] as const)('reports 401, 403 and an HTML page over %s', async (transport) => {
    const headers = { Authorization: 'Bearer sk-live-0123456789abcdef' };
    const at = (port: number) => ({ transport, url: `http://127.0.0.1:${port}/mcp`, headers });
    const unauthorized = await testConnection(at(ports.unauthorized), { timeoutMs: TIMEOUT });
    expect(unauthorized).toMatchObject({ ok: false, reason: 'unauthorized' });
    // The endpoint answered (connect), then refused the handshake.
    expect(stepsOf(unauthorized).map(([check, ok]) => [check, ok])).toEqual([
      ['connect', true],
      ['initialize', false],
    ]);
    expect(JSON.stringify(unauthorized)).not.toContain('0123456789abcdef');
    expect(await testConnection(at(ports.forbidden), { timeoutMs: TIMEOUT })).toMatchObject({ reason: 'forbidden' });
    expect(await testConnection(at(ports.html), { timeoutMs: TIMEOUT })).toMatchObject({ reason: 'protocol' });
  });

  it('reports a host name that does not resolve as dns', async () => {
    const result = await testConnection(
      { transport: 'streamable-http', url: 'http://no-such-host.invalid/mcp' },
      { timeoutMs: TIMEOUT },
    );
    expect(result).toMatchObject({ ok: false, reason: 'dns' });
    expect(stepsOf(result).map(([check, ok]) => [check, ok])).toEqual([['connect', false]]);
  });

  it('reports https spoken to a plain HTTP port as tls', async () => {
    const result = await testConnection(
      { transport: 'streamable-http', url: `https://127.0.0.1:${ports.html}/mcp` },
      { timeoutMs: TIMEOUT },
    );
    expect(result).toMatchObject({ ok: false, reason: 'tls' });
  });

  it.skipIf(!hasOpenssl)('reports a self-signed certificate as certificate (needs openssl)', async () => {
    const result = await testConnection(
      { transport: 'sse', url: `https://127.0.0.1:${ports.selfSigned}/sse` },
      { timeoutMs: TIMEOUT },
    );
    expect(result).toMatchObject({ ok: false, reason: 'certificate' });
  });
});

describe('StderrRing', () => {
  it('keeps only the last bytes a process wrote', () => {
    const ring = new StderrRing(16);
    ring.append(Buffer.from('first line\nsecond line\n'));
    ring.append(Buffer.from('third\n'));
    expect(ring.text()).toBe('second line\nthird\n'.slice(-16));
    expect(ring.lastLines(1)).toEqual(['third']);
  });
});
