import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SessionTokens } from '@mcp-studio/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildNodeApp } from '../../../../agent-server/src/app.js';
import { loadConfig } from '../../../../agent-server/src/config.js';
import { SecretBox } from '../../../../agent-server/src/platform/crypto/secretBox.js';
import { StateStore } from '../../../../agent-server/src/platform/state/stateStore.js';
import type { StudioEvent } from '../../platform/events/bus.js';
import {
  type ApiMethod,
  callApi,
  organizationWithEveryRole,
  startTestStudio,
  type TestStudio,
} from '../../test/harness.js';

/** A real agent server on a temporary DATA_DIR whose node key and master token survive a restart. */
class NodeFixture {
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-node-'));
  readonly masterToken = `mcpm_${randomBytes(24).toString('base64url')}`;
  private readonly key = randomBytes(32);

  /** Starts the node (again, on the same DATA_DIR and key); port 0 takes a free one, which the node reports. */
  async start(env: Record<string, string>, port = 0) {
    const config = loadConfig({
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'silent',
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      AGENT_SERVER_PORT: String(port),
      ...env,
    });
    const state = await StateStore.open(this.dataDir);
    const app = await buildNodeApp({ config, state, box: new SecretBox(this.key), masterToken: this.masterToken });
    await app.listen({ port, host: '127.0.0.1' });
    const address = app.server.address();
    const actual = typeof address === 'object' && address ? address.port : 0;
    return {
      port: actual,
      stop: async () => {
        await app.close();
        await state.close();
      },
    };
  }

