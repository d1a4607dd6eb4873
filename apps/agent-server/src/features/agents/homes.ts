// Each agent's home: a directory under DATA_DIR/homes, or, with ISOLATION=unix-user, also a Unix user owning it.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The uid and gid an agent's processes run as; undefined under directory isolation (the node's own). */
export interface AgentIdentity {
  uid: number;
  gid: number;
}

export interface PreparedHome {
  home: string;
  unixUser: string | null;
  identity: AgentIdentity | undefined;
}

export class IsolationError extends Error {}

export class Homes {
  constructor(
    private readonly root: string,
    private readonly isolation: 'directory' | 'unix-user',
  ) {}

  /** Checks the node can isolate as configured: unix-user needs root. */
  async prepare(): Promise<void> {
    if (this.isolation === 'unix-user' && process.getuid?.() !== 0) {
      throw new IsolationError('ISOLATION=unix-user needs the agent server to run as root');
    }
    await fs.mkdir(this.root, { recursive: true, mode: 0o711 });
    // Agents' users must pass through to their own homes, never list the others.
    await fs.chmod(this.root, 0o711);
    if (this.isolation === 'unix-user') await fs.chmod(path.dirname(this.root), 0o711);
  }

  /** Throws when the homes directory cannot be written. */
  async check(): Promise<void> {
    await fs.access(this.root, constants.W_OK | constants.X_OK);
  }

  pathOf(name: string): string {
    return path.join(this.root, name);
  }

  async create(name: string): Promise<PreparedHome> {
    const home = this.pathOf(name);
    await fs.mkdir(home, { mode: 0o700 });
    if (this.isolation === 'directory') return { home, unixUser: null, identity: undefined };
    const unixUser = `ag-${name}`;
    try {
      await run('useradd', ['--home-dir', home, '--no-create-home', '--shell', '/bin/bash', '--user-group', unixUser]);
      const identity = await identityOf(unixUser);
      await fs.chown(home, identity.uid, identity.gid);
      await fs.chmod(home, 0o700);
      return { home, unixUser, identity };
    } catch (err) {
      await this.remove(home, unixUser).catch(() => {});
      throw new IsolationError(`could not create the Unix user ${unixUser}: ${(err as Error).message}`);
    }
  }

  /** Removes the home and, if there is one, the Unix user (its processes are ended by then). */
  async remove(home: string, unixUser: string | null): Promise<void> {
    if (unixUser) {
      await run('userdel', [unixUser]).catch((err: { code?: number }) => {
        // 6: the user does not exist (a half-created agent).
        if (err.code !== 6) throw err;
      });
    }
    await fs.rm(home, { recursive: true, force: true });
  }
}

async function identityOf(user: string): Promise<AgentIdentity> {
  const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
