// The agent-server section of docs/benchmarks.md: keystrokes, terminal output and a large listing, straight to a node
// and through the studio. Self-contained (its own date and machine) so `BENCH_ONLY=agent-server` can replace it alone.
import fs from 'node:fs';
import {
  type AgentPath,
  type AgentServerBench,
  KEYSTROKES,
  LIST_ENTRIES,
  LIST_STAT_BATCH,
  LISTINGS,
  THROUGHPUT_COMMAND,
  THROUGHPUT_RUNS,
  WARMUP_KEYSTROKES,
  WARMUP_LISTINGS,
} from './agentServer.js';
import { int, ms, pct, signed, table } from './format.js';

export const AGENT_SERVER_HEADING = '## Agent server';

const TERMINAL_LABELS: Record<AgentPath, string> = {
  baseline: 'Raw PTY (node-pty in the bench process)',
  node: 'Node `/api/terminals/:sid/ws`',
  proxy: 'Studio `/api/agent-servers/:id/terminals/:sid/ws`',
};

const LIST_LABELS: Record<AgentPath, string> = {
  baseline: '`fs.promises.readdir` + `lstat` in the bench process',
  node: 'Node `GET /api/agents/:id/fs/list`',
  proxy: 'Studio `GET /api/agent-servers/:id/agents/:agentId/fs/list`',
};

const kib = (bytes: number) => `${int(bytes / 1024)} KiB`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function byPath<T extends { path: AgentPath }>(results: T[], path: AgentPath): T | undefined {
  return results.find((r) => r.path === path);
}

function keystrokeTable(bench: AgentServerBench): string {
  const node = byPath(bench.keystrokes, 'node');
  return table(
    ['Path', 'p50 (ms)', 'p99 (ms)', 'vs node: p50 added (ms)', 'Keystrokes measured'],
    bench.keystrokes.map((r) => [
      TERMINAL_LABELS[r.path],
      ms(r.p50),
      ms(r.p99),
      r.path === 'node' || !node ? '—' : signed(r.p50 - node.p50, 2),
      int(r.samples),
    ]),
  );
}

function throughputTable(bench: AgentServerBench): string {
  const raw = byPath(bench.throughput, 'baseline');
  return table(
    ['Path', 'MB/s (median)', 'Min', 'Max', 'vs raw PTY', 'Bytes per run', 'Runs'],
    bench.throughput.map((r) => [
      TERMINAL_LABELS[r.path],
      r.mbPerSecond.toFixed(1),
      r.min.toFixed(1),
      r.max.toFixed(1),
      r.path === 'baseline' || !raw ? '—' : pct(r.mbPerSecond, raw.mbPerSecond),
      int(r.bytes),
      String(r.runs),
    ]),
  );
}

function listingTable(bench: AgentServerBench): string {
  const base = byPath(bench.listing, 'baseline');
  return table(
    ['Path', 'p50 (ms)', 'p99 (ms)', 'vs baseline: p50 added (ms)', 'Answer', 'Listings measured'],
    bench.listing.map((r) => [
      LIST_LABELS[r.path],
      ms(r.p50),
      ms(r.p99),
      r.path === 'baseline' || !base ? '—' : signed(r.p50 - base.p50),
      r.bodyBytes ? kib(r.bodyBytes) : '—',
      int(r.samples),
    ]),
  );
}

function method(bench: AgentServerBench): string {
  return `**Method.** A node (\`buildNodeApp\` from \`apps/agent-server/dist\`, directory isolation, LOG_LEVEL=warn) runs
in a child process (\`bench/agent-node.mjs\`) on a fresh DATA_DIR, listening on 127.0.0.1; a studio (built as above,
on ${bench.database}) runs in the bench process. The studio's owner attaches the node (\`POST /api/agent-servers\` with
its master token) and provisions one agent through the studio's proxy. Every client runs on its own worker thread
(\`bench/agent-client-worker.mjs\`), so it shares no event loop with the studio; _node_ paths carry the master token,
_studio_ paths the owner's session access token (\`Authorization: Bearer\`), and the studio forwards them to the node
with the master token. Each terminal cell opens a fresh terminal (120 × 40, the agent's interactive bash) and closes
it afterwards.

- _Keystrokes._ The terminal runs \`stty raw -echo; exec cat\`, so each byte typed comes back once, from a process,
  as a shell's echo would. One byte in flight at a time (a binary WebSocket frame), timed from \`send\` to the echoed
  frame with \`performance.now()\`; an echo that is not exactly the byte typed aborts the bench.
  ${int(WARMUP_KEYSTROKES)} warm-up keystrokes, then ${int(KEYSTROKES)} measured per path.
- _Terminal output._ \`${THROUGHPUT_COMMAND}\` typed into the shell, followed by a marker printed when it ends;
  the rate is every byte received over the WebSocket between sending the command and seeing the marker, divided by
  that time (MB = 10^6 bytes). The baseline spawns \`bash -c '${THROUGHPUT_COMMAND}'\` on a PTY with node-pty in the
  bench process and counts its bytes until it exits. ${THROUGHPUT_RUNS} runs per path, the median reported.
- _Listing._ One directory of ${int(LIST_ENTRIES)} empty files in the agent's home (created with
  \`POST /api/agents/:id/exec\`), listed in rounds of one listing per path (the baseline, the node, the studio, one
  after the other, so a machine slowing down weighs on every path alike): ${int(WARMUP_LISTINGS)} rounds of warm-up,
  then ${int(LISTINGS)} measured. HTTP requests go one at a time over keep-alive; each time includes reading and
  parsing the JSON answer, whose entry count is checked. The baseline is \`fs.promises.readdir\` and an \`lstat\` of every entry,
  ${LIST_STAT_BATCH} at a time as the node does (all ${int(LIST_ENTRIES)} at once was slower when this bench was
  written: the promises queue for libuv's four threads).`;
}