  remove(): void {
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Polls `check` until it gives a value; fails after the deadline. Conditions, not timings, are asserted. */
async function waitFor<T>(check: () => Promise<T | undefined>, deadlineMs = 15_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('agent servers', () => {
  let studio: TestStudio;
  let studioUrl: string;
  let members: Record<'ADMIN' | 'MANAGER' | 'OPERATOR' | 'VIEWER' | 'USER', SessionTokens>;
  const node = new NodeFixture();
  let running: Awaited<ReturnType<NodeFixture['start']>> | undefined;
  let serverId: string;
  let firstToken: string;
  const events: StudioEvent[] = [];
  /** Every body the studio sent back, to check the master token is in none. */
  const bodies: string[] = [];

  const call = async (role: keyof typeof members, method: ApiMethod, url: string, payload?: object) => {
    const res = await callApi(studio.app, members[role].accessToken, method, url, payload);
    bodies.push(res.body);
    return res;
  };
  const listed = async () => (await call('VIEWER', 'GET', '/api/agent-servers')).json().agentServers;

  beforeAll(async () => {
    studio = await startTestStudio({ env: { AGENT_SERVER_SWEEP_INTERVAL_MS: '100' } });
    await studio.app.listen({ port: 0, host: '127.0.0.1' });
    const address = studio.app.server.address();
    studioUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    members = await organizationWithEveryRole(studio.app);
    studio.deps.bus.subscribe((event) => {
      if (event.topic === 'servers') events.push(event);
    });
  });
  afterAll(async () => {
    await running?.stop();
    await studio.close();
    node.remove();
  });

  it('lets only an ADMIN create a registration token, shown once with the command to run', async () => {
    for (const role of ['MANAGER', 'OPERATOR', 'VIEWER'] as const) {
      expect((await call(role, 'POST', '/api/agent-servers/registration-tokens', { name: 'vm-1' })).statusCode).toBe(
        403,
      );
    }
    const res = await call('ADMIN', 'POST', '/api/agent-servers/registration-tokens', { name: 'vm-1' });
    expect(res.statusCode).toBe(201);
    const { token, command, expiresAt } = res.json();
    firstToken = token;
    expect(token).toMatch(/^mcpr_/);
    expect(command).toContain(`REGISTRATION_TOKEN='${token}'`);
    expect(command).toContain(`AGENT_SERVER_NAME='vm-1'`);
    expect(command).toContain('npm run agent-server');
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);

    // A node registers with it and beats; the studio lists it ONLINE with its figures.
    running = await node.start({ STUDIO_URL: studioUrl, REGISTRATION_TOKEN: token, HEARTBEAT_INTERVAL_MS: '200' });
    const online = await waitFor(async () => {
      const [server] = await listed();
      return server?.status === 'ONLINE' && server.lastHeartbeatAt ? server : undefined;
    });
    serverId = online.id;
    expect(online).toMatchObject({
      name: 'vm-1',
      url: `http://127.0.0.1:${running.port}`,
      origin: 'registered',
      heartbeatIntervalMs: 200,
      agentCount: 0,
      maintenance: false,
    });
    expect(online.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(online.memory.totalBytes).toBeGreaterThan(0);
    expect(online.disk.totalBytes).toBeGreaterThan(0);
    expect(online.load).toHaveLength(3);
    // The listing can see the committed row a moment before the beat's handler announces the change.
    await waitFor(async () =>
      events.find(
        (e) => e.type === 'agent_server_status_changed' && (e.data as { status: string }).status === 'ONLINE',
      ),
    );

    // The token was single-use.
    const again = await studio.app.inject({
      method: 'POST',
      url: '/api/agent-servers/register',
      payload: {
        registrationToken: token,
        name: 'x',
        url: 'http://127.0.0.1:1',
        masterToken: 'm'.repeat(40),
        version: '1.0.0',
      },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_registration_token');
  });

  it('refuses a heartbeat without the node token', async () => {
    const beat = {
      version: '1.0.0',
      uptimeSeconds: 1,
      load: [0, 0, 0],
      memory: { totalBytes: 1, freeBytes: 1 },
      disk: { totalBytes: 1, freeBytes: 1 },
      agentCount: 0,
      status: 'online',
      intervalMs: 1000,
    };
    const res = await studio.app.inject({
      method: 'POST',
      url: `/api/agent-servers/${serverId}/heartbeat`,
      headers: { authorization: `Bearer mcpn_${'x'.repeat(43)}` },
      payload: beat,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_node_token');
  });

  it('proxies agents to the node with the roles applied per route family', async () => {
    const base = `/api/agent-servers/${serverId}`;
    expect((await call('OPERATOR', 'POST', `${base}/agents`, { name: 'coder', engine: 'claude' })).statusCode).toBe(
      403,
    );
    const created = await call('MANAGER', 'POST', `${base}/agents`, {
      name: 'coder',
      engine: 'claude',
      apiKey: 'sk-canary-1',
    });
    expect(created.statusCode).toBe(201);
    const { agent, credentials } = created.json();
    expect(credentials.token).toMatch(/^mcpa_/);

    const list = await call('VIEWER', 'GET', `${base}/agents`);
    expect(list.statusCode).toBe(200);
    expect(list.json().agents.map((a: { name: string }) => a.name)).toEqual(['coder']);
    expect(list.body).not.toContain(credentials.token);
    expect((await call('VIEWER', 'GET', `${base}/agents/${agent.id}`)).json().name).toBe('coder');

    // The node's own answer comes back as it is: an unknown agent is its 404.
    const missing = await call('ADMIN', 'GET', `${base}/agents/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    // Path segments are checked before anything is forwarded.
    expect((await call('ADMIN', 'GET', `${base}/agents/..%2F..%2Fetc`)).statusCode).toBe(400);

    // VIEWERs read no file and open no terminal; OPERATORs do.
    expect((await call('VIEWER', 'GET', `${base}/agents/${agent.id}/fs/list?path=.`)).statusCode).toBe(403);
    expect(
      (await call('VIEWER', 'POST', `${base}/agents/${agent.id}/terminals`, { cols: 80, rows: 24 })).statusCode,
    ).toBe(403);
    expect(
      (await call('VIEWER', 'POST', `${base}/agents/${agent.id}/exec`, { command: 'id', timeoutMs: 1000 })).statusCode,
    ).toBe(403);
    const written = await call('OPERATOR', 'PUT', `${base}/agents/${agent.id}/fs/write`, {
      path: 'notes.txt',
      content: 'hello',
    });
    expect(written.statusCode).toBe(200);
    expect(fs.readFileSync(path.join(agent.home, 'notes.txt'), 'utf8')).toBe('hello');
    const read = await call('OPERATOR', 'GET', `${base}/agents/${agent.id}/fs/read?path=notes.txt`);
    expect(read.statusCode).toBe(200);
    expect(read.json().content).toBe('hello');
    const outside = await call('OPERATOR', 'GET', `${base}/agents/${agent.id}/fs/read?path=..%2F..%2Fstate.json`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('path_outside_home');

    // The figures follow: the next beats count the agent.
    await waitFor(async () => ((await listed())[0]?.agentCount === 1 ? true : undefined));

    // Provisioning changes need MANAGER: suspend and activate.
    expect((await call('OPERATOR', 'POST', `${base}/agents/${agent.id}/suspend`)).statusCode).toBe(403);
    expect((await call('MANAGER', 'POST', `${base}/agents/${agent.id}/suspend`)).json().status).toBe('suspended');
    expect((await call('ADMIN', 'POST', `${base}/agents/${agent.id}/activate`)).json().status).toBe('active');
  });

  it('pipes a terminal WebSocket to the node for OPERATORs and refuses VIEWERs', async () => {
    const base = `/api/agent-servers/${serverId}`;
    const [agent] = (await call('ADMIN', 'GET', `${base}/agents`)).json().agents;
    const session = await call('OPERATOR', 'POST', `${base}/agents/${agent.id}/terminals`, { cols: 80, rows: 24 });
    expect(session.statusCode).toBe(201);
    const sid = session.json().id;
    const wsUrl = (role: keyof typeof members) =>
      `${studioUrl.replace('http', 'ws')}${base}/terminals/${sid}/ws?token=${members[role].accessToken}`;

    const refused = new WebSocket(wsUrl('VIEWER'));
    const refusedClose = await new Promise<number>((resolve) => refused.on('close', (code) => resolve(code)));
    expect(refusedClose).toBe(4403);

    const socket = new WebSocket(wsUrl('OPERATOR'));
    let output = '';
    socket.on('message', (data, isBinary) => {
      if (isBinary) output += data.toString();
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(Buffer.from('echo "hel""lo from the studio"\r'), { binary: true });
    await waitFor(async () => (output.includes('hello from the studio') ? true : undefined));
    socket.close();
    expect((await call('OPERATOR', 'DELETE', `${base}/terminals/${sid}`)).statusCode).toBeLessThan(300);
  });

  it('attaches a running node only with its master token, and never shows that token', async () => {
    const url = `http://127.0.0.1:${running!.port}`;
    const wrong = await call('ADMIN', 'POST', '/api/agent-servers', {
      name: 'attached',
      url,
      masterToken: `mcpm_${'w'.repeat(40)}`,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_master_token');
    const nobody = await call('ADMIN', 'POST', '/api/agent-servers', {
      name: 'attached',
      url: 'http://127.0.0.1:1',
      masterToken: node.masterToken,
    });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.code).toBe('agent_server_unreachable');
    const metadata = await call('ADMIN', 'POST', '/api/agent-servers', {
      name: 'attached',
      url: 'http://169.254.169.254',
      masterToken: node.masterToken,
    });
    expect(metadata.statusCode).toBe(400);
    expect(metadata.json().error.code).toBe('url_not_allowed');
    expect(
      (await call('MANAGER', 'POST', '/api/agent-servers', { name: 'attached', url, masterToken: node.masterToken }))
        .statusCode,
    ).toBe(403);

    const attached = await call('ADMIN', 'POST', '/api/agent-servers', {
      name: 'attached',
      url,
      masterToken: node.masterToken,
    });
    expect(attached.statusCode).toBe(201);
    expect(attached.json()).toMatchObject({ origin: 'attached', status: 'ONLINE' });
    const agents = await call('VIEWER', 'GET', `/api/agent-servers/${attached.json().id}/agents`);
    expect(agents.json().agents).toHaveLength(1);

    expect((await call('ADMIN', 'DELETE', `/api/agent-servers/${attached.json().id}`)).statusCode).toBe(204);
    expect((await call('ADMIN', 'GET', `/api/agent-servers/${attached.json().id}`)).statusCode).toBe(404);
  });

  it('keeps MAINTENANCE over heartbeats until an ADMIN lifts it', async () => {
    expect((await call('MANAGER', 'PATCH', `/api/agent-servers/${serverId}`, { maintenance: true })).statusCode).toBe(
      403,
    );
    const on = await call('ADMIN', 'PATCH', `/api/agent-servers/${serverId}`, { maintenance: true });
    expect(on.json()).toMatchObject({ status: 'MAINTENANCE', maintenance: true });
    const before = (await listed())[0].lastHeartbeatAt;
    await waitFor(async () => ((await listed())[0].lastHeartbeatAt !== before ? true : undefined));
    expect((await listed())[0].status).toBe('MAINTENANCE');
    const off = await call('ADMIN', 'PATCH', `/api/agent-servers/${serverId}`, { maintenance: false });
    expect(off.json().status).toBe('ONLINE');
  });

  it('marks a stopped node OFFLINE within three intervals, then ONLINE again after a restart without a new token', async () => {
    const port = running!.port;
    await running!.stop();
    running = undefined;
    events.length = 0;
    const offline = await waitFor(async () => {
      const [server] = await listed();
      return server?.status === 'OFFLINE' ? server : undefined;
    });
    expect(offline.lastError).toContain('no heartbeat');
    const event = await waitFor(async () => events.find((e) => e.type === 'agent_server_status_changed'));
    expect(event.data).toMatchObject({ id: serverId, status: 'OFFLINE', previousStatus: 'ONLINE' });

    // A restart with the same environment reuses the stored registration (the spent token is not sent again).
    running = await node.start(
      { STUDIO_URL: studioUrl, REGISTRATION_TOKEN: firstToken, HEARTBEAT_INTERVAL_MS: '200' },
      port,
    );
    const back = await waitFor(async () => {
      const servers = await listed();
      return servers[0]?.status === 'ONLINE' ? servers : undefined;
    });
    expect(back.map((s: { id: string }) => s.id)).toEqual([serverId]);
    // The node keeps its node token sealed.
    const stored = fs.readFileSync(path.join(node.dataDir, 'state.json'), 'utf8');
    expect(stored).toContain(serverId);
    expect(stored).not.toContain('mcpn_');
  });

  it('never returned the master token in any response', () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) expect(body).not.toContain(node.masterToken);
    expect(studio.logs()).not.toContain(node.masterToken);
  });
});

describe('a node started before its studio', () => {
  it('keeps retrying with backoff, never crashing, and registers once the studio is up', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const node = new NodeFixture();
    const studioUrl = `http://127.0.0.1:${port}`;
    // The token is made by this studio once it runs; the node is started first with the token it will hold.
    const studio = await startTestStudio();
    const { ADMIN } = await organizationWithEveryRole(studio.app);
    const { token } = (
      await callApi(studio.app, ADMIN.accessToken, 'POST', '/api/agent-servers/registration-tokens', { name: 'early' })
    ).json();
    const running = await node.start({
      STUDIO_URL: studioUrl,
      REGISTRATION_TOKEN: token,
      HEARTBEAT_INTERVAL_MS: '200',
    });
    try {
      const servers = async () =>
        (await callApi(studio.app, ADMIN.accessToken, 'GET', '/api/agent-servers')).json().agentServers;
      // Nothing reaches the studio while it does not listen; the node keeps serving meanwhile.
      expect(await servers()).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${running.port}/health`)).status).toBe(200);
      await studio.app.listen({ port, host: '127.0.0.1' });
      const [server] = await waitFor(async () => {
        const list = await servers();
        return list[0]?.status === 'ONLINE' ? list : undefined;
      }, 30_000);
      expect(server.name).toBe('early');
    } finally {
      await running.stop();
      await studio.close();
      node.remove();
    }
  });
});
