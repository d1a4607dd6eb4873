// Finds files by name and, on request, by content (case-insensitive), within a result cap and a time cap.
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import type { FsSearch, FsSearchResult } from '@mcp-studio/protocol';
import { at, type Confinement, type Dir, errorCode } from './confine.js';
import { entryType, joinRel } from './entries.js';
import { SKIPPED_CODES } from './tree.js';

/** Larger files are matched by name only. */
export const CONTENT_SEARCH_MAX_FILE_BYTES = 1024 * 1024;
/** A NUL byte in this many leading bytes marks a file as binary (skipped by content search). */
const BINARY_SNIFF_BYTES = 8000;
const MATCHES_PER_FILE = 5;
const MATCH_TEXT_CHARS = 200;
/** Dependency and VCS trees would spend the whole time budget; their own names can still match. */
export const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

export interface SearchLimits {
  maxResults: number;
  /** When the search must stop, on `clock`'s scale. */
  deadline: number;
  clock: () => number;
}

type Outcome = Omit<FsSearch, 'query' | 'content'>;

export async function searchTree(
  conf: Confinement,
  root: Dir,
  rel: string,
  query: string,
  content: boolean,
  limits: SearchLimits,
): Promise<Outcome> {
  const needle = query.toLowerCase();
  const results: FsSearchResult[] = [];
  let reason: Outcome['reason'] = null;

  const visit = async (dir: Dir, dirRel: string): Promise<void> => {
    const names = await fs.readdir(at(dir.handle)).catch(skipOrThrow);
    for (const name of (names ?? []).sort()) {
      if (reason) return;
      if (limits.clock() > limits.deadline) {
        reason = 'timeout';
        return;
      }
      const stats = await fs.lstat(at(dir.handle, name)).catch(skipOrThrow);
      if (!stats) continue;
      const matches =
        content && stats.isFile() && stats.size <= CONTENT_SEARCH_MAX_FILE_BYTES
          ? await matchContents(conf, dir, name, needle)
          : [];
      if (name.toLowerCase().includes(needle) || matches.length > 0) {
        // One more than the cap proves there was more to find.
        if (results.length === limits.maxResults) {
          reason = 'max_results';
          return;
        }
        const path = joinRel(dirRel, name);
        results.push(
          matches.length > 0 ? { path, name, type: entryType(stats), matches } : { path, name, type: entryType(stats) },
        );
      }
      if (stats.isDirectory() && !SKIPPED_DIRECTORIES.has(name)) {
        const child = await conf.openChild(dir, name).catch(skipOrThrow);
        if (!child) continue;
        try {
          await visit(child, joinRel(dirRel, name));
        } finally {
          await child.handle.close();
        }
      }
    }
  };

  await visit(root, rel);
  return { results, truncated: reason !== null, reason };
}

async function matchContents(
  conf: Confinement,
  dir: Dir,
  name: string,
  needle: string,
): Promise<{ line: number; text: string }[]> {
  const handle = await conf.openFile(dir, name, constants.O_RDONLY | constants.O_NONBLOCK).catch(skipOrThrow);
  if (!handle) return [];
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size > CONTENT_SEARCH_MAX_FILE_BYTES) return [];
    const bytes = await handle.readFile();
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return [];
    const text = bytes.toString('utf8');
    if (!text.toLowerCase().includes(needle)) return [];
    const matches: { line: number; text: string }[] = [];
    const lines = text.split('\n');
    for (let index = 0; index < lines.length && matches.length < MATCHES_PER_FILE; index++) {
      const line = lines[index] as string;
      if (line.toLowerCase().includes(needle)) {
        matches.push({ line: index + 1, text: line.replace(/\r$/, '').slice(0, MATCH_TEXT_CHARS) });
      }
    }
    return matches;
  } finally {
    await handle.close();
  }
}

/** Entries that vanish, turn into symlinks or cannot be read while searching are passed over, not fatal. */
function skipOrThrow(err: unknown): null {
  if (SKIPPED_CODES.has(errorCode(err) ?? '')) return null;
  // A symlink swapped in is refused by openFile/openChild as path_outside_home: passed over as well.
  if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'path_outside_home') return null;
  throw err;
}
