import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';

const run = promisify(execFile);

describe('projects of an agent', () => {
  let node: TestNode;
  let agent: { id: string; home: string };
  let workspaceId: string;

  beforeEach(async () => {
    node = await startTestNode();
    agent = (await call('POST', '/api/agents', { name: 'coder', engine: 'claude' })).json().agent;
    workspaceId = (await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'main', kind: 'personal' })).json()
      .id;
  });
  afterEach(async () => {
    await node.close();
  });

  const call: TestNode['call'] = (...args) => node.call(...args);
  const createProject = (body: Record<string, unknown>) =>
    call('POST', `/api/agents/${agent.id}/projects`, { workspaceId, ...body });

  it('writes a nodejs skeleton that runs with `node index.js` and `npm start`', async () => {
    const created = await createProject({ name: 'hello-node', type: 'nodejs', description: 'Says hello' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'hello-node',
      type: 'nodejs',
      status: 'active',
      workspaceId,
      path: 'workspaces/main/hello-node',
    });
    const dir = path.join(agent.home, 'workspaces/main/hello-node');
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe('node index.js');
    const direct = await run(process.execPath, ['index.js'], { cwd: dir });
    expect(direct.stdout.trim()).toBe('Hello from hello-node');
    const started = await run('npm', ['start', '--silent'], { cwd: dir });
    expect(started.stdout.trim()).toBe('Hello from hello-node');
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('Says hello');
  });

  it('writes a python skeleton that runs with `python3 main.py`', async () => {
    const created = await createProject({ name: 'hello_py', type: 'python' });
    expect(created.statusCode).toBe(201);
    const dir = path.join(agent.home, 'workspaces/main/hello_py');
    const { stdout } = await run('python3', ['main.py'], { cwd: dir });
    expect(stdout.trim()).toBe('Hello from hello_py');
    expect(fs.existsSync(path.join(dir, 'requirements.txt'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'README.md'))).toBe(true);
  });

  it('gives other types a README, honours an explicit template, and never overwrites existing files', async () => {
    await createProject({ name: 'notes', type: 'docs' });
    expect(fs.readdirSync(path.join(agent.home, 'workspaces/main/notes'))).toEqual(['README.md']);
    await createProject({ name: 'empty', type: 'nodejs', template: 'none' });
    expect(fs.readdirSync(path.join(agent.home, 'workspaces/main/empty'))).toEqual([]);

    // An existing directory is adopted: the template fills in only what is missing.
    const existing = path.join(agent.home, 'workspaces/main/old');
    fs.mkdirSync(existing);
    fs.writeFileSync(path.join(existing, 'main.py'), 'print("mine")\n');
    expect((await createProject({ name: 'old', type: 'python' })).statusCode).toBe(201);
    expect(fs.readFileSync(path.join(existing, 'main.py'), 'utf8')).toBe('print("mine")\n');
    expect(fs.existsSync(path.join(existing, 'requirements.txt'))).toBe(true);
    expect((await createProject({ name: 'bad', type: 'nodejs', template: 'rails' })).statusCode).toBe(400);
  });

  it('lists with workspace and status filters, updates, renames the directory and deletes', async () => {
    const other = (await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'side', kind: 'team' })).json();
    const a = (await createProject({ name: 'a', type: 'script' })).json();
    const b = (await createProject({ name: 'b', type: 'data', status: 'archived' })).json();
    const c = (await createProject({ name: 'c', type: 'api', workspaceId: other.id })).json();

    const names = async (query: string) =>
      (await call('GET', `/api/agents/${agent.id}/projects${query}`))
        .json()
        .projects.map((p: { name: string }) => p.name);
    expect(await names('')).toEqual(['a', 'b', 'c']);
    expect(await names(`?workspaceId=${workspaceId}`)).toEqual(['a', 'b']);
    expect(await names('?status=archived')).toEqual(['b']);
    expect(await names(`?workspaceId=${other.id}&status=active`)).toEqual(['c']);
    expect((await call('GET', `/api/agents/${agent.id}/projects?status=gone`)).statusCode).toBe(400);
    expect((await call('GET', `/api/agents/${agent.id}/workspaces/${workspaceId}`)).json().projectCount).toBe(2);

    const patched = await call('PATCH', `/api/agents/${agent.id}/projects/${a.id}`, {
      name: 'a2',
      status: 'inactive',
      description: 'renamed',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'a2',
      status: 'inactive',
      description: 'renamed',
      path: 'workspaces/main/a2',
    });
    expect(fs.existsSync(path.join(agent.home, 'workspaces/main/a2/README.md'))).toBe(true);
    expect(fs.existsSync(path.join(agent.home, 'workspaces/main/a'))).toBe(false);
    const clash = await call('PATCH', `/api/agents/${agent.id}/projects/${a.id}`, { name: 'b' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('project_name_taken');

    // Renaming the workspace moves its projects' paths along.
    await call('PATCH', `/api/agents/${agent.id}/workspaces/${workspaceId}`, { name: 'renamed' });
    expect((await call('GET', `/api/agents/${agent.id}/projects/${b.id}`)).json().path).toBe('workspaces/renamed/b');
    expect(fs.existsSync(path.join(agent.home, 'workspaces/renamed/b/README.md'))).toBe(true);

    expect((await call('DELETE', `/api/agents/${agent.id}/projects/${b.id}`)).statusCode).toBe(204);
    expect(fs.existsSync(path.join(agent.home, 'workspaces/renamed/b'))).toBe(false);
    expect((await call('DELETE', `/api/agents/${agent.id}/projects/${c.id}?keepFiles=true`)).statusCode).toBe(204);
    expect(fs.existsSync(path.join(agent.home, 'workspaces/side/c/README.md'))).toBe(true);
    expect(await names('')).toEqual(['a2']);
  });

  it('refuses bad input with 400, a taken name with 409, and foreign ids with 404', async () => {
    await createProject({ name: 'app', type: 'web' });
    const taken = await createProject({ name: 'app', type: 'nodejs' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('project_name_taken');
    for (const body of [
      { name: '../escape', type: 'nodejs' },
      { name: 'ok', type: 'cobol' },
      { name: 'ok', type: 'nodejs', status: 'deleted' },
      { name: 'ok', type: 'nodejs', workspaceId: 'nope' },
    ]) {
      expect((await createProject(body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const noWorkspace = await createProject({ name: 'ok', type: 'nodejs', workspaceId: crypto.randomUUID() });
    expect(noWorkspace.statusCode).toBe(404);

    const second = (await call('POST', '/api/agents', { name: 'other', engine: 'custom' })).json();
    const theirWs = (
      await call('POST', `/api/agents/${second.agent.id}/workspaces`, { name: 'w', kind: 'personal' })
    ).json();
    const theirs = (
      await call('POST', `/api/agents/${second.agent.id}/projects`, {
        name: 'p',
        workspaceId: theirWs.id,
        type: 'docs',
      })
    ).json();
    // Another agent's workspace or project through this agent's path: 404, and nothing created.
    expect((await createProject({ name: 'sneak', type: 'docs', workspaceId: theirWs.id })).statusCode).toBe(404);
    expect((await call('GET', `/api/agents/${agent.id}/projects/${theirs.id}`)).statusCode).toBe(404);
    expect(
      (await call('PATCH', `/api/agents/${agent.id}/projects/${theirs.id}`, { status: 'archived' })).statusCode,
    ).toBe(404);
    expect((await call('DELETE', `/api/agents/${agent.id}/projects/${theirs.id}`)).statusCode).toBe(404);
    const ownToken = second.credentials.token;
    expect((await call('GET', `/api/agents/${agent.id}/projects`, undefined, ownToken)).statusCode).toBe(404);
    expect(
      (await call('GET', `/api/agents/${second.agent.id}/projects/${theirs.id}`, undefined, ownToken)).json().name,
    ).toBe('p');
    expect(fs.existsSync(path.join(second.agent.home, 'workspaces/w/sneak'))).toBe(false);
  });
});

const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('projects under unix-user isolation (root only)', () => {
  it("creates the directories and template files owned by the agent's uid and gid", async () => {
    const node = await startTestNode({ ISOLATION: 'unix-user' });
    const name = `wstest-${Math.random().toString(36).slice(2, 8)}`;
    const { agent } = await node.provision(name);
    try {
      const uid = Number((await run('id', ['-u', String(agent.unixUser)])).stdout.trim());
      const gid = Number((await run('id', ['-g', String(agent.unixUser)])).stdout.trim());
      const workspace = (
        await node.call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'main', kind: 'personal' })
      ).json();
      const project = await node.call('POST', `/api/agents/${agent.id}/projects`, {
        name: 'app',
        workspaceId: workspace.id,
        type: 'nodejs',
      });
      expect(project.statusCode).toBe(201);
      for (const relative of ['workspaces', 'workspaces/main', 'workspaces/main/app', 'workspaces/main/app/index.js']) {
        const stat = fs.statSync(path.join(agent.home, relative));
        expect([stat.uid, stat.gid], relative).toEqual([uid, gid]);
      }
      // The agent itself can run its project.
      const { stdout } = await run(process.execPath, ['index.js'], {
        cwd: path.join(agent.home, 'workspaces/main/app'),
        uid,
        gid,
      });
      expect(stdout.trim()).toBe('Hello from app');
    } finally {
      await node.call('DELETE', `/api/agents/${agent.id}`);
      await node.close();
    }
  });
});
