import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './platform/db/database.js';
import { freePort } from './test/peers.js';

// The CLI as a user runs it: a real process, its exit code and what it prints.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = path.join(root, 'node_modules/.bin/tsx');
const mainTs = path.join(root, 'apps/studio/src/main.ts');
const children: ChildProcess[] = [];

function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(tsx, ['--conditions=@mcp-studio/source', mainTs, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      cwd: root,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'studio-cli-'));

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

// Each case spawns several processes that open the embedded database: allow for a loaded machine.
describe('mcp-studio CLI', { timeout: 180_000 }, () => {
  it('documents every command with --help', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['start', 'migrate', 'admin', 'keys']) expect(top.stdout).toContain(command);
    const adminCreate = await cli(['admin', 'create', '--help']);
    expect(adminCreate.stdout).toContain('--email');
    expect(adminCreate.stdout).toContain('--password');
    expect((await cli(['keys', 'rotate', '--help'])).stdout).toContain('Re-encrypt');
  });

  it('refuses to start with bad configuration, naming every bad variable', async () => {
    const result = await cli(['start'], { PORT: 'eighty', REGISTRATION: 'everyone', DATA_DIR: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('REGISTRATION');
  });

  it('migrates, creates an admin and rotates keys on an embedded database', async () => {
    const dataDir = tempDir();
    const migrate = await cli(['migrate'], { DATA_DIR: dataDir });
    expect(migrate.stdout).toContain('0 pending');
    const admin = await cli(['admin', 'create', '--email', 'Root@Example.test', '--password', 'long enough password'], {
      DATA_DIR: dataDir,
    });
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('Created ADMIN');
    const again = await cli(['admin', 'create', '--email', 'root@example.test', '--password', 'long enough password'], {
      DATA_DIR: dataDir,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const rotate = await cli(['keys', 'rotate'], { DATA_DIR: dataDir });
    expect(rotate.code).toBe(0);
    expect(rotate.stdout).toMatch(/re-encrypted 0 secrets/);
    const keyAfter = fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8');
    // The key created at first use, then the new current key placed before it.
    expect(keyAfter.split('\n').filter((l) => l && !l.startsWith('#'))).toHaveLength(2);

    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    const user = await database.db.query.users.findFirst();
    await database.close();
    expect(user).toMatchObject({ email: 'root@example.test', role: 'ADMIN' });
  });

  it('serves /ready, and refuses a second process on the same data directory with a clear message', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const server = spawn(tsx, ['--conditions=@mcp-studio/source', mainTs, 'start'], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: String(port) },
      cwd: root,
    });
    children.push(server);
    let ready = false;
    for (let i = 0; i < 120 && !ready; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      );
    }
    expect(ready).toBe(true);
    const second = await cli(['migrate'], { DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('in use by another studio process');
    server.kill('SIGTERM');
    const exitCode = await new Promise((resolve) => server.on('close', resolve));
    expect(exitCode).toBe(0);
  });
});
