import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, isAlive } from '../../test/processes.js';
import { startTestNode, type TestNode } from '../../test/testNode.js';

/** A terminal client over a real WebSocket: collects the output, waits for text to appear. */
class TerminalSocket {
  output = '';
  readonly controls: Array<{ type: string; [key: string]: unknown }> = [];
  /** The output received before the `ready` message: the scrollback replay. */
  replay: string | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.output += data.toString('utf8');
      else {
        const message = JSON.parse(data.toString('utf8'));
        if (message.type === 'ready') this.replay = this.output;
        this.controls.push(message);
      }
      for (const check of this.waiters) check();
    });
    ws.on('close', () => {
      for (const check of this.waiters) check();
    });
  }

  static open(node: TestNode, sid: string, token?: string): Promise<TerminalSocket> {
    const ws = new WebSocket(`${node.base.replace('http', 'ws')}/api/terminals/${sid}/ws`, {
      headers: node.auth(token),
    });
    const socket = new TerminalSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
      socket.until(() => socket.replay !== undefined).then(() => resolve(socket), reject);
    });
  }

  type(text: string): void {
    this.ws.send(Buffer.from(text, 'utf8'), { binary: true });
  }

  control(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  waitFor(pattern: RegExp): Promise<void> {
    return this.until(() => pattern.test(this.output), `output matching ${pattern}`);
  }

  until(condition: () => boolean, what = 'condition'): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (condition()) {
          this.waiters.delete(check);
          clearTimeout(guard);
          resolve();
        }
      };
      const guard = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; output so far: ${JSON.stringify(this.output.slice(-500))}`));
      }, 20_000);
      this.waiters.add(check);
      check();
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Waits for a condition the node reaches on its own (a process ending, a session closing). */

describe('terminals', () => {
  let node: TestNode;
  let agent: { id: string; home: string };
  let token: string;
  const sockets: TerminalSocket[] = [];

  const start = async (env: Record<string, string> = {}) => {
    node = await startTestNode(env);
    const created = await node.provision('coder');
    agent = created.agent;
    token = created.credentials.token;
  };
  const openTerminal = (body: Record<string, unknown> = { cols: 80, rows: 24 }, as?: string) =>
    node.app.inject({
      method: 'POST',
      url: `/api/agents/${agent.id}/terminals`,
      headers: node.auth(as),
      payload: body,
    });
  const attach = async (sid: string, as?: string) => {
    const socket = await TerminalSocket.open(node, sid, as);
    sockets.push(socket);
    return socket;
  };
  const session = async (sid: string) =>
    (await node.app.inject({ url: `/api/terminals/${sid}`, headers: node.auth() })).json();

  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => socket.close()));
    await node?.close();
  });

  describe('on a default node', () => {
    beforeEach(() => start());

    it('echoes a command typed over the WebSocket and keeps it in the history', async () => {
      const opened = await openTerminal({ cols: 100, rows: 30 }, token);
      expect(opened.statusCode).toBe(201);
      const terminal = opened.json();
      expect(terminal).toMatchObject({
        agentId: agent.id,
        status: 'active',
        cols: 100,
        rows: 30,
        cwd: '',
        history: [],
      });
      expect(isAlive(terminal.pid)).toBe(true);

      const socket = await attach(terminal.id, token);
      socket.type('echo hello-$((6*7))\r');
      await socket.waitFor(/hello-42/);
      expect((await session(terminal.id)).history).toEqual(['echo hello-$((6*7))']);
      const listed = await node.app.inject({ url: `/api/agents/${agent.id}/terminals`, headers: node.auth() });
      expect(listed.json().terminals.map((t: { id: string }) => t.id)).toEqual([terminal.id]);
    });

    it('prints the new width in `tput cols` after a resize message', async () => {
      const terminal = (await openTerminal()).json();
      const socket = await attach(terminal.id);
      socket.control({ type: 'resize', cols: 123, rows: 41 });
      socket.type('tput cols; tput lines\r');
      await socket.waitFor(/\r123\r\n41\r\n/);
      expect(await session(terminal.id)).toMatchObject({ cols: 123, rows: 41 });
      socket.control({ type: 'resize', cols: 0, rows: 10 });
      await socket.until(() => socket.controls.some((c) => c.type === 'error'), 'an error message');
    });

    it('kills the foreground `sleep 100` while the shell survives', async () => {
      const terminal = (await openTerminal()).json();
      const socket = await attach(terminal.id);
      const kill = (body?: object) =>
        node.app.inject({
          method: 'POST',
          url: `/api/terminals/${terminal.id}/kill`,
          headers: node.auth(),
          ...(body ? { payload: body } : {}),
        });
      const idle = await kill();
      expect(idle.statusCode).toBe(409);
      expect(idle.json().error.code).toBe('no_foreground_process');

      const typed = await node.app.inject({
        method: 'POST',
        url: `/api/terminals/${terminal.id}/input`,
        headers: node.auth(),
        payload: { data: 'sleep 100\r' },
      });
      expect(typed.statusCode).toBe(204);
      let killed: { pgid: number; signal: string } | undefined;
      await eventually(async () => {
        const answer = await kill({ signal: 'SIGKILL' });
        if (answer.statusCode === 200) killed = answer.json();
        return answer.statusCode === 200;
      }, 'sleep in the foreground');
      expect(killed?.signal).toBe('SIGKILL');
      expect(killed?.pgid).not.toBe(terminal.pid);
      await eventually(() => !isAlive(killed?.pgid ?? 0), 'the sleep ended');

      expect(isAlive(terminal.pid)).toBe(true);
      socket.type('echo alive-$((1+1))\r');
      await socket.waitFor(/alive-2/);
      expect((await session(terminal.id)).status).not.toBe('closed');
    });

    it('replays the scrollback to a client that reattaches, and serves it at /buffer', async () => {
      const terminal = (await openTerminal()).json();
      const first = await attach(terminal.id);
      first.type('echo marker-$((40+2))\r');
      await first.waitFor(/marker-42/);
      await first.close();

      const second = await attach(terminal.id);
      expect(second.replay).toMatch(/marker-42/);
      second.type('echo after-$((1+2))\r');
      await second.waitFor(/after-3/);

      const buffer = await node.app.inject({ url: `/api/terminals/${terminal.id}/buffer`, headers: node.auth() });
      expect(buffer.json().data).toMatch(/marker-42[\s\S]*after-3/);
      const raw = await node.app.inject({
        url: `/api/terminals/${terminal.id}/buffer?encoding=base64`,
        headers: node.auth(),
      });
      expect(Buffer.from(raw.json().data, 'base64').toString('utf8')).toContain('marker-42');
    });

    it('ends a session on DELETE with an exit message, and the shell is gone', async () => {
      const terminal = (await openTerminal()).json();
      const socket = await attach(terminal.id);
      const deleted = await node.app.inject({
        method: 'DELETE',
        url: `/api/terminals/${terminal.id}`,
        headers: node.auth(),
      });
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json().status).toBe('closed');
      await socket.until(() => socket.controls.some((c) => c.type === 'exit'), 'the exit message');
      expect(isAlive(terminal.pid)).toBe(false);
      const input = await node.app.inject({
        method: 'POST',
        url: `/api/terminals/${terminal.id}/input`,
        headers: node.auth(),
        payload: { data: 'ls\r' },
      });
      expect(input.statusCode).toBe(409);
      expect(input.json().error.code).toBe('terminal_closed');
    });

    it("keeps the node's environment (the master token) out of the terminal", async () => {
      process.env.MASTER_TOKEN = node.masterToken;
      process.env.NODE_SECRET_CANARY = 'canary-7f3a';
      try {
        const terminal = (await openTerminal()).json();
        const socket = await attach(terminal.id);
        socket.type('env; echo env-done-$((2*2))\r');
        await socket.waitFor(/env-done-4/);
        expect(socket.output).toContain(`HOME=${agent.home}`);
        expect(socket.output).not.toContain(node.masterToken);
        expect(socket.output).not.toContain('canary-7f3a');
        expect(socket.output).not.toContain('MASTER_TOKEN');
      } finally {
        delete process.env.MASTER_TOKEN;
        delete process.env.NODE_SECRET_CANARY;
      }
    });

    it('refuses a suspended agent a terminal with 409, and suspending ends its open terminals', async () => {
      const terminal = (await openTerminal()).json();
      const socket = await attach(terminal.id);
      const suspend = await node.app.inject({
        method: 'POST',
        url: `/api/agents/${agent.id}/suspend`,
        headers: node.auth(),
      });
      expect(suspend.statusCode).toBe(200);
      await socket.until(() => socket.controls.some((c) => c.type === 'exit'), 'the exit message');
      expect((await session(terminal.id)).status).toBe('closed');
      expect(isAlive(terminal.pid)).toBe(false);

      const refused = await openTerminal();
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('agent_suspended');
    });
  });
});
