// Resource limits enforced on real stdio children: memory (RLIMIT_DATA), CPU time and file size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { npmServerEntry } from '../../../test/peers.js';
import { ConnectionManager, type ManagedServer } from '../manager/connectionManager.js';
import { ConnectionLostError } from '../manager/errors.js';
import { limitedCommand, lowerLimits, type ProcessLimits } from './processLimits.js';
import { pickBaseEnv } from './stdioProcess.js';
import type { StdioTarget } from './transports.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const greedy = path.join(here, 'fixtures/greedyServer.mjs');
const everything = npmServerEntry('@modelcontextprotocol/server-everything');
const workDir = mkdtempSync(path.join(os.tmpdir(), 'mcp-limits-'));
const managers: ConnectionManager[] = [];

afterAll(async () => {
  await Promise.all(managers.map((manager) => manager.closeAll()));
  rmSync(workDir, { recursive: true, force: true });
});

function managerWith(processLimits: ProcessLimits) {
  const manager = new ConnectionManager({
    baseEnv: pickBaseEnv(process.env),
    processLimits,
    backoff: { initialMs: 5000, maxMs: 5000, jitter: 0 },
  });
  managers.push(manager);
  return manager;
}

function managed(id: string, target: StdioTarget): ManagedServer {
  return { id, target: async () => target, timeoutMs: 30_000, maxConcurrency: 2 };
}

const greedyTarget = (limits?: ProcessLimits): StdioTarget => ({
  transport: 'stdio',
  command: process.execPath,
  args: [greedy],
  ...(limits ? { limits } : {}),
});

const callTool = (manager: ConnectionManager, server: ManagedServer, name: string, args: object = {}) =>
  manager.use(
    server,
    async (client, signal) => (await client.callTool({ name, arguments: { ...args } }, { signal })) as CallToolResult,
  );

describe('resource limits of stdio servers', () => {
  it('kills a server that allocates past the memory limit, and says why in the error and the logs', async () => {
    const manager = managerWith({ memoryMb: 160 });
    const server = managed('memory', greedyTarget());
    expect(await callTool(manager, server, 'echo', { text: 'small' })).toMatchObject({
      content: [{ text: 'Echo: small' }],
    });

    const failure = await callTool(manager, server, 'allocate').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionLostError);
    expect((failure as Error).message).toContain('it ran out of memory under its limit of 160 MB');
    expect(manager.logs('memory')).toContain('[mcp-studio] The process was stopped: it ran out of memory');
  });

  it('kills a CPU spinner at the lower of the configured and the manifest’s CPU-time limits', async () => {
    const manager = managerWith({ cpuSeconds: 30 });
    const server = managed('cpu', greedyTarget({ cpuSeconds: 1 }));
    const failure = await callTool(manager, server, 'spin').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionLostError);
    expect((failure as Error).message).toContain('signal SIGXCPU');
    expect((failure as Error).message).toContain('CPU-time limit of 1 s');
    expect(manager.logs('cpu')).toContain('[mcp-studio] The process was stopped: it used up its CPU-time limit');
  });

  it('stops files from growing past the size limit while the server keeps running', async () => {
    const manager = managerWith({});
    const server = managed('files', greedyTarget({ fileSizeBytes: 4096 }));
    const small = path.join(workDir, 'small.bin');
    const big = path.join(workDir, 'big.bin');
    expect(await callTool(manager, server, 'write_file', { path: small, bytes: 1000 })).toMatchObject({
      content: [{ text: 'wrote 1000 bytes' }],
    });
    const refused = await callTool(manager, server, 'write_file', { path: big, bytes: 100_000 });
    expect(refused).toMatchObject({ isError: true, content: [{ text: 'write failed: EFBIG' }] });
    expect(statSync(small).size).toBe(1000);
    expect(statSync(big).size).toBeLessThanOrEqual(4096);
    expect(await callTool(manager, server, 'echo', { text: 'still here' })).toMatchObject({
      content: [{ text: 'Echo: still here' }],
    });
  });

  it('runs server-everything normally under sane limits', async () => {
    const manager = managerWith({ memoryMb: 512, cpuSeconds: 120 });
    const server = managed('everything', {
      transport: 'stdio',
      command: process.execPath,
      args: [everything, 'stdio'],
    });
    const result = await callTool(manager, server, 'echo', { message: 'under limits' });
    expect(result.content[0]).toEqual({ type: 'text', text: 'Echo: under limits' });
    expect(manager.status('everything')).toBe('ready');
  });
});

describe('how limits are set', () => {
  it('takes the lower limit of each resource, and either side’s limit where the other has none', () => {
    expect(lowerLimits({ memoryMb: 512, cpuSeconds: 10 }, { memoryMb: 64, fileSizeBytes: 1024 })).toEqual({
      memoryMb: 64,
      cpuSeconds: 10,
      fileSizeBytes: 1024,
    });
    expect(lowerLimits(undefined, undefined)).toEqual({});
  });

  it('runs the command itself when there is no limit, and through /bin/sh exec when there is', () => {
    expect(limitedCommand('node', ['server.js'], {})).toEqual({ command: 'node', args: ['server.js'] });
    const limited = limitedCommand('node', ['server.js', 'a b'], { memoryMb: 64, cpuSeconds: 2, fileSizeBytes: 1000 });
    expect(limited).toEqual({
      command: '/bin/sh',
      args: [
        '-c',
        'ulimit -S -t 2 && ulimit -H -t 3 && ulimit -d 65536 && ulimit -f 1 && exec "$0" "$@"',
        'node',
        'server.js',
        'a b',
      ],
    });
  });
});
