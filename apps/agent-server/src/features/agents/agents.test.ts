import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';

describe('agents on a node', () => {
  let node: TestNode;
  beforeEach(async () => {
    node = await startTestNode();
  });
  afterEach(async () => {
    await node.close();
  });

  const create = (body: Record<string, unknown>, token?: string) =>
    node.app.inject({ method: 'POST', url: '/api/agents', headers: node.auth(token), payload: body });

  it('answers /health and /ready without a token, and 401 on /api without one', async () => {
    expect((await node.app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await node.app.inject('/ready')).statusCode).toBe(200);
    const refused = await node.app.inject('/api/agents');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('unauthorized');
    expect((await node.app.inject({ url: '/api/agents', headers: node.auth('mcpm_wrong') })).statusCode).toBe(401);
  });

  it('provisions an agent with a private home and shows its token once; the API key is never returned', async () => {
    const created = await create({
      name: 'coder',
      engine: 'claude',
      apiKey: 'sk-ant-canary-123',
      capabilities: ['fs'],
    });
    expect(created.statusCode).toBe(201);
    const { agent, credentials } = created.json();
    expect(credentials.agentId).toBe(agent.id);
    expect(credentials.token).toMatch(/^mcpa_/);
    expect(agent).toMatchObject({ name: 'coder', status: 'active', hasApiKey: true, unixUser: null });
    expect(fs.statSync(agent.home).mode & 0o777).toBe(0o700);

    const listed = await node.app.inject({ url: '/api/agents', headers: node.auth() });
    expect(JSON.stringify(listed.json())).not.toContain(credentials.token);
    expect(JSON.stringify(listed.json())).not.toContain('sk-ant-canary-123');
    const stored = fs.readFileSync(`${node.dataDir}/state.json`, 'utf8');
    expect(stored).not.toContain('sk-ant-canary-123');
    expect(stored).not.toContain(credentials.token);
    expect(node.app.node.agents.apiKey(agent.id)).toBe('sk-ant-canary-123');
  });

  it('lets an agent token reach only its own agent, and never provision', async () => {
    const a = (await create({ name: 'alpha', engine: 'claude' })).json();
    const b = (await create({ name: 'beta', engine: 'openai' })).json();
    const own = await node.app.inject({ url: `/api/agents/${a.agent.id}`, headers: node.auth(a.credentials.token) });
    expect(own.statusCode).toBe(200);
    const other = await node.app.inject({ url: `/api/agents/${b.agent.id}`, headers: node.auth(a.credentials.token) });
    expect(other.statusCode).toBe(404);
    const list = await node.app.inject({ url: '/api/agents', headers: node.auth(a.credentials.token) });
    expect(list.json().agents.map((x: { name: string }) => x.name)).toEqual(['alpha']);
    expect((await create({ name: 'gamma', engine: 'custom' }, a.credentials.token)).statusCode).toBe(403);
  });

  it('refuses bad input with 400 and a taken name with 409, creating nothing', async () => {
    const bad = await create({ name: '../etc', engine: 'gpt' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    await create({ name: 'coder', engine: 'claude' });
    const again = await create({ name: 'coder', engine: 'openai' });
    expect(again.statusCode).toBe(409);
    expect(fs.readdirSync(`${node.dataDir}/homes`)).toEqual(['coder']);
  });

  it('suspends and activates; deleting removes the home', async () => {
    const { agent } = (await create({ name: 'coder', engine: 'claude' })).json();
    const suspended = await node.app.inject({
      method: 'POST',
      url: `/api/agents/${agent.id}/suspend`,
      headers: node.auth(),
    });
    expect(suspended.json().status).toBe('suspended');
    const active = await node.app.inject({
      method: 'POST',
      url: `/api/agents/${agent.id}/activate`,
      headers: node.auth(),
    });
    expect(active.json().status).toBe('active');
    const deleted = await node.app.inject({ method: 'DELETE', url: `/api/agents/${agent.id}`, headers: node.auth() });
    expect(deleted.statusCode).toBe(204);
    expect(fs.existsSync(agent.home)).toBe(false);
    expect((await node.app.inject({ url: `/api/agents/${agent.id}`, headers: node.auth() })).statusCode).toBe(404);
  });

  it('reconciles with the studio: creates, updates, and suspends what the set leaves out', async () => {
    const kept = (await create({ name: 'kept', engine: 'claude' })).json().agent;
    const dropped = (await create({ name: 'dropped', engine: 'claude' })).json().agent;
    const sync = await node.app.inject({
      method: 'POST',
      url: '/api/agents/sync',
      headers: node.auth(),
      payload: {
        agents: [
          { id: kept.id, name: 'kept', engine: 'openai', model: 'gpt-5', capabilities: ['fs'] },
          { name: 'fresh', engine: 'custom' },
        ],
      },
    });
    expect(sync.statusCode).toBe(200);
    const result = sync.json();
    expect(result.updated).toEqual([kept.id]);
    expect(result.suspended).toEqual([dropped.id]);
    expect(result.created.map((c: { agent: { name: string } }) => c.agent.name)).toEqual(['fresh']);
    const again = await node.app.inject({
      method: 'POST',
      url: '/api/agents/sync',
      headers: node.auth(),
      payload: { agents: [{ id: kept.id, name: 'kept', engine: 'openai', model: 'gpt-5', capabilities: ['fs'] }] },
    });
    expect(again.json().unchanged).toEqual([kept.id]);
  });

  it('keeps its agents across a restart of the state store', async () => {
    const { agent, credentials } = (await create({ name: 'coder', engine: 'claude', apiKey: 'k' })).json();
    const state = JSON.parse(fs.readFileSync(`${node.dataDir}/state.json`, 'utf8'));
    expect(state.agents.map((a: { id: string }) => a.id)).toEqual([agent.id]);
    expect(node.app.node.agents.authenticate(credentials.token)).toBe(agent.id);
  });
});
