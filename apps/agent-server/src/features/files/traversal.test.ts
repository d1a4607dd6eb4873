import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';

/*
 * Safety: these tests run as root. Links used with endpoints that write, delete or move lead to a canary tree outside
 * the home but inside the test's DATA_DIR (`outside/etc` stands in for /etc), so a regression fails the test instead of
 * damaging the machine; the real /etc is only aimed at by endpoints that read.
 */

/** Every file under `root` (symlinks as their target text) with a hash of its bytes: a fingerprint of "untouched". */
function fingerprint(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stats = fs.lstatSync(full);
      if (stats.isSymbolicLink()) found[full] = `link:${fs.readlinkSync(full)}`;
      else if (stats.isDirectory()) visit(full);
      else found[full] = `${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}:${stats.mtimeMs}`;
    }
  };
  visit(root);
  return found;
}

describe('the traversal corpus against every filesystem endpoint', () => {
  let node: TestNode;
  let agentId: string;
  let home: string;
  let outside: string;
  let neighbourHome: string;
  let before: { outside: Record<string, string>; neighbour: Record<string, string> };

  beforeAll(async () => {
    node = await startTestNode();
    const create = async (name: string) =>
      (
        await node.app.inject({
          method: 'POST',
          url: '/api/agents',
          headers: node.auth(),
          payload: { name, engine: 'claude' },
        })
      ).json().agent;
    const agent = await create('coder');
    const neighbour = await create('neighbour');
    agentId = agent.id;
    home = agent.home;
    neighbourHome = neighbour.home;
    outside = path.join(node.dataDir, 'outside');
    fs.mkdirSync(path.join(outside, 'dir'), { recursive: true });
    fs.mkdirSync(path.join(outside, 'etc'));
    fs.writeFileSync(path.join(outside, 'etc', 'passwd'), 'root:x:0:0:canary');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside secret');
    fs.writeFileSync(path.join(outside, 'dir', 'inner.txt'), 'outside inner');
    fs.writeFileSync(path.join(neighbourHome, 'diary.txt'), 'neighbour secret');

    fs.mkdirSync(path.join(home, 'sub'));
    fs.writeFileSync(path.join(home, 'inside.txt'), 'inside');
    const link = (target: string, at: string) => fs.symlinkSync(target, path.join(home, at));
    link(path.join(outside, 'etc'), 'etc-link');
    link('/etc', 'real-etc');
    link(outside, 'out');
    link('../../outside', 'rel-out');
    link('b', 'a');
    link(path.join(outside, 'etc'), 'b');
    link(path.join(outside, 'secret.txt'), 'secret-link');
    link('../neighbour', 'neighbour');
    link('../../../outside', 'sub/escape');
    link(path.join(outside, 'missing'), 'dangling-out');
    before = { outside: fingerprint(outside), neighbour: fingerprint(neighbourHome) };
  });

  afterAll(async () => {
    await node.close();
  });

  /** Paths that resolve (or would, after one more decoding) outside the home, and malformed ones. */
  const corpus: { path: string; status: number; code: string }[] = [
    ...[
      '..',
      '../',
      '../../etc/passwd',
      '../neighbour/diary.txt',
      'sub/../../neighbour/diary.txt',
      '/etc/passwd',
      '/',
      '%2e%2e',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '%2E%2E/%2E%2E/etc/passwd',
      '..%2f..%2fetc%2fpasswd',
      '%252e%252e%252fetc%252fpasswd',
      '%25252e%25252e%25252f',
      'etc-link/passwd',
      'etc-link/pwned.txt',
      'out/secret.txt',
      'out/dir/inner.txt',
      'out/pwned.txt',
      'rel-out/secret.txt',
      'a/passwd',
      'a/pwned.txt',
      'neighbour/diary.txt',
      'sub/escape/secret.txt',
      'dangling-out/pwned.txt',
    ].map((p) => ({ path: p, status: 403, code: 'path_outside_home' })),
    { path: `${'a'.repeat(10)}/${'long/'.repeat(1000)}x`, status: 400, code: 'path_too_long' },
    { path: 'inside.txt\0.png', status: 400, code: 'invalid_path' },
    { path: 'sub\0/../../etc/passwd', status: 403, code: 'path_outside_home' },
  ];
  /** Symlinks out of the home, refused by the endpoints that follow a final symlink (read, write, list, tree, search). */
  const finalLinks = ['etc-link', 'out', 'a', 'secret-link', 'neighbour', 'dangling-out', 'real-etc'].map((p) => ({
    path: p,
    status: 403,
    code: 'path_outside_home',
  }));

  const q = encodeURIComponent;
  const url = (endpoint: string) => `/api/agents/${agentId}/fs${endpoint}`;
  type Case = {
    name: string;
    method: 'GET' | 'PUT' | 'POST' | 'DELETE';
    url: (p: string) => string;
    body?: (p: string) => object;
  };
  const following: Case[] = [
    { name: 'list', method: 'GET', url: (p) => url(`/list?path=${q(p)}`) },
    { name: 'tree', method: 'GET', url: (p) => url(`/tree?path=${q(p)}&depth=3`) },
    { name: 'read', method: 'GET', url: (p) => url(`/read?path=${q(p)}`) },
    { name: 'search', method: 'GET', url: (p) => url(`/search?query=secret&content=true&path=${q(p)}`) },
    { name: 'write', method: 'PUT', url: () => url('/write'), body: (p) => ({ path: p, content: 'pwned' }) },
  ];
  const all: Case[] = [
    ...following,
    { name: 'mkdir', method: 'POST', url: () => url('/mkdir'), body: (p) => ({ path: `${p}/made` }) },
    { name: 'delete', method: 'DELETE', url: (p) => url(`?path=${q(p)}&recursive=true`) },
    { name: 'rename from', method: 'POST', url: () => url('/rename'), body: (p) => ({ from: p, to: 'stolen-r' }) },
    { name: 'rename to', method: 'POST', url: () => url('/rename'), body: (p) => ({ from: 'inside.txt', to: p }) },
    { name: 'copy from', method: 'POST', url: () => url('/copy'), body: (p) => ({ from: p, to: 'stolen-c' }) },
    { name: 'copy to', method: 'POST', url: () => url('/copy'), body: (p) => ({ from: 'inside.txt', to: p }) },
  ];

  const send = (endpoint: Case, p: string) =>
    node.app.inject({
      method: endpoint.method,
      url: endpoint.url(p),
      headers: node.auth(),
      ...(endpoint.body ? { payload: endpoint.body(p) } : {}),
    });

  for (const endpoint of all) {
    it(`${endpoint.name}: refuses every path of the corpus`, async () => {
      for (const item of corpus) {
        const response = await send(endpoint, item.path);
        expect(
          [response.statusCode, response.json().error?.code],
          `${endpoint.name} ${JSON.stringify(item.path)}`,
        ).toEqual([item.status, item.code]);
        expect(response.body).not.toMatch(/outside secret|neighbour secret|root:x:0|canary/);
      }
    });
  }

  for (const endpoint of following) {
    it(`${endpoint.name}: refuses a final symlink leading outside`, async () => {
      for (const item of finalLinks) {
        const response = await send(endpoint, item.path);
        expect([response.statusCode, response.json().error?.code], `${endpoint.name} ${item.path}`).toEqual([
          item.status,
          item.code,
        ]);
      }
    });
  }

  it('refuses reading the real /etc through a symlink', async () => {
    for (const endpoint of following.filter((candidate) => candidate.method === 'GET')) {
      for (const p of ['real-etc', 'real-etc/passwd', 'real-etc/ssl']) {
        const response = await send(endpoint, p);
        expect([response.statusCode, response.json().error?.code], `${endpoint.name} ${p}`).toEqual([
          403,
          'path_outside_home',
        ]);
        expect(response.body).not.toContain('root:x:0');
      }
    }
  });

  it('refuses the encoded dots as they arrive in a raw query string (decoded once by the server)', async () => {
    for (const raw of ['%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%2e%2e', '..%2Fetc', '%252e%252e%252fetc%252fpasswd']) {
      const response = await node.app.inject({ url: url(`/read?path=${raw}`), headers: node.auth() });
      expect([response.statusCode, response.json().error.code], raw).toEqual([403, 'path_outside_home']);
    }
    const nul = await node.app.inject({ url: url('/read?path=inside.txt%00.png'), headers: node.auth() });
    expect([nul.statusCode, nul.json().error.code]).toEqual([400, 'invalid_path']);
  });

  it('search from the home lists the outbound links by name but never reads or descends through them', async () => {
    const response = await node.app.inject({ url: url('/search?query=secret&content=true'), headers: node.auth() });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toEqual([{ path: 'secret-link', name: 'secret-link', type: 'symlink' }]);
    const tree = await node.app.inject({ url: url('/tree?depth=8'), headers: node.auth() });
    expect(tree.body).not.toMatch(/passwd|inner\.txt|diary/);
  });

  it('left everything outside the home as it was, and the home as it was', () => {
    expect(fingerprint(outside)).toEqual(before.outside);
    expect(fingerprint(neighbourHome)).toEqual(before.neighbour);
    expect(fs.readdirSync(home).sort()).toEqual(
      [
        'a',
        'b',
        'dangling-out',
        'etc-link',
        'inside.txt',
        'neighbour',
        'out',
        'real-etc',
        'rel-out',
        'secret-link',
        'sub',
      ].sort(),
    );
    expect(fs.readFileSync(path.join(home, 'inside.txt'), 'utf8')).toBe('inside');
    expect(fs.existsSync(path.join(outside, 'missing'))).toBe(false);
    const nodeFiles = fs.readdirSync(node.dataDir).filter((name) => !name.startsWith('state.json'));
    expect(nodeFiles.sort()).toEqual(['homes', 'outside']);
    expect(fs.readdirSync(path.join(node.dataDir, 'homes')).sort()).toEqual(['coder', 'neighbour']);
  });
});
