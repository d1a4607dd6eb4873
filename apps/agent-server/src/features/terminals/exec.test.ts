import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, isAlive } from '../../test/processes.js';
import { startTestNode, type TestNode } from '../../test/testNode.js';

describe('exec: one-off commands', () => {
  let node: TestNode;
  let agent: { id: string; home: string };
  let token: string;

  const start = async (env: Record<string, string> = {}) => {
    node = await startTestNode(env);
    const created = await node.provision('runner');
    agent = created.agent;
    token = created.credentials.token;
  };
  const exec = (body: Record<string, unknown>, as?: string) =>
    node.app.inject({ method: 'POST', url: `/api/agents/${agent.id}/exec`, headers: node.auth(as), payload: body });

  afterEach(async () => {
    await node?.close();
  });

  it('returns stdout, stderr and the exit code of a command run in the home', async () => {
    await start();
    const ran = await exec({ command: 'echo out; pwd; echo err >&2; exit 3', timeoutMs: 10_000 }, token);
    expect(ran.statusCode).toBe(200);
    expect(ran.json()).toMatchObject({
      stdout: `out\n${fs.realpathSync(agent.home)}\n`,
      stderr: 'err\n',
      exitCode: 3,
      signal: null,
      timedOut: false,
      truncated: false,
    });
    expect(ran.json().durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs in a cwd inside the home and refuses one leading out', async () => {
    await start();
    fs.mkdirSync(path.join(agent.home, 'work'));
    fs.symlinkSync('/', path.join(agent.home, 'root-link'));
    expect((await exec({ command: 'pwd', cwd: 'work' })).json().stdout).toBe(`${fs.realpathSync(agent.home)}/work\n`);
    for (const cwd of ['..', '/etc', 'root-link', 'work/../../']) {
      const refused = await exec({ command: 'pwd', cwd });
      expect(refused.statusCode, cwd).toBe(403);
      expect(refused.json().error.code).toBe('path_outside_home');
    }
  });

  it('ends the whole process group on timeout and says so', async () => {
    await start();
    const ran = await exec({ command: 'sleep 30 & echo $!; wait', timeoutMs: 300 });
    expect(ran.statusCode).toBe(200);
    const result = ran.json();
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe('SIGKILL');
    const sleeper = Number(result.stdout.trim());
    expect(sleeper).toBeGreaterThan(0);
    await eventually(() => !isAlive(sleeper), 'the background sleep ended');
  });

  it('caps each stream at EXEC_MAX_OUTPUT_BYTES and reports the truncation', async () => {
    await start({ EXEC_MAX_OUTPUT_BYTES: '1000' });
    const ran = await exec({ command: "head -c 50000 /dev/zero | tr '\\0' a; echo small >&2", timeoutMs: 10_000 });
    const result = ran.json();
    expect(result.stdout).toBe('a'.repeat(1000));
    expect(result.stderr).toBe('small\n');
    expect(result.truncated).toBe(true);
    expect(result.exitCode).toBe(0);
  });

  it('passes extra variables, validates their names, and keeps the node environment out', async () => {
    await start();
    process.env.MASTER_TOKEN = node.masterToken;
    try {
      const ran = await exec({ command: 'echo "$GREETING $HOME"; env', env: { GREETING: 'hi' } });
      expect(ran.json().stdout.split('\n')[0]).toBe(`hi ${agent.home}`);
      expect(ran.json().stdout).not.toContain(node.masterToken);
      expect(ran.json().stdout).not.toContain('MASTER_TOKEN');
    } finally {
      delete process.env.MASTER_TOKEN;
    }
    const bad = await exec({ command: 'true', env: { '1BAD': 'x', HOME: '/' } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['env.1BAD', 'env.HOME']);
    expect((await exec({ command: '' })).statusCode).toBe(400);
    expect((await exec({ command: 'true', timeoutMs: -5 })).statusCode).toBe(400);
  });

  it('runs nothing for a suspended agent (409)', async () => {
    await start();
    await node.app.inject({ method: 'POST', url: `/api/agents/${agent.id}/suspend`, headers: node.auth() });
    const refused = await exec({ command: 'touch ran' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('agent_suspended');
    expect(fs.existsSync(path.join(agent.home, 'ran'))).toBe(false);
  });

  it('ends a running command when its agent is suspended', async () => {
    await start();
    const running = exec({ command: 'sleep 60.4242', timeoutMs: 60_000 });
    // The command is running once the node has spawned it; suspend from then on.
    await eventually(() => {
      const children = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
      return children.some((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') === 'sleep\u000060.4242\u0000';
        } catch {
          return false;
        }
      });
    }, 'the command started');
    await node.app.inject({ method: 'POST', url: `/api/agents/${agent.id}/suspend`, headers: node.auth() });
    const result = (await running).json();
    expect(result.signal).toBe('SIGKILL');
    expect(result.timedOut).toBe(false);
  });
});
