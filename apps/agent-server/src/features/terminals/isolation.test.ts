import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';

const isRoot = process.getuid?.() === 0;
const userExists = (user: string) => {
  try {
    execFileSync('id', ['-u', user], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

// Unix users are machine-wide: a random name keeps parallel runs apart, and deleting the agent removes its user.
describe.skipIf(!isRoot)('terminals and commands under ISOLATION=unix-user (as root)', () => {
  let node: TestNode;
  let agent: { id: string; home: string; unixUser: string };
  let uid: number;
  let gid: number;

  beforeAll(async () => {
    node = await startTestNode({ ISOLATION: 'unix-user' });
    const created = await node.provision(`term-${randomBytes(4).toString('hex')}`);
    expect(created.agent.unixUser).toMatch(/^ag-/);
    agent = { ...created.agent, unixUser: created.agent.unixUser as string };
    uid = Number(execFileSync('id', ['-u', agent.unixUser]).toString().trim());
    gid = Number(execFileSync('id', ['-g', agent.unixUser]).toString().trim());
  });

  afterAll(async () => {
    if (agent) await node.app.inject({ method: 'DELETE', url: `/api/agents/${agent.id}`, headers: node.auth() });
    await node?.close();
    if (agent) expect(userExists(agent.unixUser)).toBe(false);
  });

  it("runs the terminal as the agent's uid and gid, with no other group", async () => {
    expect(uid).toBeGreaterThan(0);
    const terminal = (
      await node.app.inject({
        method: 'POST',
        url: `/api/agents/${agent.id}/terminals`,
        headers: node.auth(),
        payload: { cols: 80, rows: 24 },
      })
    ).json();
    await node.app.inject({
      method: 'POST',
      url: `/api/terminals/${terminal.id}/input`,
      headers: node.auth(),
      payload: { data: 'echo "uid=$(id -u) groups=$(id -G) user=$USER home=$HOME"\r' },
    });
    const expected = `uid=${uid} groups=${gid} user=${agent.unixUser} home=${agent.home}`;
    let buffer = '';
    for (let attempt = 0; attempt < 400 && !buffer.includes(expected); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      buffer = (await node.app.inject({ url: `/api/terminals/${terminal.id}/buffer`, headers: node.auth() })).json()
        .data;
    }
    expect(buffer).toContain(expected);
  });

  it("runs exec as the agent's uid, and files it writes belong to the agent", async () => {
    const ran = await node.app.inject({
      method: 'POST',
      url: `/api/agents/${agent.id}/exec`,
      headers: node.auth(),
      payload: { command: 'id -u; id -G; touch made && stat -c %u made; cat /etc/shadow', timeoutMs: 10_000 },
    });
    const result = ran.json();
    expect(result.stdout).toBe(`${uid}\n${gid}\n${uid}\n`);
    expect(result.stderr).toContain('Permission denied');
    expect(result.exitCode).not.toBe(0);
  });
});
