// A studio with misbehaving MCP server fixtures registered through its API, and a scan for their processes.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { bearer, registerOwner, startTestStudio, type TestStudio } from './harness.js';

const servers = path.join(path.dirname(fileURLToPath(import.meta.url)), '../features/servers');

/** The fixture scripts, run with node. */
export const FIXTURES = {
  misbehaving: path.join(servers, 'fixtures/misbehavingServer.mjs'),
  supervised: path.join(servers, 'manager/fixtures/supervisedServer.mjs'),
  silent: path.join(servers, 'connection/fixtures/silent.mjs'),
};

type Reply = Awaited<ReturnType<TestStudio['app']['inject']>>;

export interface FixtureStudio {
  studio: TestStudio;
  /** A private directory, removed by close(). */
  workDir: string;
  api: (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => Promise<Reply>;
  /** Registers a stdio server running `script` with `args` under node; returns its id. */
  register: (script: string, args: string[], fields?: Record<string, unknown>) => Promise<string>;
  /** Starts the misbehaving fixture over HTTP on 127.0.0.1 (the test owns that process) and registers it. */
  registerHttp: (mode: string) => Promise<string>;
  callTool: (id: string, name: string, args?: Record<string, unknown>) => Promise<Reply>;
  serverIds: string[];
  /** The live processes of the stdio servers registered here, found by a tag on their command line. */
  processes: () => string[];
  close: () => Promise<void>;
}

export async function startFixtureStudio(): Promise<FixtureStudio> {
  const studio = await startTestStudio({
    env: {
      EXTERNAL_MCP_ALLOW_PRIVATE_NETWORKS: 'true',
      EXTERNAL_MCP_ALLOWED_PROTOCOLS: 'https,http',
      SERVER_HEALTH_INTERVAL_MS: '0',
    },
  });
  const admin = await registerOwner(studio.app);
  const workDir = mkdtempSync(path.join(tmpdir(), 'mcp-fixtures-'));
  // Given to every stdio server as a last argument, so a scan finds this studio's processes and no other test's.
  const tag = `fixture-run-${randomUUID()}`;
  const serverIds: string[] = [];
  const httpChildren: ChildProcess[] = [];
  let isClosed = false;

  const api: FixtureStudio['api'] = (method, url, payload) =>
    studio.app.inject({ method, url, headers: bearer(admin.accessToken), ...(payload ? { payload } : {}) });

  const create = async (body: Record<string, unknown>): Promise<string> => {
    const res = await api('POST', '/api/servers', {
      name: `fixture ${serverIds.length + 1}`,
      timeoutMs: 5000,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    serverIds.push(res.json().id);
    return res.json().id;
  };

  return {
    studio,
    workDir,
    api,
    serverIds,
    register: (script, args, fields = {}) =>
      create({ transport: 'stdio', command: process.execPath, args: [script, ...args, tag], ...fields }),
    registerHttp: async (mode) => {
      const child = spawn(process.execPath, [FIXTURES.misbehaving, mode, 'http'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      httpChildren.push(child);
      const port = await new Promise<number>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`the HTTP fixture exited with ${code}`)));
        child.stdout?.once('data', (line: Buffer) => resolve((JSON.parse(line.toString()) as { port: number }).port));
      });
      return create({ transport: 'streamable-http', url: `http://127.0.0.1:${port}/mcp` });
    },
    callTool: (id, name, args = {}) => api('POST', `/api/servers/${id}/tools/${name}/call`, { arguments: args }),
    processes: () => {
      const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
      return out.split('\n').filter((line) => line.includes(tag) && !/^\s*\d+\s+\d+\s+Z/.test(line));
    },
    close: async () => {
      if (isClosed) return;
      isClosed = true;
      await studio.close();
      for (const child of httpChildren) child.kill('SIGTERM');
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The checks of a connection test that passed every step, as [check, ok]. */
export const ALL_CHECKS_PASSED = [
  ['connect', true],
  ['initialize', true],
  ['ping', true],
  ['tools', true],
  ['resources', true],
  ['prompts', true],
];

/** The text of the first content part of a tool call, which must have succeeded. */
export function textOf(res: Reply): string {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  return (res.json() as { content: { text?: string }[] }).content[0]?.text ?? '';
}

/** Alive and not a zombie: a reparented grandchild may linger as one until init reaps it. */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
