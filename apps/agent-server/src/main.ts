#!/usr/bin/env node
// mcp-agent-server: the only module that reads the environment. Parses the CLI, wires dependencies, starts.
import path from 'node:path';
import { Command } from 'commander';
import { buildNodeApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { IsolationError } from './features/agents/homes.js';
import { loadMasterToken, loadNodeKey, MASTER_TOKEN_FILE } from './platform/crypto/keyFiles.js';
import { SecretBox } from './platform/crypto/secretBox.js';
import { StateLockedError, StateStore } from './platform/state/stateStore.js';
import { AGENT_SERVER_VERSION } from './version.js';

async function start(): Promise<void> {
  const config = loadConfig(process.env);
  const master = loadMasterToken(config.dataDir, config.masterToken);
  if (master.generated) {
    // Printed this once; afterwards it is only in the file.
    console.log(
      `Generated the master token (kept in ${path.join(config.dataDir, MASTER_TOKEN_FILE)}, mode 0600):\n\n  ${master.token}\n`,
    );
  }
  const state = await StateStore.open(config.dataDir);
  const app = await buildNodeApp({
    config,
    state,
    box: new SecretBox(loadNodeKey(config.dataDir)),
    masterToken: master.token,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await state.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `mcp-agent-server ${AGENT_SERVER_VERSION} on ${config.host}:${config.port} (isolation: ${config.isolation})`,
  );
  if (config.isolation === 'directory' && process.getuid?.() === 0) {
    app.log.warn(
      "ISOLATION=directory while running as root: agents' terminals and commands run as root. " +
        'Use ISOLATION=unix-user to give each agent a Unix user of its own.',
    );
  }
}

const program = new Command('mcp-agent-server')
  .description('The execution node of MCP Agent Studio: agents with their own homes, files, terminals and model relay')
  .version(AGENT_SERVER_VERSION);

program
  .command('start')
  .description(
    'Serve the node API (AGENT_SERVER_PORT, HOST, DATA_DIR, MASTER_TOKEN, ISOLATION, STUDIO_URL, REGISTRATION_TOKEN, …)',
  )
  .action(start);

program.parseAsync(process.argv).catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof StateLockedError || err instanceof IsolationError;
  console.error(known ? (err as Error).message : err);
  process.exit(1);
});
