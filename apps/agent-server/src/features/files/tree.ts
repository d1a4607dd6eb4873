// Directory listings and trees read through open directories; symlinks are shown, never descended into.
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import type { FsEntry, FsTreeNode } from '@mcp-studio/protocol';
import { at, type Confinement, type Dir, errorCode } from './confine.js';
import { joinRel, presentEntry } from './entries.js';

/** One listing returns at most this many entries (a 10,000-entry directory fits whole). */
export const LIST_MAX_ENTRIES = 20_000;
/** A tree holds at most this many nodes, whatever the depth asked for. */
export const TREE_MAX_NODES = 5_000;
/** lstat calls in flight at once while listing. */
const STAT_BATCH = 128;
export const SKIPPED_CODES = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES', 'EPERM']);

export interface Listed {
  entries: { entry: FsEntry; stats: Stats }[];
  truncated: boolean;
}

/** Directories first, then by name; entries that vanish while listing are left out. */
export async function listDirectory(dir: Dir, rel: string, max = LIST_MAX_ENTRIES): Promise<Listed> {
  const names = await fs.readdir(at(dir.handle));
  const listed: Listed['entries'] = [];
  for (let start = 0; start < names.length; start += STAT_BATCH) {
    const batch = names.slice(start, start + STAT_BATCH);
    const stats = await Promise.all(
      batch.map((name) =>
        fs.lstat(at(dir.handle, name)).catch((err: unknown) => {
          if (errorCode(err) === 'ENOENT') return null;
          throw err;
        }),
      ),
    );
    batch.forEach((name, index) => {
      const stat = stats[index];
      if (stat) listed.push({ entry: presentEntry(name, joinRel(rel, name), stat), stats: stat });
    });
  }
  listed.sort(
    (a, b) =>
      Number(b.stats.isDirectory()) - Number(a.stats.isDirectory()) ||
      (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0),
  );
  return { entries: listed.slice(0, max), truncated: listed.length > max };
}

/** The tree below `dir` down to `depth` levels (1: its entries only), within TREE_MAX_NODES in all. */
export async function buildTree(
  conf: Confinement,
  dir: Dir,
  rel: string,
  depth: number,
  budget = { remaining: TREE_MAX_NODES, truncated: false },
): Promise<{ entries: FsTreeNode[]; truncated: boolean }> {
  const listed = await listDirectory(dir, rel, budget.remaining);
  if (listed.truncated) budget.truncated = true;
  budget.remaining -= listed.entries.length;
  const nodes: FsTreeNode[] = [];
  for (const { entry, stats } of listed.entries) {
    const node: FsTreeNode = { ...entry };
    if (stats.isDirectory() && depth > 1 && budget.remaining > 0) {
      const child = await conf.openChild(dir, entry.name).catch((err: unknown) => {
        // Removed, replaced or unreadable meanwhile: shown without children.
        if (SKIPPED_CODES.has(errorCode(err) ?? '')) return null;
        throw err;
      });
      if (child) {
        try {
          node.children = (await buildTree(conf, child, entry.path, depth - 1, budget)).entries;
        } finally {
          await child.handle.close();
        }
      }
    } else if (stats.isDirectory() && depth > 1) {
      budget.truncated = true;
    }
    nodes.push(node);
  }
  return { entries: nodes, truncated: budget.truncated };
}
