#!/usr/bin/env node
// mcp-studio: the only module that reads the environment. Parses the CLI, wires dependencies, starts.
import { Command } from 'commander';
import { buildApp } from './app.js';
import { CommandError, createAdmin, rotateKeys } from './commands.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { KeyConfigError, loadKeyring } from './platform/crypto/keyring.js';
import { DatabaseLockedError } from './platform/db/database.js';
import { createStudioDeps, openStudioDatabase } from './runtime.js';
import { STUDIO_VERSION } from './version.js';

function config(): Config {
  return loadConfig(process.env);
}

async function start(): Promise<void> {
  const deps = await createStudioDeps(config());
  const app = await buildApp(deps);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await deps.bus.close();
    await deps.database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: deps.config.port, host: deps.config.host });
  app.log.info(`MCP Agent Studio ${STUDIO_VERSION} on ${deps.config.publicUrl} (database: ${deps.database.kind})`);
}

async function withDatabase<T>(run: (cfg: Config, db: Awaited<ReturnType<typeof openStudioDatabase>>) => Promise<T>) {
  const cfg = config();
  const database = await openStudioDatabase(cfg);
  try {
    await database.migrate();
    return await run(cfg, database);
  } finally {
    await database.close();
  }
}

const program = new Command('mcp-studio')
  .description('MCP Agent Studio: the control plane for MCP servers and AI agents')
  .version(STUDIO_VERSION);

program
  .command('start')
  .description('Apply migrations and serve the API, WebSocket and dashboard (PORT, HOST, DATA_DIR, …)')
  .action(start);

program
  .command('migrate')
  .description('Apply pending database migrations, then exit')
  .action(() =>
    withDatabase(async (_cfg, database) => {
      console.log(`Migrations applied (${database.kind}); ${await database.pendingMigrations()} pending.`);
    }),
  );

const admin = program.command('admin').description('Administer accounts');
admin
  .command('create')
  .description('Create an ADMIN account (in the only organization, the one named by --org, or a new one)')
  .requiredOption('--email <email>', 'email address of the new administrator')
  .requiredOption('--password <password>', 'password, at least 10 characters')
  .option('--name <name>', 'display name (defaults to the part of the email before @)')
  .option('--org <idOrName>', 'organization id or name, when several exist')
  .action((opts: { email: string; password: string; name?: string; org?: string }) =>
    withDatabase(async (_cfg, database) => {
      const result = await createAdmin(database.db, { ...opts, organization: opts.org });
      const where = result.createdOrganization ? 'a new organization' : 'organization';
      console.log(`Created ADMIN ${opts.email} (id ${result.userId}) in ${where} ${result.orgId}.`);
    }),
  );

const keys = program.command('keys').description('Manage the master keys that encrypt secrets');
keys
  .command('rotate')
  .description('Re-encrypt every secret under a new master key; older keys keep decrypting meanwhile')
  .action(() =>
    withDatabase(async (cfg, database) => {
      const keyring = loadKeyring({
        secretKey: cfg.secretKey,
        previousKeys: cfg.previousSecretKeys,
        dataDir: cfg.dataDir,
      });
      const result = await rotateKeys(database.db, keyring);
      console.log(`Current key ${result.keyId}; re-encrypted ${result.reencrypted} secrets.`);
      if (result.unreadableIds.length > 0) {
        console.error(
          `${result.unreadableIds.length} secrets could not be decrypted with any configured key ` +
            `(add the missing key to STUDIO_PREVIOUS_SECRET_KEYS): ${result.unreadableIds.join(', ')}`,
        );
        process.exitCode = 2;
      }
    }),
  );

program.parseAsync(process.argv).catch((err: unknown) => {
  const isExpected =
    err instanceof ConfigError ||
    err instanceof DatabaseLockedError ||
    err instanceof KeyConfigError ||
    err instanceof CommandError;
  console.error(isExpected ? (err as Error).message : err);
  process.exit(1);
});
