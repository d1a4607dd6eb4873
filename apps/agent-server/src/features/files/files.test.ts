import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../test/testNode.js';
import { FileService } from './service.js';

describe("an agent's files over HTTP", () => {
  let node: TestNode;
  let agent: { id: string; home: string };
  let token: string;

  const start = async (env: Record<string, string> = {}) => {
    node = await startTestNode(env);
    const created = await node.provision('coder');
    agent = created.agent;
    token = created.credentials.token;
  };

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, as?: string) =>
    node.call(method, `/api/agents/${agent.id}/fs${url}`, payload, as);
  const q = (value: string) => encodeURIComponent(value);
  const onDisk = (relative: string) => path.join(agent.home, relative);

  beforeEach(async () => {
    await start();
  });
  afterEach(async () => {
    await node.close();
  });

  it('writes a file atomically (parents created, no temporary file left) and reads the same bytes back', async () => {
    const written = await call('PUT', '/write', { path: 'src/app/main.ts', content: 'console.log("hé");\n' });
    expect(written.statusCode).toBe(200);
    expect(written.json()).toMatchObject({
      name: 'main.ts',
      path: 'src/app/main.ts',
      type: 'file',
      size: Buffer.byteLength('console.log("hé");\n'),
      permissions: 'rw-r--r--',
      mode: '0644',
    });
    expect(fs.readFileSync(onDisk('src/app/main.ts'), 'utf8')).toBe('console.log("hé");\n');
    expect(fs.readdirSync(onDisk('src/app'))).toEqual(['main.ts']);

    const read = (await call('GET', `/read?path=${q('src/app/main.ts')}`, undefined, token)).json();
    expect(read).toMatchObject({
      path: 'src/app/main.ts',
      encoding: 'utf8',
      content: 'console.log("hé");\n',
      size: 20,
    });
    expect(read.modifiedAt).toBe(fs.statSync(onDisk('src/app/main.ts')).mtime.toISOString());
  });

  it('keeps the mode of a file it overwrites, and concurrent saves leave one whole version', async () => {
    fs.writeFileSync(onDisk('run.sh'), '#!/bin/sh\n', { mode: 0o750 });
    fs.chmodSync(onDisk('run.sh'), 0o750);
    const versions = Array.from({ length: 12 }, (_, index) => `version ${index} `.repeat(5000));
    const results = await Promise.all(versions.map((content) => call('PUT', '/write', { path: 'run.sh', content })));
    expect(results.map((result) => result.statusCode)).toEqual(versions.map(() => 200));
    expect(versions).toContain(fs.readFileSync(onDisk('run.sh'), 'utf8'));
    expect(fs.statSync(onDisk('run.sh')).mode & 0o777).toBe(0o750);
    expect(fs.readdirSync(agent.home)).toEqual(['run.sh']);
  });

  it('round-trips binary content as base64', async () => {
    const bytes = Buffer.concat([Buffer.from([0, 255, 0, 1, 0xc3]), randomBytes(4096)]);
    const written = await call('PUT', '/write', {
      path: 'img.bin',
      content: bytes.toString('base64'),
      encoding: 'base64',
    });
    expect(written.statusCode).toBe(200);
    expect(fs.readFileSync(onDisk('img.bin')).equals(bytes)).toBe(true);
    const read = (await call('GET', '/read?path=img.bin')).json();
    expect(read.encoding).toBe('base64');
    expect(Buffer.from(read.content, 'base64').equals(bytes)).toBe(true);
    const bad = await call('PUT', '/write', { path: 'x.bin', content: 'not base64!', encoding: 'base64' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_base64']);
    expect(fs.existsSync(onDisk('x.bin'))).toBe(false);
  });

  it('detects a conflicting save with expectedModifiedAt (409 write_conflict) and keeps the other save', async () => {
    await call('PUT', '/write', { path: 'notes.md', content: 'mine v1' });
    const seen = (await call('GET', '/read?path=notes.md')).json().modifiedAt;
    // Someone else saves meanwhile (a terminal, another tab), a few seconds later.
    fs.writeFileSync(onDisk('notes.md'), 'theirs');
    const later = new Date(Date.parse(seen) + 5000);
    fs.utimesSync(onDisk('notes.md'), later, later);

    const conflicted = await call('PUT', '/write', { path: 'notes.md', content: 'mine v2', expectedModifiedAt: seen });
    expect(conflicted.statusCode).toBe(409);
    expect(conflicted.json().error).toMatchObject({
      code: 'write_conflict',
      details: { currentModifiedAt: later.toISOString() },
    });
    expect(fs.readFileSync(onDisk('notes.md'), 'utf8')).toBe('theirs');

    const saved = await call('PUT', '/write', {
      path: 'notes.md',
      content: 'mine v2',
      expectedModifiedAt: later.toISOString(),
    });
    expect(saved.statusCode).toBe(200);
    expect(fs.readFileSync(onDisk('notes.md'), 'utf8')).toBe('mine v2');

    const createOnly = await call('PUT', '/write', { path: 'notes.md', content: 'new', expectedModifiedAt: null });
    expect([createOnly.statusCode, createOnly.json().error.code]).toEqual([409, 'write_conflict']);
    expect(
      (await call('PUT', '/write', { path: 'fresh.md', content: 'new', expectedModifiedAt: null })).statusCode,
    ).toBe(200);
    const gone = await call('PUT', '/write', { path: 'gone.md', content: 'x', expectedModifiedAt: seen });
    expect([gone.statusCode, gone.json().error.code]).toEqual([409, 'write_conflict']);
  });

  it('lists entries (directories first) and builds a tree to the depth asked', async () => {
    fs.mkdirSync(onDisk('a/b/c'), { recursive: true });
    fs.writeFileSync(onDisk('a/b/c/deep.txt'), 'deep');
    fs.writeFileSync(onDisk('a/top.txt'), 'top');
    fs.writeFileSync(onDisk('z.txt'), '12345');
    fs.symlinkSync('a/top.txt', onDisk('link'));

    const listed = (await call('GET', '/list')).json();
    expect(listed.entries.map((entry: { name: string; type: string }) => [entry.name, entry.type])).toEqual([
      ['a', 'directory'],
      ['link', 'symlink'],
      ['z.txt', 'file'],
    ]);
    expect(listed.entries[2]).toMatchObject({ path: 'z.txt', size: 5, permissions: 'rw-r--r--', mode: '0644' });
    expect((await call('GET', `/list?path=${q('a/b')}`)).json().entries[0].path).toBe('a/b/c');

    const shallow = (await call('GET', '/tree?depth=2')).json();
    const a = shallow.entries.find((entry: { name: string }) => entry.name === 'a');
    expect(a.children.map((entry: { name: string }) => entry.name)).toEqual(['b', 'top.txt']);
    expect(a.children[0].children).toBeUndefined();
    const deep = (await call('GET', `/tree?path=a&depth=3`)).json();
    expect(deep.entries[0].children[0]).toMatchObject({ path: 'a/b/c', children: [{ path: 'a/b/c/deep.txt' }] });
    expect((await call('GET', '/tree?depth=9')).statusCode).toBe(400);
    const notDir = await call('GET', '/list?path=z.txt');
    expect([notDir.statusCode, notDir.json().error.code]).toEqual([400, 'not_a_directory']);
  });

  it('reads and writes through a symlink that stays inside, keeping the link', async () => {
    fs.mkdirSync(onDisk('real'));
    fs.writeFileSync(onDisk('real/file.txt'), 'one');
    fs.symlinkSync('real/file.txt', onDisk('shortcut'));
    expect((await call('GET', '/read?path=shortcut')).json().content).toBe('one');
    expect((await call('PUT', '/write', { path: 'shortcut', content: 'two' })).statusCode).toBe(200);
    expect(fs.readFileSync(onDisk('real/file.txt'), 'utf8')).toBe('two');
    expect(fs.lstatSync(onDisk('shortcut')).isSymbolicLink()).toBe(true);
  });

  it('makes directories, renames, copies recursively (symlinks as symlinks) and deletes', async () => {
    const made = await call('POST', '/mkdir', { path: 'proj/src' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ path: 'proj/src', type: 'directory', permissions: 'rwxr-xr-x' });
    expect((await call('POST', '/mkdir', { path: 'proj/src' })).json().error.code).toBe('path_exists');
    fs.writeFileSync(onDisk('proj/src/index.js'), 'run()');
    // A canary outside the home stands in for /etc/passwd: a regression must fail the test, not harm the machine.
    const canary = path.join(node.dataDir, 'canary-passwd');
    fs.writeFileSync(canary, 'canary');
    fs.symlinkSync(canary, onDisk('proj/src/passwd-link'));

    const copied = await call('POST', '/copy', { from: 'proj', to: 'backup/proj' });
    expect(copied.statusCode).toBe(201);
    expect(fs.readFileSync(onDisk('backup/proj/src/index.js'), 'utf8')).toBe('run()');
    expect(fs.readlinkSync(onDisk('backup/proj/src/passwd-link'))).toBe(canary);
    expect((await call('GET', `/read?path=${q('backup/proj/src/passwd-link')}`)).statusCode).toBe(403);
    expect((await call('POST', '/copy', { from: 'proj', to: 'proj/src/again' })).statusCode).toBe(400);
    expect((await call('POST', '/copy', { from: 'proj', to: 'backup/proj' })).json().error.code).toBe('path_exists');

    const renamed = await call('POST', '/rename', { from: 'proj/src/index.js', to: 'proj/main.js' });
    expect(renamed.json()).toMatchObject({ name: 'main.js', path: 'proj/main.js', type: 'file' });
    expect(fs.existsSync(onDisk('proj/src/index.js'))).toBe(false);
    expect(fs.readFileSync(onDisk('proj/main.js'), 'utf8')).toBe('run()');
    const missing = await call('POST', '/rename', { from: 'nope', to: 'x' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'not_found']);

    const refused = await call('DELETE', `?path=proj`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'directory_not_empty']);
    expect((await call('DELETE', `?path=${q('proj/src/passwd-link')}`)).statusCode).toBe(204);
    expect(fs.readFileSync(canary, 'utf8')).toBe('canary');
    expect((await call('DELETE', `?path=proj&recursive=true`)).statusCode).toBe(204);
    expect(fs.existsSync(onDisk('proj'))).toBe(false);
    const home = await call('DELETE', `?path=&recursive=true`);
    expect([home.statusCode, home.json().error.code]).toEqual([403, 'home_protected']);
    expect(fs.existsSync(onDisk('backup/proj/src/index.js'))).toBe(true);
  });

  it('searches names and, on request, text contents, skipping binary files', async () => {
    fs.mkdirSync(onDisk('docs/deep'), { recursive: true });
    fs.writeFileSync(onDisk('docs/Notes.md'), 'nothing here');
    fs.writeFileSync(onDisk('docs/deep/todo.txt'), 'first line\nfind the NEEDLE here\nlast needle\n');
    fs.writeFileSync(onDisk('docs/blob.bin'), Buffer.concat([Buffer.from('needle'), Buffer.from([0, 1, 2])]));

    const byName = (await call('GET', '/search?query=notes')).json();
    expect(byName).toMatchObject({ truncated: false, reason: null, content: false });
    expect(byName.results).toEqual([{ path: 'docs/Notes.md', name: 'Notes.md', type: 'file' }]);
    expect((await call('GET', '/search?query=needle')).json().results).toEqual([]);

    const byContent = (await call('GET', '/search?query=needle&content=true', undefined, token)).json();
    expect(byContent.results).toEqual([
      {
        path: 'docs/deep/todo.txt',
        name: 'todo.txt',
        type: 'file',
        matches: [
          { line: 2, text: 'find the NEEDLE here' },
          { line: 3, text: 'last needle' },
        ],
      },
    ]);
    const scoped = (await call('GET', `/search?query=todo&path=${q('docs/deep')}`)).json();
    expect(scoped.results.map((result: { path: string }) => result.path)).toEqual(['docs/deep/todo.txt']);
  });

  it('caps reads, writes and search results, saying so', async () => {
    await node.close();
    await start({ FS_MAX_READ_BYTES: '1024', FS_MAX_WRITE_BYTES: '2048', FS_SEARCH_MAX_RESULTS: '3' });
    fs.writeFileSync(onDisk('big.txt'), 'x'.repeat(1025));
    const read = await call('GET', '/read?path=big.txt');
    expect([read.statusCode, read.json().error.code]).toEqual([413, 'file_too_large']);
    const write = await call('PUT', '/write', { path: 'huge.txt', content: 'y'.repeat(2049) });
    expect([write.statusCode, write.json().error.code]).toEqual([413, 'content_too_large']);
    expect(fs.existsSync(onDisk('huge.txt'))).toBe(false);

    for (let index = 0; index < 5; index++) fs.writeFileSync(onDisk(`match-${index}.txt`), '');
    const search = (await call('GET', '/search?query=match')).json();
    expect(search.results).toHaveLength(3);
    expect(search).toMatchObject({ truncated: true, reason: 'max_results' });
  });

  it('stops a search at its time cap and says it was cut short', async () => {
    for (let index = 0; index < 20; index++) fs.writeFileSync(onDisk(`file-${index}.txt`), 'text');
    let now = 0;
    // A clock that moves 100 ms per look: the 1000 ms cap is reached after about ten entries, whatever the machine.
    const files = new FileService({
      agents: node.app.node.agents,
      limits: { maxReadBytes: 1024, maxWriteBytes: 1024, searchMaxResults: 100, searchTimeoutMs: 1000 },
      clock: () => {
        now += 100;
        return now;
      },
    });
    const result = await files.search(agent.id, { query: 'file', content: true });
    expect(result).toMatchObject({ truncated: true, reason: 'timeout' });
    expect(result.results.length).toBeGreaterThan(0);
    expect(result.results.length).toBeLessThan(20);
  });

  it("lets only the master token and the agent's own token in; a suspended agent keeps its files", async () => {
    const other = (
      await node.app.inject({
        method: 'POST',
        url: '/api/agents',
        headers: node.auth(),
        payload: { name: 'other', engine: 'claude' },
      })
    ).json();
    fs.writeFileSync(onDisk('mine.txt'), 'private');
    const foreign = await call('GET', '/read?path=mine.txt', undefined, other.credentials.token);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('private');
    const anonymous = await node.app.inject({ url: `/api/agents/${agent.id}/fs/list` });
    expect(anonymous.statusCode).toBe(401);

    await node.app.inject({ method: 'POST', url: `/api/agents/${agent.id}/suspend`, headers: node.auth() });
    expect((await call('GET', '/read?path=mine.txt', undefined, token)).json().content).toBe('private');
    expect((await call('PUT', '/write', { path: 'mine.txt', content: 'still' }, token)).statusCode).toBe(200);
    expect(fs.readFileSync(onDisk('mine.txt'), 'utf8')).toBe('still');
  });
});