/** A few sentences computed from the figures, so the reading stays true when the bench is re-run. */
function reading(bench: AgentServerBench): string[] {
  const lines: string[] = [];
  const keyNode = byPath(bench.keystrokes, 'node');
  const keyProxy = byPath(bench.keystrokes, 'proxy');
  if (keyNode && keyProxy) {
    lines.push(
      `- **Keystrokes.** Straight to the node a keystroke comes back in ${ms(keyNode.p50)} ms at the median ` +
        `(p99 ${ms(keyNode.p99)} ms); through the studio in ${ms(keyProxy.p50)} ms (p99 ${ms(keyProxy.p99)} ms): the ` +
        `proxy adds ${ms(keyProxy.p50 - keyNode.p50)} ms, one more WebSocket hop each way on the same machine.` +
        (keyProxy.p99 < 20
          ? ' Even the p99 stays below what a person notices at the keyboard (tens of milliseconds); across a ' +
            'network, the round trips between browser, studio and node will dominate.'
          : ''),
    );
  }
  const raw = byPath(bench.throughput, 'baseline');
  const outNode = byPath(bench.throughput, 'node');
  const outProxy = byPath(bench.throughput, 'proxy');
  if (raw && outNode && outProxy) {
    lines.push(
      `- **Terminal output.** The raw PTY delivers ${raw.mbPerSecond.toFixed(1)} MB/s` +
        (raw.chunkBytes ? ` (node-pty reads it about ${int(raw.chunkBytes)} bytes at a time)` : '') +
        `; over the node's WebSocket ${outNode.mbPerSecond.toFixed(1)} MB/s ` +
        `(${pct(outNode.mbPerSecond, raw.mbPerSecond)}) and through the studio ${outProxy.mbPerSecond.toFixed(1)} MB/s ` +
        `(${pct(outProxy.mbPerSecond, raw.mbPerSecond)}). ${mb(outNode.bytes)} per run is far more than a person ` +
        'reads: a runaway `cat` or build log scrolls by without holding the terminal back. The node pauses the PTY ' +
        "when its WebSocket client falls more than 1 MiB behind, and the studio's proxy stops reading from the node " +
        'when its browser falls more than 1 MiB behind, so a slow browser slows the terminal rather than filling memory.',
    );
  }
  const base = byPath(bench.listing, 'baseline');
  const listNode = byPath(bench.listing, 'node');
  const listProxy = byPath(bench.listing, 'proxy');
  if (base && listNode && listProxy) {
    lines.push(
      `- **Listing ${int(LIST_ENTRIES)} entries.** \`readdir\` and ${int(LIST_ENTRIES)} \`lstat\`s take ` +
        `${ms(base.p50)} ms in the bench process; the node answers in ${ms(listNode.p50)} ms ` +
        `(${signed(listNode.p50 - base.p50)} ms) and the studio in ${ms(listProxy.p50)} ms ` +
        `(${signed(listProxy.p50 - listNode.p50)} ms over the node). Besides the system calls, the node holds the ` +
        'directory open and reaches each entry through that handle (`/proc/self/fd/<fd>/<name>`, so a directory ' +
        'renamed meanwhile cannot redirect it), presents and sorts the entries and sends a ' +
        `${listNode.bodyBytes ? `${kib(listNode.bodyBytes)} ` : ''}JSON answer, which the client parses; the ` +
        "studio authenticates the request, looks the node up, reads the node's whole answer and sends its bytes on " +
        'unchanged. When this bench was written, validating and serializing the answer took about 6 ms inside the ' +
        'node, and an `lstat` through the handle about 10 % more than through a plain path; the rest of the gap ' +
        'moved by tens of milliseconds between runs on this shared machine.',
    );
  }
  return lines;
}

/** The whole section, from its heading to the end of its reading. */
export function agentServerSection(bench: AgentServerBench): string {
  return `${AGENT_SERVER_HEADING}

Produced by \`npm run bench\` with the rest of this file, or alone by \`BENCH_ONLY=agent-server npm run bench\`, which
replaces only this section; its date and machine are its own.

- **Date:** ${bench.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
- **Machine:** ${bench.machine}

${method(bench)}

${agentServerTables(bench)}

**Reading.**

${reading(bench).join('\n')}

These are measurements, not limits: no test asserts on timing. On a shared machine they move between runs.
`;
}

/** The tables under their headings (also printed on the console). */
export function agentServerTables(bench: AgentServerBench): string {
  return `### Agent server: keystroke round trip over the terminal WebSocket

${keystrokeTable(bench)}

### Agent server: terminal output throughput

${throughputTable(bench)}

### Agent server: listing a ${int(LIST_ENTRIES)}-entry directory

${listingTable(bench)}`;
}

/**
 * Replaces the agent-server section of the document at `file` (from its heading to the next `## ` heading or the
 * end), or appends it when there is none; the rest of the file is left byte for byte.
 */
export function writeAgentServerSection(file: string, bench: AgentServerBench): void {
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  fs.writeFileSync(file, spliceSection(doc, agentServerSection(bench)));
}

export function spliceSection(doc: string, section: string): string {
  const start = doc.indexOf(`\n${AGENT_SERVER_HEADING}\n`);
  if (start < 0) return `${doc.trimEnd()}\n\n${section}`;
  const next = doc.indexOf('\n## ', start + 1);
  const rest = next < 0 ? '' : `\n${doc.slice(next + 1)}`;
  return `${doc.slice(0, start + 1)}${section}${rest}`;
}
