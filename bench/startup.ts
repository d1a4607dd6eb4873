// Start-up time: from spawning `node apps/studio/dist/main.js start` to GET /ready answering 200.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../apps/studio/src/test/peers.js';

export const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 5);
const READY_TIMEOUT_MS = 60_000;

export interface StartupResult {
  scenario: string;
  runs: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function readyStatus(port: number, urlPath: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(null));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Milliseconds from spawn to the first 200 from `urlPath`; the process is stopped (SIGTERM) afterwards. */
async function timeToReady(args: string[], env: Record<string, string>, urlPath: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    while (performance.now() - started < READY_TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ready: ${stderr.trim()}`);
      if ((await readyStatus(port, urlPath)) === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`not ready after ${READY_TIMEOUT_MS} ms: ${stderr.trim()}`);
  } finally {
    await stop(child);
  }
}

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, process.env.HOST)`;

/**
 * Baseline (a bare Node HTTP server), then per database a first start (nothing yet: migrations run, and on PGlite
 * the data directory and the key file are created) and a restart (same DATA_DIR / database).
 */
export async function benchStartup(
  mainJs: string,
  postgres: { createDatabase(): Promise<string>; dropDatabase(url: string): Promise<void> } | null,
  progress: (line: string) => void,
): Promise<StartupResult[]> {
  const studio = [mainJs, 'start'];
  const baseEnv = { LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const results: StartupResult[] = [];
  const record = (scenario: string, runs: number[]) => {
    progress(`  ${scenario}: ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    results.push({ scenario, runs });
  };
  const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-start-'));

  const bare: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) bare.push(await timeToReady(['-e', BARE_SERVER], {}, '/'));
  record('Bare Node HTTP server (baseline)', bare);

  const first: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    const dataDir = tempDir();
    try {
      const env = { ...baseEnv, DATA_DIR: dataDir };
      first.push(await timeToReady(studio, env, '/ready'));
      restart.push(await timeToReady(studio, env, '/ready'));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  record('Studio on PGlite, first start (fresh DATA_DIR)', first);
  record('Studio on PGlite, restart (same DATA_DIR)', restart);

  if (postgres) {
    const pgFirst: number[] = [];
    const pgRestart: number[] = [];
    for (let i = 0; i < REPETITIONS; i++) {
      const dataDir = tempDir();
      const url = await postgres.createDatabase();
      try {
        const env = { ...baseEnv, DATA_DIR: dataDir, DATABASE_URL: url };
        pgFirst.push(await timeToReady(studio, env, '/ready'));
        pgRestart.push(await timeToReady(studio, env, '/ready'));
      } finally {
        await postgres.dropDatabase(url);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    record('Studio on PostgreSQL, first start (empty database)', pgFirst);
    record('Studio on PostgreSQL, restart (same database)', pgRestart);
  }
  return results;
}
