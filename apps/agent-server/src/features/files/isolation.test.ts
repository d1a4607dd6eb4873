import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';

const isRoot = process.getuid?.() === 0;

// Unix users are machine-wide: a random name keeps parallel runs apart, and deleting the agent removes its user.
describe.skipIf(!isRoot)('files under ISOLATION=unix-user (as root)', () => {
  let node: TestNode;
  let agent: { id: string; home: string; unixUser: string };
  let owner: [number, number];

  beforeAll(async () => {
    node = await startTestNode({ ISOLATION: 'unix-user' });
    const created = await node.provision(`fs-${randomBytes(4).toString('hex')}`);
    expect(created.agent.unixUser).toMatch(/^ag-/);
    agent = { ...created.agent, unixUser: created.agent.unixUser as string };
    owner = [
      Number(execFileSync('id', ['-u', agent.unixUser]).toString().trim()),
      Number(execFileSync('id', ['-g', agent.unixUser]).toString().trim()),
    ];
  });

  afterAll(async () => {
    if (agent) await node.app.inject({ method: 'DELETE', url: `/api/agents/${agent.id}`, headers: node.auth() });
    await node?.close();
  });

  const call = (method: 'PUT' | 'POST', url: string, payload: Record<string, unknown>) =>
    node.call(method, `/api/agents/${agent.id}/fs${url}`, payload);
  const ownerOf = (relative: string) => {
    const stats = fs.lstatSync(path.join(agent.home, relative));
    return [stats.uid, stats.gid];
  };

  it("gives everything the node creates to the agent's uid and gid", async () => {
    expect(owner[0]).toBeGreaterThan(0);
    expect((await call('PUT', '/write', { path: 'new/deeper/file.txt', content: 'hi' })).statusCode).toBe(200);
    expect((await call('POST', '/mkdir', { path: 'made/here' })).statusCode).toBe(201);
    fs.symlinkSync('file.txt', path.join(agent.home, 'new/deeper/link'));
    expect((await call('POST', '/copy', { from: 'new', to: 'copy' })).statusCode).toBe(201);
    for (const relative of [
      'new',
      'new/deeper',
      'new/deeper/file.txt',
      'made',
      'made/here',
      'copy',
      'copy/deeper',
      'copy/deeper/file.txt',
      'copy/deeper/link',
    ]) {
      expect(ownerOf(relative), relative).toEqual(owner);
    }
    // The agent's own processes can then change what the node made.
    const [uid, gid] = owner;
    execFileSync('sh', ['-c', 'echo more >> copy/deeper/file.txt && rm -r made'], { cwd: agent.home, uid, gid });
    expect(fs.readFileSync(path.join(agent.home, 'copy/deeper/file.txt'), 'utf8')).toBe('himore\n');
  });

  it('hands a file overwritten by a save back to the agent, keeping its mode', async () => {
    const file = path.join(agent.home, 'root-made.txt');
    fs.writeFileSync(file, 'by root');
    fs.chmodSync(file, 0o640);
    expect(ownerOf('root-made.txt')).toEqual([0, 0]);
    expect((await call('PUT', '/write', { path: 'root-made.txt', content: 'by the agent' })).statusCode).toBe(200);
    expect(ownerOf('root-made.txt')).toEqual(owner);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });
});
