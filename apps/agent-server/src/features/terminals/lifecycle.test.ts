import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, isAlive } from '../../test/processes.js';
import { startTestNode, type TestNode } from '../../test/testNode.js';

/** The HTTP status a WebSocket upgrade is refused with. */
function refusedUpgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    // Aborting a refused upgrade reports an error on the socket: expected here.
    ws.on('error', () => {});
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
  });
}

describe('terminal sessions: limits, confinement, access and endings', () => {
  let node: TestNode | undefined;
  let agent: { id: string; home: string };

  const start = async (env: Record<string, string> = {}) => {
    const started = await startTestNode(env);
    node = started;
    const created = await started.provision('coder');
    agent = created.agent;
    return started;
  };
  const openTerminal = (n: TestNode, body: Record<string, unknown> = { cols: 80, rows: 24 }, token?: string) =>
    n.app.inject({ method: 'POST', url: `/api/agents/${agent.id}/terminals`, headers: n.auth(token), payload: body });
  const type = (n: TestNode, sid: string, data: string) =>
    n.app.inject({ method: 'POST', url: `/api/terminals/${sid}/input`, headers: n.auth(), payload: { data } });
  /** Waits until the terminal's scrollback matches, and returns it. */
  const screen = async (n: TestNode, sid: string, pattern: RegExp) => {
    let text = '';
    await eventually(async () => {
      text = (await n.app.inject({ url: `/api/terminals/${sid}/buffer`, headers: n.auth() })).json().data;
      return pattern.test(text);
    }, `output matching ${pattern}`);
    return text;
  };

  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  it('starts in a directory inside the home and refuses any cwd leading out of it', async () => {
    const n = await start();
    fs.mkdirSync(path.join(agent.home, 'project/src'), { recursive: true });
    fs.symlinkSync('/etc', path.join(agent.home, 'etc-link'));
    const escapes = [
      '..',
      '../..',
      '/tmp',
      'project/../../',
      '%2e%2e',
      'etc-link',
      'etc-link/ssl',
      'project/../etc-link',
    ];
    for (const cwd of escapes) {
      const refused = await openTerminal(n, { cols: 80, rows: 24, cwd });
      expect(refused.statusCode, cwd).toBe(403);
      expect(refused.json().error.code).toBe('path_outside_home');
    }
    expect((await openTerminal(n, { cols: 80, rows: 24, cwd: 'missing' })).statusCode).toBe(404);
    expect((await openTerminal(n, { cols: 80, rows: 24, cwd: 'a\u0000b' })).statusCode).toBe(400);
    fs.writeFileSync(path.join(agent.home, 'notes.txt'), 'x');
    expect((await openTerminal(n, { cols: 80, rows: 24, cwd: 'notes.txt' })).statusCode).toBe(400);

    const terminal = (await openTerminal(n, { cols: 80, rows: 24, cwd: 'project/src' })).json();
    expect(terminal.cwd).toBe('project/src');
    await type(n, terminal.id, 'pwd; echo "home=$HOME term=$TERM"\r');
    const text = await screen(n, terminal.id, /home=\S+ term=xterm-256color\r\n/);
    expect(text).toContain(`${fs.realpathSync(agent.home)}/project/src\r\n`);
    expect(text).toContain(`home=${agent.home} term=xterm-256color`);
  });

  it('lets no other agent reach a session, and no one without a token', async () => {
    const n = await start();
    const terminal = (await openTerminal(n)).json();
    const other = await n.app.inject({
      method: 'POST',
      url: '/api/agents',
      headers: n.auth(),
      payload: { name: 'other', engine: 'claude' },
    });
    const otherToken = other.json().credentials.token;
    expect((await n.app.inject({ url: `/api/terminals/${terminal.id}`, headers: n.auth(otherToken) })).statusCode).toBe(
      404,
    );
    expect((await n.app.inject({ url: `/api/terminals/${terminal.id}` })).statusCode).toBe(401);
    expect((await openTerminal(n, { cols: 80, rows: 24 }, otherToken)).statusCode).toBe(404);
    const wsUrl = `${n.base.replace('http', 'ws')}/api/terminals/${terminal.id}/ws`;
    expect(await refusedUpgrade(wsUrl, n.auth(otherToken))).toBe(404);
    expect(await refusedUpgrade(wsUrl, {})).toBe(401);
    expect(await refusedUpgrade(`${n.base.replace('http', 'ws')}/api/terminals/not-an-id/ws`, n.auth())).toBe(400);
  });

  it('refuses a terminal beyond TERMINALS_PER_AGENT with 409 until one is closed', async () => {
    const n = await start({ TERMINALS_PER_AGENT: '2' });
    const first = (await openTerminal(n)).json();
    expect((await openTerminal(n)).statusCode).toBe(201);
    const third = await openTerminal(n);
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('terminal_limit_reached');
    await n.app.inject({ method: 'DELETE', url: `/api/terminals/${first.id}`, headers: n.auth() });
    expect((await openTerminal(n)).statusCode).toBe(201);
  });

  it('closes a session left without input or output for TERMINAL_IDLE_TIMEOUT_MS', async () => {
    const n = await start({ TERMINAL_IDLE_TIMEOUT_MS: '1500' });
    const terminal = (await openTerminal(n)).json();
    const status = async () => (await n.app.inject({ url: `/api/terminals/${terminal.id}`, headers: n.auth() })).json();
    await eventually(async () => (await status()).status === 'closed', 'the idle session closed');
    expect(isAlive(terminal.pid)).toBe(false);
  });

  it('kills every PTY and the jobs started in it when the node closes', async () => {
    const n = await start();
    const terminal = (await openTerminal(n)).json();
    await type(n, terminal.id, 'sleep 200 & echo bg-$!\r');
    const background = Number((await screen(n, terminal.id, /bg-\d+\r\n/)).match(/bg-(\d+)/)?.[1]);
    expect(isAlive(background)).toBe(true);
    await n.close();
    node = undefined;
    expect(isAlive(terminal.pid)).toBe(false);
    await eventually(() => !isAlive(background), 'the background job ended');
  });
});
