// The studio's version, from its package.json.
import { createRequire } from 'node:module';

export const STUDIO_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;

/** How the studio names itself over MCP, as a server (the gateway, the proxy) and as a client. */
export const STUDIO_IMPLEMENTATION = { name: 'mcp-agent-studio', version: STUDIO_VERSION };
