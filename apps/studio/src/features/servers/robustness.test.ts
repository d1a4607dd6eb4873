// Servers that hang or crash, seen through the studio's HTTP API: what callers get, and that no process is left.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURES, type FixtureStudio, isAlive, startFixtureStudio, textOf } from '../../test/fixtureServers.js';

let fx: FixtureStudio;
const silentPidFiles: string[] = [];

beforeAll(async () => {
  fx = await startFixtureStudio();
});
afterAll(() => fx.close());

describe('servers that hang', () => {
  it('reports a server that never answers initialize as a timeout, in Test connection and in calls', async () => {
    const pidFile = path.join(fx.workDir, 'silent-pids.json');
    silentPidFiles.push(pidFile);
    const id = await fx.register(FIXTURES.silent, [pidFile], { timeoutMs: 1000 });
    const tested = await fx.api('POST', `/api/servers/${id}/test`);
    expect(tested.statusCode, tested.body).toBe(200);
    expect(tested.json()).toMatchObject({
      ok: false,
      reason: 'timeout',
      checks: [
        { check: 'connect', ok: true },
        { check: 'initialize', ok: false, message: expect.stringContaining('No answer within 1000 ms') },
      ],
    });
    const called = await fx.callTool(id, 'echo', { text: 'anyone there?' });
    expect(called.statusCode, called.body).toBe(504);
    expect(called.json().error.code).toBe('timeout');
  });

  it('fails a call to a tool that hangs with 504, and serves the next calls', async () => {
    const id = await fx.register(FIXTURES.supervised, [], { timeoutMs: 1000 });
    expect(textOf(await fx.callTool(id, 'echo', { text: 'before' }))).toBe('Echo: before');
    const hung = await fx.callTool(id, 'sleep', { ms: 60_000 });
    expect(hung.statusCode, hung.body).toBe(504);
    expect(hung.json().error.code).toBe('timeout');
    expect(textOf(await fx.callTool(id, 'echo', { text: 'after' }))).toBe('Echo: after');
  });

  it('refuses calls beyond the wait queue with 503 server_busy and Retry-After, and runs the queued ones', async () => {
    const id = await fx.register(FIXTURES.misbehaving, ['none'], { maxConcurrency: 1 });
    const gate = path.join(fx.workDir, 'gate');
    mkdirSync(gate);
    const held = fx.callTool(id, 'gate', { dir: gate });
    await expect.poll(() => existsSync(path.join(gate, 'started')), { timeout: 10_000 }).toBe(true);
    // One call runs (the gate) and the queue holds 64: of 70 more, at least 6 are refused at once.
    const settled: number[] = [];
    const calls = Array.from({ length: 70 }, (_, i) =>
      fx.callTool(id, 'echo', { text: `queued ${i}` }).then((res) => {
        settled.push(res.statusCode);
        return res;
      }),
    );
    await expect.poll(() => settled.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    expect(settled.every((status) => status === 503)).toBe(true);
    writeFileSync(path.join(gate, 'open'), '');
    expect(textOf(await held)).toBe('opened');
    const answers = await Promise.all(calls);
    const busy = answers.filter((res) => res.statusCode === 503);
    expect(busy.length).toBeGreaterThanOrEqual(6);
    for (const res of busy) {
      expect(res.json().error.code).toBe('server_busy');
      expect(res.headers['retry-after']).toBe('1');
    }
    const served = answers.filter((res) => res.statusCode === 200);
    expect(served.length + busy.length).toBe(70);
    expect(served.length).toBeGreaterThanOrEqual(60);
    for (const res of served) expect(textOf(res)).toMatch(/^Echo: queued \d+$/);
  });
});

describe('servers that crash', () => {
  it('fails the call in flight with 502 connection_lost when the process dies, and restarts it for the next', async () => {
    const id = await fx.register(FIXTURES.supervised, [], { env: { FIXTURE_CRASH_AFTER: '2' } });
    expect(textOf(await fx.callTool(id, 'echo', { text: 'one' }))).toBe('Echo: one');
    expect(textOf(await fx.callTool(id, 'echo', { text: 'two' }))).toBe('Echo: two');
    const crashed = await fx.callTool(id, 'echo', { text: 'three' });
    expect(crashed.statusCode, crashed.body).toBe(502);
    expect(crashed.json().error).toMatchObject({
      code: 'connection_lost',
      message: expect.stringContaining('exited (code 1)'),
    });
    expect(textOf(await fx.callTool(id, 'echo', { text: 'four' }))).toBe('Echo: four');
    const logs = (await fx.api('GET', `/api/servers/${id}/logs`)).json();
    expect(logs.stderr).toContain('crashing on call 3');
  });

  it('marks a server that exits at every start down, answers 503 server_down, and restart brings it back', async () => {
    const refuse = path.join(fx.workDir, 'refuse-to-start');
    writeFileSync(refuse, '');
    const id = await fx.register(FIXTURES.misbehaving, ['none'], { env: { FIXTURE_REFUSE_FILE: refuse } });
    const statuses: number[] = [];
    const first = await fx.callTool(id, 'echo', { text: 'first' });
    let last = first;
    statuses.push(last.statusCode);
    // Each call waits for the next restart; the crash loop (5 exits within a minute) ends them.
    for (let i = 0; i < 10 && last.statusCode !== 503; i++) {
      last = await fx.callTool(id, 'echo', { text: `attempt ${i}` });
      statuses.push(last.statusCode);
    }
    expect(last.statusCode, last.body).toBe(503);
    expect(last.json().error.code).toBe('server_down');
    expect(statuses.slice(0, -1).every((status) => status === 502)).toBe(true);
    expect(first.json().error).toMatchObject({
      code: 'connection_lost',
      message: expect.stringContaining('the server process exited (code 4) while connecting'),
    });
    expect((await fx.callTool(id, 'echo', { text: 'still down' })).statusCode).toBe(503);
    // The registration shows the supervisor's verdict at once, with its reason.
    await vi.waitFor(async () => {
      const server = (await fx.api('GET', `/api/servers/${id}`)).json();
      expect(server).toMatchObject({ status: 'down', lastError: expect.stringContaining('server_down') });
    });
    const logs = (await fx.api('GET', `/api/servers/${id}/logs`)).json();
    expect(logs.stderr).toContain('refusing to start');

    rmSync(refuse);
    expect((await fx.api('POST', `/api/servers/${id}/restart`)).statusCode).toBe(204);
    expect(textOf(await fx.callTool(id, 'echo', { text: 'back' }))).toBe('Echo: back');
  });
});

describe('what is left afterwards', () => {
  it('leaves no server process behind once servers are deleted, nor after the studio closes', async () => {
    expect(fx.processes().length).toBeGreaterThan(0);
    for (const id of fx.serverIds) expect((await fx.api('DELETE', `/api/servers/${id}`)).statusCode).toBe(204);
    expect(fx.processes()).toEqual([]);
    for (const file of silentPidFiles) {
      const { pid, grandchildPid } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; grandchildPid: number };
      expect(isAlive(pid)).toBe(false);
      await expect.poll(() => isAlive(grandchildPid), { timeout: 2000 }).toBe(false);
    }
    const id = await fx.register(FIXTURES.supervised, []);
    expect(textOf(await fx.callTool(id, 'echo', { text: 'last' }))).toBe('Echo: last');
    expect(fx.processes()).toHaveLength(1);
    await fx.close();
    expect(fx.processes()).toEqual([]);
  });
});
