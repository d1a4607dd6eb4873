import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  addMember,
  bearer,
  organizationWithEveryRole,
  registerOwner,
  startTestStudio,
  type TestStudio,
} from '../../test/harness.js';

interface Message {
  type: string;
  topic?: string;
  timestamp: string;
  data: Record<string, unknown> & { credentials?: { id: string; name: string }[]; id?: string; name?: string };
}

/** A dashboard client that records every message and can wait for one that matches. */
class Client {
  readonly messages: Message[] = [];
  private waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly socket: WebSocket;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as Message;
      this.messages.push(message);
      const [matched, waiting] = [
        this.waiters.filter((w) => w.match(message)),
        this.waiters.filter((w) => !w.match(message)),
      ];
      this.waiters = waiting;
      for (const waiter of matched) waiter.resolve(message);
    });
    this.closed = new Promise((resolve) =>
      this.socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  next(match: (m: Message) => boolean, timeoutMs = 5000): Promise<Message> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message; got ${JSON.stringify(this.messages)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }
}

describe('/ws/dashboard', () => {
  let studio: TestStudio;
  let base: string;
  let team: Awaited<ReturnType<typeof organizationWithEveryRole>>;
  let stranger: Awaited<ReturnType<typeof registerOwner>>;
  const clients: Client[] = [];
  const connect = async (query = '') => {
    const client = new Client(`${base}/ws/dashboard${query}`);
    clients.push(client);
    await client.opened();
    return client;
  };
  const createCredential = (token: string, body: Record<string, unknown>) =>
    studio.app.inject({
      method: 'POST',
      url: '/api/credentials',
      headers: bearer(token),
      payload: { type: 'token', value: 'live-secret-value', ...body },
    });

  beforeAll(async () => {
    studio = await startTestStudio({ env: { REGISTRATION: 'open' } });
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    base = `ws://127.0.0.1:${(studio.app.server.address() as AddressInfo).port}`;
    team = await organizationWithEveryRole(studio.app, 'Live');
    stranger = await registerOwner(studio.app, 'Elsewhere');
  });
  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await studio.close();
  });

  it('answers a subscribe with initial_state per topic, then streams new credentials live', async () => {
    await createCredential(team.ADMIN.accessToken, { name: 'before-connect', visibility: 'internal' });
    const client = await connect(`?token=${team.ADMIN.accessToken}`);
    await client.next((m) => m.type === 'authenticated');
    client.send({ type: 'subscribe', topics: ['credentials', 'members', 'system', 'agents'] });
    const initial = await client.next((m) => m.type === 'initial_state' && m.topic === 'credentials');
    expect(initial.data.credentials?.map((c) => c.name)).toContain('before-connect');
    expect((await client.next((m) => m.type === 'initial_state' && m.topic === 'members')).data.members).toHaveLength(
      5,
    );
    expect((await client.next((m) => m.type === 'initial_state' && m.topic === 'agents')).data).toEqual({});
    expect((await client.next((m) => m.type === 'initial_state' && m.topic === 'system')).data).toMatchObject({
      version: '0.1.0',
    });

    const created = (
      await createCredential(team.MANAGER.accessToken, { name: 'made-live', visibility: 'internal' })
    ).json();
    const event = await client.next((m) => m.type === 'credential_created');
    expect(event).toMatchObject({ topic: 'credentials', data: { id: created.id, name: 'made-live', hasValue: true } });
    expect(Date.parse(event.timestamp)).not.toBeNaN();
    expect(JSON.stringify(client.messages)).not.toContain('live-secret-value');
  });

  it('accepts the token as a first auth message instead of the query string', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', topics: ['credentials'] });
    expect((await client.next((m) => m.type === 'error')).data.message).toContain('Authenticate first');
    client.send({ type: 'auth', token: team.OPERATOR.accessToken });
    await client.next((m) => m.type === 'authenticated');
    client.send({ type: 'subscribe', topics: ['credentials'] });
    await client.next((m) => m.type === 'initial_state');
    await createCredential(team.ADMIN.accessToken, { name: 'seen-by-operator', visibility: 'public' });
    expect((await client.next((m) => m.type === 'credential_created')).data.name).toBe('seen-by-operator');
  });

  it('sends only what the user may see: not other organizations, not private credentials of others', async () => {
    const viewer = await connect(`?token=${team.VIEWER.accessToken}`);
    const outsider = await connect(`?token=${stranger.accessToken}`);
    for (const client of [viewer, outsider]) {
      client.send({ type: 'subscribe', topics: ['credentials'] });
      await client.next((m) => m.type === 'initial_state');
    }
    await createCredential(team.ADMIN.accessToken, { name: 'admin-private', visibility: 'private' });
    await createCredential(team.ADMIN.accessToken, { name: 'team-internal', visibility: 'internal' });
    expect((await viewer.next((m) => m.type === 'credential_created')).data.name).toBe('team-internal');
    await createCredential(stranger.accessToken, { name: 'outsider-own', visibility: 'internal' });
    expect((await outsider.next((m) => m.type === 'credential_created')).data.name).toBe('outsider-own');
    const names = (c: Client) => c.messages.filter((m) => m.type === 'credential_created').map((m) => m.data.name);
    expect(names(viewer)).toEqual(['team-internal']);
    expect(names(outsider)).toEqual(['outsider-own']);
  });

  it('stops sending a topic after unsubscribe', async () => {
    const client = await connect(`?token=${team.ADMIN.accessToken}`);
    client.send({ type: 'subscribe', topics: ['credentials'] });
    await client.next((m) => m.type === 'initial_state');
    client.send({ type: 'unsubscribe', topics: ['credentials'] });
    await client.next((m) => m.type === 'unsubscribed');
    await createCredential(team.ADMIN.accessToken, { name: 'after-unsubscribe', visibility: 'internal' });
    client.send({ type: 'ping' });
    await client.next((m) => m.type === 'pong');
    expect(client.messages.some((m) => m.type === 'credential_created')).toBe(false);
  });

  it('closes with 4401 for a bad token, and rejects malformed messages without closing', async () => {
    const bad = await connect('?token=not-a-token');
    expect((await bad.closed).code).toBe(4401);
    const client = await connect(`?token=${team.ADMIN.accessToken}`);
    await client.next((m) => m.type === 'authenticated');
    client.socket.send('{not json');
    expect((await client.next((m) => m.type === 'error')).data.message).toContain('JSON');
    client.send({ type: 'subscribe', topics: [] });
    expect((await client.next((m) => m.type === 'error' && String(m.data.message).startsWith('Invalid'))).type).toBe(
      'error',
    );
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('announces a member who joins by invitation on the members topic', async () => {
    const client = await connect(`?token=${team.ADMIN.accessToken}`);
    client.send({ type: 'subscribe', topics: ['members'] });
    await client.next((m) => m.type === 'initial_state');
    const joined = await addMember(studio.app, team.ADMIN.accessToken, 'VIEWER');
    const event = await client.next((m) => m.type === 'member_added');
    expect(event.data).toMatchObject({ id: joined.user.id, role: 'VIEWER' });
  });
});
