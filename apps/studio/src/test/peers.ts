// Real peers for tests and benchmarks: the MCP servers installed from npm, and free ports on 127.0.0.1.
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The entry script of an MCP server package from npm, to run with `node <entry> …`. */
export function npmServerEntry(
  pkg: '@modelcontextprotocol/server-everything' | '@modelcontextprotocol/server-filesystem',
): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'dist/index.js');
}

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
