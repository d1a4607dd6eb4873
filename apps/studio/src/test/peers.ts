// Real peers for tests and benchmarks: the MCP servers installed from npm, and free ports on 127.0.0.1.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The entry script of an MCP server package from npm, to run with `node <entry> …`. */
export function npmServerEntry(
  pkg: '@modelcontextprotocol/server-everything' | '@modelcontextprotocol/server-filesystem',
): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'dist/index.js');
}

/** The registration fields that run server-everything over stdio. */
export const everythingStdio = {
  transport: 'stdio',
  command: 'node',
  args: [npmServerEntry('@modelcontextprotocol/server-everything'), 'stdio'],
} as const;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const everythingHttpFixture = fileURLToPath(
  new URL('../features/servers/connection/fixtures/everythingHttp.mjs', import.meta.url),
);

/** server-everything over HTTP on 127.0.0.1: Streamable HTTP at `/mcp`, legacy SSE at `/sse`. */
export async function startEverythingHttp(): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [everythingHttpFixture], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`everythingHttp exited with ${code}`)));
    child.stdout?.once('data', (line: Buffer) => resolve((JSON.parse(line.toString()) as { port: number }).port));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { port, stop };
}
