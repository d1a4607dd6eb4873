import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiMethod, addMember, callApi, startStudioWithServer, type TestStudio } from '../../test/harness.js';
import { everythingStdio } from '../../test/peers.js';

const everything = everythingStdio.args[0];

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Pids of the server-everything processes this test file's studio started: children of this worker, found by
 * their command line (test files running in parallel start their own).
 */
async function everythingPids(): Promise<number[]> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ppid, ...args]) => Number(ppid) === process.pid && args.includes(everything) && args.includes('stdio'))
    .map(([pid]) => Number(pid));
}

describe('calling a server’s tools through the studio', () => {
  let studio: TestStudio;
  let admin: SessionTokens;
  let serverId: string;
  beforeAll(async () => {
    ({ studio, admin, serverId } = await startStudioWithServer({
      name: 'everything',
      ...everythingStdio,
      timeoutMs: 3000,
    }));
  });
  afterAll(() => studio.close());

  const call = (token: string, method: ApiMethod, url: string, payload?: object) =>
    callApi(studio.app, token, method, url, payload);
  const echo = (token: string, message: string) =>
    call(token, 'POST', `/api/servers/${serverId}/tools/echo/call`, { arguments: { message } });

  it('records a successful connection test on the registration', async () => {
    const res = await call(admin.accessToken, 'POST', `/api/servers/${serverId}/test`);
    expect(res.json().ok).toBe(true);
    const server = (await call(admin.accessToken, 'GET', `/api/servers/${serverId}`)).json();
    expect(server).toMatchObject({ status: 'healthy', lastError: null, toolCount: res.json().counts.tools });
    expect(server.latencyMs).toBe(res.json().latencyMs);
  });

  it('lists the server’s tools', async () => {
    const res = await call(admin.accessToken, 'GET', `/api/servers/${serverId}/tools`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().tools.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['echo', 'get-sum']));
    expect(res.json().tools.find((t: { name: string }) => t.name === 'echo').inputSchema).toMatchObject({
      type: 'object',
    });
  });

  it('calls a tool and returns the MCP result, sharing one process among concurrent callers', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => echo(admin.accessToken, `hello ${i}`)));
    for (const [i, res] of results.entries()) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().content[0]).toEqual({ type: 'text', text: `Echo: hello ${i}` });
    }
    expect(await everythingPids()).toHaveLength(1);
    const sum = await call(admin.accessToken, 'POST', `/api/servers/${serverId}/tools/get-sum/call`, {
      arguments: { a: 2, b: 3 },
    });
    expect(JSON.stringify(sum.json().content)).toContain('5');
  });

  it('lists resources and templates, and reads one', async () => {
    const listed = (await call(admin.accessToken, 'GET', `/api/servers/${serverId}/resources`)).json();
    const architecture = listed.resources.find((r: { name: string }) => r.name === 'architecture.md');
    expect(architecture).toMatchObject({
      uri: 'demo://resource/static/document/architecture.md',
      mimeType: 'text/markdown',
    });
    expect(Array.isArray(listed.resourceTemplates)).toBe(true);
    const read = await call(admin.accessToken, 'POST', `/api/servers/${serverId}/resources/read`, {
      uri: architecture.uri,
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().contents[0]).toMatchObject({
      uri: architecture.uri,
      text: expect.stringContaining('Architecture'),
    });
  });

  it('lists prompts and gets one with its arguments', async () => {
    const prompts = (await call(admin.accessToken, 'GET', `/api/servers/${serverId}/prompts`)).json().prompts;
    expect(prompts.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['simple-prompt', 'args-prompt']),
    );
    const simple = await call(admin.accessToken, 'POST', `/api/servers/${serverId}/prompts/simple-prompt/get`, {});
    expect(simple.json().messages[0]).toEqual({
      role: 'user',
      content: { type: 'text', text: 'This is a simple prompt without arguments.' },
    });
    const withArgs = await call(admin.accessToken, 'POST', `/api/servers/${serverId}/prompts/args-prompt/get`, {
      arguments: { city: 'Lisbon' },
    });
    expect(JSON.stringify(withArgs.json().messages)).toContain('Lisbon');
  });

  it('lets members who use tools call them, but not VIEWERs', async () => {
    const operator = await addMember(studio.app, admin.accessToken, 'OPERATOR');
    const viewer = await addMember(studio.app, admin.accessToken, 'VIEWER');
    expect((await echo(operator.accessToken, 'from operator')).statusCode).toBe(200);
    const refused = await echo(viewer.accessToken, 'from viewer');
    expect(refused.statusCode).toBe(403);
    expect((await call(viewer.accessToken, 'GET', `/api/servers/${serverId}/tools`)).statusCode).toBe(200);
  });

  it('answers 404 tool_not_found for a tool the server does not list', async () => {
    const res = await call(admin.accessToken, 'POST', `/api/servers/${serverId}/tools/no-such-tool/call`, {});
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'tool_not_found',
      message: expect.stringContaining('no-such-tool'),
    });
  });

  it('times out a call that runs past the server’s timeout, and keeps serving', async () => {
    const slow = await call(
      admin.accessToken,
      'POST',
      `/api/servers/${serverId}/tools/trigger-long-running-operation/call`,
      {
        arguments: { duration: 10, steps: 5 },
      },
    );
    expect(slow.statusCode, slow.body).toBe(504);
    expect(slow.json().error.code).toBe('timeout');
    expect((await echo(admin.accessToken, 'still here')).json().content[0].text).toBe('Echo: still here');
  });

  it('refuses calls to a disabled server, and ends its process', async () => {
    const [pid] = await everythingPids();
    expect((await call(admin.accessToken, 'PATCH', `/api/servers/${serverId}`, { enabled: false })).statusCode).toBe(
      200,
    );
    expect(isRunning(pid!)).toBe(false);
    const res = await echo(admin.accessToken, 'disabled');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('server_disabled');
    await call(admin.accessToken, 'PATCH', `/api/servers/${serverId}`, { enabled: true });
    expect((await echo(admin.accessToken, 'back')).statusCode).toBe(200);
  });

  it('kills the process when the server is deleted, and the studio leaves none behind when it stops', async () => {
    const [pid] = await everythingPids();
    expect(pid).toBeGreaterThan(0);
    expect((await call(admin.accessToken, 'DELETE', `/api/servers/${serverId}`)).statusCode).toBe(204);
    expect(isRunning(pid!)).toBe(false);
    expect(await everythingPids()).toEqual([]);
  });
});
