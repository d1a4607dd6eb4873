import fs, { constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeError } from '../../platform/http/errors.js';
import { Confinement, type Located, parseRelativePath } from './confine.js';

function refusal(run: () => unknown): { status: number; code: string } | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    if (!(err instanceof NodeError)) throw err;
    return { status: err.statusCode, code: err.code };
  }
}

async function asyncRefusal(run: () => Promise<unknown>): Promise<{ status: number; code: string } | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    if (!(err instanceof NodeError)) throw err;
    return { status: err.statusCode, code: err.code };
  }
}

const OUTSIDE = { status: 403, code: 'path_outside_home' };

describe('parseRelativePath', () => {
  it('normalizes the home and harmless paths', () => {
    expect(parseRelativePath('')).toEqual([]);
    expect(parseRelativePath('.')).toEqual([]);
    expect(parseRelativePath('a/./b//c/')).toEqual(['a', 'b', 'c']);
    expect(parseRelativePath('100%.txt')).toEqual(['100%.txt']);
    expect(parseRelativePath('%41 and ...')).toEqual(['%41 and ...']);
    expect(parseRelativePath('..hidden/file..')).toEqual(['..hidden', 'file..']);
  });

  it.each([
    '..',
    '../',
    '../../etc/passwd',
    'a/../b',
    'a/..',
    '/etc/passwd',
    '/',
    '\\..\\etc',
    'a\\..\\..\\etc',
    '%2e%2e',
    '%2E%2E/etc',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '..%2fetc',
    '%2fetc%2fpasswd',
    '%252e%252e%252fetc',
    '%25252e%25252e/etc',
    '.%2e/x',
  ])('refuses %j as leading outside the home', (input) => {
    expect(refusal(() => parseRelativePath(input))).toEqual(OUTSIDE);
  });

  it('refuses NUL bytes and paths longer than Linux can name', () => {
    expect(refusal(() => parseRelativePath('a\0b'))).toEqual({ status: 400, code: 'invalid_path' });
    expect(refusal(() => parseRelativePath('a/'.repeat(2500)))).toEqual({ status: 400, code: 'path_too_long' });
    expect(refusal(() => parseRelativePath('x'.repeat(256)))).toEqual({ status: 400, code: 'path_too_long' });
    expect(parseRelativePath('x'.repeat(255))).toHaveLength(1);
  });
});

