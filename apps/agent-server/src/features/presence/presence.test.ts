import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { type PresenceMessage, presenceMessageSchema } from '@mcp-studio/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestNode, type TestNode } from '../../test/testNode.js';
import { AGENT_SERVER_VERSION } from '../../version.js';

/** A presence feed client that collects every message and lets a test wait for the one it expects. */
async function openFeed(node: TestNode) {
  const socket = new WebSocket(`${node.base.replace('http', 'ws')}/api/presence/ws`, { headers: node.auth() });
  const messages: PresenceMessage[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    messages.push(presenceMessageSchema.parse(JSON.parse(data.toString())));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = async <T extends PresenceMessage['type']>(
    type: T,
    matches: (message: Extract<PresenceMessage, { type: T }>) => boolean = () => true,
  ): Promise<Extract<PresenceMessage, { type: T }>> => {
    for (;;) {
      const found = messages.find(
        (m): m is Extract<PresenceMessage, { type: T }> =>
          m.type === type && matches(m as Extract<PresenceMessage, { type: T }>),
      );
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { socket, messages, next };
}

describe('presence of a node', () => {
  let node: TestNode;
  let agent: { id: string; name: string };
  let token: string;

  beforeEach(async () => {
    node = await startTestNode({ AGENT_SERVER_NAME: 'node-under-test' });
    const created = await node.provision('coder');
    agent = created.agent;
    token = created.credentials.token;
  });
  afterEach(async () => {
    await node.close();
  });

  const get = (url: string, as?: string) => node.call('GET', url, undefined, as);

  it('describes the server with a stable id kept in the state', async () => {
    const answer = await get('/api/presence/server');
    expect(answer.statusCode).toBe(200);
    const server = answer.json();
    expect(server).toMatchObject({
      name: 'node-under-test',
      version: AGENT_SERVER_VERSION,
      host: '127.0.0.1',
      port: Number(new URL(node.base).port),
      status: 'online',
      reasons: [],
      environment: { node: process.version, platform: process.platform, arch: process.arch, isolation: 'directory' },
    });
    expect(server.uptime).toBeGreaterThanOrEqual(0);
    expect(Date.parse(server.startedAt)).not.toBeNaN();
    const stored = JSON.parse(fs.readFileSync(`${node.dataDir}/state.json`, 'utf8'));
    expect(stored.settings.nodeId).toBe(server.id);
    expect((await get('/api/presence/server')).json().id).toBe(server.id);
  });

  it('reports degraded, with the reason, when the homes directory cannot be written', async () => {
    // Root writes anywhere, so make the homes path something that is not a directory at all.
    fs.renameSync(`${node.dataDir}/homes`, `${node.dataDir}/homes-moved`);
    fs.writeFileSync(`${node.dataDir}/homes`, 'not a directory');
    try {
      const server = (await get('/api/presence/server')).json();
      expect(server.status).toBe('degraded');
      expect(server.reasons).toEqual(["The agents' homes directory cannot be written"]);
      expect((await get('/api/presence/status')).json().status).toBe('degraded');
    } finally {
      fs.rmSync(`${node.dataDir}/homes`);
      fs.renameSync(`${node.dataDir}/homes-moved`, `${node.dataDir}/homes`);
    }
  });

  it('lists agents with their counts and open terminals, and summarises the node', async () => {
    const workspace = (
      await node.call('POST', `/api/agents/${agent.id}/workspaces`, { name: 'main', kind: 'personal' })
    ).json();
    await node.call('POST', `/api/agents/${agent.id}/projects`, {
      name: 'app',
      workspaceId: workspace.id,
      type: 'generic',
    });
    await node.provision('idle', { engine: 'openai' });
    const idle = (await get('/api/agents')).json().agents.find((a: { name: string }) => a.name === 'idle');
    await node.call('POST', `/api/agents/${idle.id}/suspend`);
    node.app.node.events.emit({ type: 'terminal_opened', agentId: agent.id, sessionId: 's1' });

    const agents = (await get('/api/presence/agents')).json().agents;
    expect(agents).toEqual([
      {
        id: agent.id,
        name: 'coder',
        unixUser: null,
        engine: 'claude',
        status: 'active',
        lastActiveAt: null,
        workspaceCount: 1,
        projectCount: 1,
        terminalOpen: true,
        openTerminals: 1,
      },
      expect.objectContaining({ name: 'idle', status: 'suspended', terminalOpen: false, workspaceCount: 0 }),
    ]);

    const status = (await get('/api/presence/status')).json();
    expect(status).toMatchObject({
      status: 'online',
      version: AGENT_SERVER_VERSION,
      agents: { total: 2, active: 1, suspended: 1 },
      terminals: { open: 1 },
    });
    expect(status.load).toHaveLength(3);
    expect(status.memory.total).toBeGreaterThan(0);
    expect(status.disk.total).toBeGreaterThan(0);
    expect(status.disk.available).toBeLessThanOrEqual(status.disk.total);
  });

  it('is for the master token only: an agent token gets 403, no token 401', async () => {
    for (const url of ['/api/presence/server', '/api/presence/agents', '/api/presence/status']) {
      expect((await get(url, token)).statusCode, url).toBe(403);
      expect((await node.app.inject(url)).statusCode, url).toBe(401);
    }
    const refused = new WebSocket(`${node.base.replace('http', 'ws')}/api/presence/ws`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const status = await new Promise<number>((resolve) =>
      refused.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    );
    expect(status).toBe(403);
  });

  it('streams a snapshot, then agent status changes and terminals opened and closed', async () => {
    const feed = await openFeed(node);
    try {
      const snapshot = await feed.next('snapshot');
      expect(snapshot.agents.map((a) => a.name)).toEqual(['coder']);
      expect(snapshot.server.status).toBe('online');

      const suspended = await node.app.inject({
        method: 'POST',
        url: `/api/agents/${agent.id}/suspend`,
        headers: node.auth(),
      });
      expect(suspended.statusCode).toBe(200);
      const changed = await feed.next('agent_changed', (m) => m.agent.id === agent.id);
      expect(changed.agent).toMatchObject({ name: 'coder', status: 'suspended', terminalOpen: false });

      const sessionId = randomUUID();
      node.app.node.events.emit({ type: 'terminal_opened', agentId: agent.id, sessionId });
      expect(await feed.next('terminal_opened')).toEqual({
        type: 'terminal_opened',
        agentId: agent.id,
        sessionId,
        openTerminals: 1,
      });
      node.app.node.events.emit({ type: 'terminal_closed', agentId: agent.id, sessionId });
      expect(await feed.next('terminal_closed')).toEqual({
        type: 'terminal_closed',
        agentId: agent.id,
        sessionId,
        openTerminals: 0,
      });

      await node.app.inject({ method: 'DELETE', url: `/api/agents/${agent.id}`, headers: node.auth() });
      expect(await feed.next('agent_deleted')).toEqual({ type: 'agent_deleted', agentId: agent.id });
      expect(feed.messages[0]?.type).toBe('snapshot');
    } finally {
      feed.socket.close();
    }
  });
});
