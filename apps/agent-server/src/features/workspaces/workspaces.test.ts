import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';

describe('workspaces of an agent', () => {
  let node: TestNode;
  let agent: { id: string; home: string };
  let token: string;

  beforeEach(async () => {
    node = await startTestNode();
    const created = await node.provision('coder');
    agent = created.agent;
    token = created.credentials.token;
  });
  afterEach(async () => {
    await node.close();
  });

  const call: TestNode['call'] = (...args) => node.call(...args);

  it('creates, lists, reads, renames and deletes a workspace, with its directory in the home', async () => {
    const created = await call('POST', `/api/agents/${agent.id}/workspaces`, {
      name: 'main',
      kind: 'personal',
      description: 'Everyday work',
    });
    const workspace = created.json();
    expect(workspace).toMatchObject({
      agentId: agent.id,
      name: 'main',
      kind: 'personal',
      description: 'Everyday work',
      path: 'workspaces/main',
      projectCount: 0,
    });
    expect(fs.statSync(path.join(agent.home, 'workspaces/main')).isDirectory()).toBe(true);

    // The agent's own token works as well as the master token.
    const listed = await call('GET', `/api/agents/${agent.id}/workspaces`, undefined, token);
    expect(listed.json().workspaces.map((w: { id: string }) => w.id)).toEqual([workspace.id]);

    const renamed = await call('PATCH', `/api/agents/${agent.id}/workspaces/${workspace.id}`, {
      name: 'team-one',
      kind: 'team',
      description: null,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: 'team-one',
      kind: 'team',
      description: null,
      path: 'workspaces/team-one',
    });
    expect(fs.existsSync(path.join(agent.home, 'workspaces/main'))).toBe(false);
    expect(fs.statSync(path.join(agent.home, 'workspaces/team-one')).isDirectory()).toBe(true);

    const read = await call('GET', `/api/agents/${agent.id}/workspaces/${workspace.id}`);
    expect(read.json().name).toBe('team-one');

    expect((await call('DELETE', `/api/agents/${agent.id}/workspaces/${workspace.id}`)).statusCode).toBe(204);
    expect(fs.existsSync(path.join(agent.home, 'workspaces/team-one'))).toBe(false);
    expect((await call('GET', `/api/agents/${agent.id}/workspaces/${workspace.id}`)).statusCode).toBe(404);
  });

  it('refuses unsafe names and unknown kinds with 400, and a taken name with 409', async () => {
    for (const name of ['..', '../etc', 'a/b', '.hidden', '', 'x'.repeat(65), 'sp ace', 'nul\u0000']) {
      const refused = await call('POST', `/api/agents/${agent.id}/workspaces`, { name, kind: 'personal' });
      expect(refused.statusCode, name).toBe(400);
      expect(refused.json().error.code).toBe('validation_failed');
    }
    expect((await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'ok', kind: 'private' })).statusCode).toBe(
      400,
    );
    expect(fs.existsSync(path.join(agent.home, 'workspaces'))).toBe(false);

    await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'main', kind: 'personal' });
    const taken = await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'main', kind: 'shared' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('workspace_name_taken');
    const other = (await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'other', kind: 'team' })).json();
    const clash = await call('PATCH', `/api/agents/${agent.id}/workspaces/${other.id}`, { name: 'main' });
    expect(clash.statusCode).toBe(409);
    expect((await call('PATCH', `/api/agents/${agent.id}/workspaces/${other.id}`, {})).statusCode).toBe(400);
    expect((await call('GET', `/api/agents/${agent.id}/workspaces/not-a-uuid`)).statusCode).toBe(400);
  });

  it("answers 404 for another agent's workspace, whoever asks", async () => {
    const second = await call('POST', '/api/agents', { name: 'other', engine: 'openai' });
    const otherAgent = second.json().agent;
    const theirs = (
      await call('POST', `/api/agents/${otherAgent.id}/workspaces`, { name: 'secret', kind: 'personal' })
    ).json();

    // Through the first agent's path, even with the master token, the other's workspace does not exist.
    expect((await call('GET', `/api/agents/${agent.id}/workspaces/${theirs.id}`)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/agents/${agent.id}/workspaces/${theirs.id}`)).statusCode).toBe(404);
    // The first agent's token cannot reach the other agent at all.
    const foreign = await call('GET', `/api/agents/${otherAgent.id}/workspaces`, undefined, token);
    expect(foreign.statusCode).toBe(404);
    expect(
      (await call('POST', `/api/agents/${otherAgent.id}/workspaces`, { name: 'x', kind: 'team' }, token)).statusCode,
    ).toBe(404);
    expect((await node.app.inject(`/api/agents/${agent.id}/workspaces`)).statusCode).toBe(401);
  });

  it('keeps a workspace with projects or files unless recursive=true, which removes them all', async () => {
    const workspace = (
      await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'main', kind: 'personal' })
    ).json();
    const project = await call('POST', `/api/agents/${agent.id}/projects`, {
      name: 'app',
      workspaceId: workspace.id,
      type: 'nodejs',
    });
    expect(project.statusCode).toBe(201);

    const refused = await call('DELETE', `/api/agents/${agent.id}/workspaces/${workspace.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('workspace_has_projects');
    expect(fs.existsSync(path.join(agent.home, 'workspaces/main/app/package.json'))).toBe(true);

    const gone = await call('DELETE', `/api/agents/${agent.id}/workspaces/${workspace.id}?recursive=true`);
    expect(gone.statusCode).toBe(204);
    expect(fs.existsSync(path.join(agent.home, 'workspaces/main'))).toBe(false);
    expect((await call('GET', `/api/agents/${agent.id}/projects`)).json().projects).toEqual([]);

    const loose = (await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'loose', kind: 'shared' })).json();
    fs.writeFileSync(path.join(agent.home, 'workspaces/loose/notes.txt'), 'keep me');
    const notEmpty = await call('DELETE', `/api/agents/${agent.id}/workspaces/${loose.id}`);
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json().error.code).toBe('workspace_not_empty');
    expect(fs.readFileSync(path.join(agent.home, 'workspaces/loose/notes.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses to create a workspace through a symlink the agent planted, and writes nothing outside', async () => {
    const outside = fs.mkdtempSync(path.join(node.dataDir, 'outside-'));
    fs.symlinkSync(outside, path.join(agent.home, 'workspaces'));
    const refused = await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'main', kind: 'personal' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('path_outside_home');
    expect(fs.readdirSync(outside)).toEqual([]);
    expect((await call('GET', `/api/agents/${agent.id}/workspaces`)).json().workspaces).toEqual([]);
  });

  it("lets a suspended agent's token read but not change its workspaces; the master token still can", async () => {
    await call('POST', `/api/agents/${agent.id}/suspend`);
    expect((await call('GET', `/api/agents/${agent.id}/workspaces`, undefined, token)).statusCode).toBe(200);
    const refused = await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'w', kind: 'team' }, token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('agent_suspended');
    expect((await call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'w', kind: 'team' })).statusCode).toBe(
      201,
    );
  });
});
