import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../platform/state/records.js';
import { StateStore } from '../../platform/state/stateStore.js';
import { UsageMeter } from './usageMeter.js';

const agentRecord = (id: string): AgentRecord => ({
  id,
  name: id.slice(0, 8),
  engine: 'claude',
  model: null,
  capabilities: [],
  status: 'active',
  unixUser: null,
  uid: null,
  gid: null,
  home: `/tmp/${id}`,
  apiKeyEnvelope: null,
  tokenHash: id,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  lastActiveAt: null,
});

describe('the usage meter', () => {
  const A = '00000000-0000-4000-8000-00000000000a';
  const B = '00000000-0000-4000-8000-00000000000b';
  let dir: string;
  let state: StateStore;
  let clock: Date;
  let meter: UsageMeter;
  const onDisk = () => JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')).usage;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'usage-meter-'));
    state = await StateStore.open(dir);
    await state.update((draft) => {
      draft.agents.push(agentRecord(A), agentRecord(B));
    });
    clock = new Date('2025-03-01T23:59:00Z');
    meter = new UsageMeter({ state, now: () => clock, flushIntervalMs: 60_000 });
  });
  afterEach(async () => {
    await meter.close();
    await state.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds requests up per UTC day and model, and writes them only when flushed', async () => {
    meter.record(A, { model: 'm1', inputTokens: 10, outputTokens: 1 });
    meter.record(A, { model: 'm1', inputTokens: 5, outputTokens: 2 });
    meter.record(A, { model: 'm2', inputTokens: 1, outputTokens: 1 });
    clock = new Date('2025-03-02T00:01:00Z');
    meter.record(A, { model: 'm1', inputTokens: 7, outputTokens: 3 });
    meter.record(B, { model: 'm1', inputTokens: 100, outputTokens: 100 });
    expect(onDisk()).toEqual([]);

    const report = meter.report(A);
    expect(report.rows).toEqual([
      { day: '2025-03-01', model: 'm1', requests: 2, inputTokens: 15, outputTokens: 3 },
      { day: '2025-03-01', model: 'm2', requests: 1, inputTokens: 1, outputTokens: 1 },
      { day: '2025-03-02', model: 'm1', requests: 1, inputTokens: 7, outputTokens: 3 },
    ]);
    expect(report.totals).toEqual({ requests: 4, inputTokens: 23, outputTokens: 7 });

    await meter.flush();
    expect(onDisk()).toHaveLength(4);
    // Counts after a flush add to the stored rows instead of making new ones.
    meter.record(A, { model: 'm1', inputTokens: 1, outputTokens: 1 });
    await meter.flush();
    expect(onDisk()).toHaveLength(4);
    expect(meter.report(A, '2025-03-02', '2025-03-02').rows).toEqual([
      { day: '2025-03-02', model: 'm1', requests: 2, inputTokens: 8, outputTokens: 4 },
    ]);
    expect(meter.report(A, undefined, '2025-03-01').totals.requests).toBe(3);
  });

  it('writes what is left when closed, and drops the counts of an agent deleted meanwhile', async () => {
    meter.record(A, { model: 'm1', inputTokens: 2, outputTokens: 3 });
    meter.record(B, { model: 'm1', inputTokens: 4, outputTokens: 5 });
    await state.update((draft) => {
      draft.agents = draft.agents.filter((agent) => agent.id !== B);
    });
    await meter.close();
    expect(onDisk()).toEqual([
      { agentId: A, day: '2025-03-01', model: 'm1', requests: 1, inputTokens: 2, outputTokens: 3 },
    ]);
  });
});
