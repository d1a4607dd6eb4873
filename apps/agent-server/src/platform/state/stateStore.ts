// The node's state in one JSON document: read from memory, changed one update at a time, each update written
// to a temporary file, flushed and renamed over DATA_DIR/state.json, so a crash leaves the old or the new state.
import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { emptyState, type NodeState } from './records.js';

export class StateLockedError extends Error {}

export class StateStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private state: NodeState,
    private readonly file: string | undefined,
    private readonly release: (() => Promise<void>) | undefined,
  ) {}

  /** Opens DATA_DIR/state.json (created when missing), locked to this process; `dataDir` undefined keeps it in memory. */
  static async open(dataDir: string | undefined): Promise<StateStore> {
    if (!dataDir) return new StateStore(emptyState(), undefined, undefined);
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(dataDir, 'state.json');
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(dataDir, { lockfilePath: `${file}.lock`, stale: 15_000, realpath: false });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      throw new StateLockedError(`${dataDir} is in use by another agent server; give this one another DATA_DIR.`);
    }
    try {
      const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      const state = text === undefined ? emptyState() : { ...emptyState(), ...(JSON.parse(text) as NodeState) };
      return new StateStore(state, file, release);
    } catch (err) {
      await release();
      throw err;
    }
  }

  /** The current state; treat it as read-only and change it through `update`. */
  get current(): Readonly<NodeState> {
    return this.state;
  }

  /**
   * Runs `change` on a copy of the state and makes the copy current once it is on disk. Updates run one after
   * the other; a change that throws leaves the state as it was.
   */
  update<T>(change: (draft: NodeState) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const draft = structuredClone(this.state);
      const result = change(draft);
      await this.write(draft);
      this.state = draft;
      return result;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.release?.();
  }

  private async write(state: NodeState): Promise<void> {
    if (!this.file) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(state));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, this.file);
  }
}
