// The agent server's version, from its package.json.
import { createRequire } from 'node:module';

export const AGENT_SERVER_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;