describe('Confinement.locate', () => {
  let root: string;
  let home: string;
  let outside: string;
  let conf: Confinement;
  const opened: Located[] = [];

  const locate = async (input: string, followFinal = true, createParents = false) => {
    const located = await conf.locate(input, { followFinal, createParents });
    opened.push(located);
    return located;
  };

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'confine-')));
    home = path.join(root, 'home');
    outside = path.join(root, 'outside');
    fs.mkdirSync(path.join(home, 'sub'), { recursive: true });
    fs.mkdirSync(path.join(home, 'sub2'));
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    fs.writeFileSync(path.join(home, 'sub', 'f.txt'), 'inside');
    const link = (target: string, at: string) => fs.symlinkSync(target, path.join(home, at));
    link('/etc', 'etc');
    link(outside, 'out');
    link('../outside', 'rel-out');
    link('b', 'a');
    link('/etc', 'b');
    link('sub', 'inside');
    link(path.join(home, 'sub'), 'abs-inside');
    link('../sub2', 'sub/back');
    link('../../outside', 'sub/escape');
    link('new.txt', 'dangling-inside');
    link('/nonexistent-confine-test/file', 'dangling-out');
    link('loop2', 'loop1');
    link('loop1', 'loop2');
    link('..', 'sub/up');
    conf = await Confinement.of(home);
  });

  afterEach(async () => {
    for (const located of opened.splice(0)) await located.dir.handle.close().catch(() => {});
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('resolves plain paths and symlinks that stay inside', async () => {
    expect((await locate('')).name).toBeNull();
    const plain = await locate('sub/f.txt');
    expect([plain.dir.path, plain.name, plain.rel]).toEqual([path.join(home, 'sub'), 'f.txt', 'sub/f.txt']);
    expect((await locate('inside/f.txt')).dir.path).toBe(path.join(home, 'sub'));
    expect((await locate('abs-inside/f.txt')).dir.path).toBe(path.join(home, 'sub'));
    const back = await locate('sub/back/x');
    expect([back.dir.path, back.name]).toEqual([path.join(home, 'sub2'), 'x']);
    const up = await locate('sub/up');
    expect([up.dir.path, up.name]).toEqual([home, null]);
    const dangling = await locate('dangling-inside');
    expect([dangling.dir.path, dangling.name]).toEqual([home, 'new.txt']);
  });

  it.each([
    'etc',
    'etc/passwd',
    'out/secret.txt',
    'rel-out/secret.txt',
    'a',
    'a/passwd',
    'sub/escape',
    'sub/escape/secret.txt',
    'sub/up/etc/passwd',
    'dangling-out',
    'inside/escape/secret.txt',
  ])('refuses %j, which resolves outside the home', async (input) => {
    expect(await asyncRefusal(() => locate(input))).toEqual(OUTSIDE);
  });

  it('acts on a final symlink itself when not following it, but never through an intermediate one', async () => {
    const link = await locate('etc', false);
    expect([link.dir.path, link.name]).toEqual([home, 'etc']);
    expect(await asyncRefusal(() => locate('etc/passwd', false))).toEqual(OUTSIDE);
    expect(await asyncRefusal(() => locate('a/passwd', false, true))).toEqual(OUTSIDE);
  });

  it('refuses symlink loops with 400 and never creates directories outside', async () => {
    expect(await asyncRefusal(() => locate('loop1/x'))).toEqual({ status: 400, code: 'too_many_links' });
    expect(await asyncRefusal(() => locate('out/made/x', true, true))).toEqual(OUTSIDE);
    expect(fs.existsSync(path.join(outside, 'made'))).toBe(false);
    const created = await locate('new/deeper/file.txt', true, true);
    expect([created.dir.path, created.name]).toEqual([path.join(home, 'new', 'deeper'), 'file.txt']);
    expect(fs.statSync(path.join(home, 'new', 'deeper')).isDirectory()).toBe(true);
  });

  it('accepts absolute symlink targets written with the home path the node was given, not only its real path', async () => {
    const alias = path.join(root, 'alias');
    fs.symlinkSync(home, alias);
    fs.symlinkSync(path.join(alias, 'sub'), path.join(home, 'via-alias'));
    conf = await Confinement.of(alias);
    expect(conf.home).toBe(home);
    expect((await locate('via-alias/f.txt')).dir.path).toBe(path.join(home, 'sub'));
  });

  it('opens files without following a symlink swapped in after locating (O_NOFOLLOW)', async () => {
    const located = await locate('sub/f.txt');
    fs.rmSync(path.join(home, 'sub', 'f.txt'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(home, 'sub', 'f.txt'));
    await expect(conf.openFile(located.dir, 'f.txt', constants.O_RDONLY)).rejects.toMatchObject({ code: 'ELOOP' });
  });

  it('keeps working through the directory it opened when the path is swapped for a symlink to outside', async () => {
    const located = await locate('sub/f.txt');
    fs.renameSync(path.join(home, 'sub'), path.join(home, 'moved'));
    fs.symlinkSync(outside, path.join(home, 'sub'));
    const handle = await conf.openFile(located.dir, 'f.txt', constants.O_RDONLY);
    try {
      expect((await handle.readFile()).toString()).toBe('inside');
    } finally {
      await handle.close();
    }
    expect(await asyncRefusal(() => locate('sub/secret.txt'))).toEqual(OUTSIDE);
  });
});
