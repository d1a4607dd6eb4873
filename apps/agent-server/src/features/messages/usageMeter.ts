// Model tokens per agent, UTC day and model: counted in memory and written to the node's state in batches, so a
// busy agent does not rewrite state.json on every request.
import type { AgentTokenCounts, AgentUsageReport } from '@mcp-studio/protocol';
import type { UsageRecord } from '../../platform/state/records.js';
import type { StateStore } from '../../platform/state/stateStore.js';

/** What one relayed request used. */
export interface TokenUse {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageMeterDeps {
  state: StateStore;
  now: () => Date;
  /** How long counts may wait in memory before they are written. */
  flushIntervalMs?: number;
  onFlushError?: (err: unknown) => void;
}

const DEFAULT_FLUSH_INTERVAL_MS = 5_000;

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const keyOf = (row: Pick<UsageRecord, 'agentId' | 'day' | 'model'>) =>
  JSON.stringify([row.agentId, row.day, row.model]);

function add(into: Map<string, UsageRecord>, row: UsageRecord): void {
  const key = keyOf(row);
  const existing = into.get(key);
  if (!existing) {
    into.set(key, { ...row });
    return;
  }
  existing.requests += row.requests;
  existing.inputTokens += row.inputTokens;
  existing.outputTokens += row.outputTokens;
}

export class UsageMeter {
  private pending = new Map<string, UsageRecord>();
  /** Counts being written: still reported, as the state does not hold them yet. */
  private inFlight: UsageRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: UsageMeterDeps) {}

  record(agentId: string, use: TokenUse): void {
    add(this.pending, {
      agentId,
      day: utcDay(this.deps.now()),
      model: use.model,
      requests: 1,
      inputTokens: Math.max(0, Math.trunc(use.inputTokens)),
      outputTokens: Math.max(0, Math.trunc(use.outputTokens)),
    });
    this.schedule();
  }

  /** Writes what is counted so far; resolves once it is on disk. */
  flush(): Promise<void> {
    const run = this.writing.then(() => this.write());
    this.writing = run.catch(() => {});
    return run;
  }

  /** Stops the timer and writes what is left (the node's onClose). */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush().catch((err: unknown) => this.deps.onFlushError?.(err));
  }

  /** The agent's usage between two UTC days (inclusive), counts not yet written included. */
  report(agentId: string, from?: string, to?: string): AgentUsageReport {
    const rows = new Map<string, UsageRecord>();
    for (const row of [...this.deps.state.current.usage, ...this.inFlight, ...this.pending.values()]) {
      if (row.agentId !== agentId || (from && row.day < from) || (to && row.day > to)) continue;
      add(rows, row);
    }
    const sorted = [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.model.localeCompare(b.model));
    const totals: AgentTokenCounts = { requests: 0, inputTokens: 0, outputTokens: 0 };
    for (const row of sorted) {
      totals.requests += row.requests;
      totals.inputTokens += row.inputTokens;
      totals.outputTokens += row.outputTokens;
    }
    return {
      agentId,
      from: from ?? null,
      to: to ?? null,
      totals,
      rows: sorted.map(({ day, model, requests, inputTokens, outputTokens }) => ({
        day,
        model,
        requests,
        inputTokens,
        outputTokens,
      })),
    };
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err: unknown) => this.deps.onFlushError?.(err));
    }, this.deps.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
    // Pending counts must not keep a stopping process alive; close() writes them.
    this.timer.unref();
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.inFlight = batch;
    try {
      await this.deps.state.update((draft) => {
        const rows = new Map(draft.usage.map((row) => [keyOf(row), row]));
        const agents = new Set(draft.agents.map((agent) => agent.id));
        for (const row of batch) {
          // An agent deleted since the request took its usage with it.
          if (!agents.has(row.agentId)) continue;
          const existing = rows.get(keyOf(row));
          if (existing) {
            existing.requests += row.requests;
            existing.inputTokens += row.inputTokens;
            existing.outputTokens += row.outputTokens;
          } else {
            const added = { ...row };
            draft.usage.push(added);
            rows.set(keyOf(added), added);
          }
        }
      });
    } catch (err) {
      // Keep the counts for the next attempt rather than lose them.
      for (const row of batch) add(this.pending, row);
      this.schedule();
      throw err;
    } finally {
      this.inFlight = [];
    }
  }
}
