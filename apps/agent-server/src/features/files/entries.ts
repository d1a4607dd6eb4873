// How files look to clients (entries with type, size, permissions, modified time) and how fs errors read to them.
import type { Stats } from 'node:fs';
import type { FsEntry, FsEntryType } from '@mcp-studio/protocol';
import { badRequest, conflict, forbidden, NodeError, notFound } from '../../platform/http/errors.js';
import { errorCode, outsideHome } from './confine.js';

const PERMISSION_LETTERS = 'rwxrwxrwx';

export function entryType(stats: Stats): FsEntryType {
  if (stats.isSymbolicLink()) return 'symlink';
  return stats.isDirectory() ? 'directory' : 'file';
}

/** "rw-r--r--", like `ls -l` without the type letter. */
export function permissionsOf(mode: number): string {
  return [...PERMISSION_LETTERS].map((letter, index) => (mode & (1 << (8 - index)) ? letter : '-')).join('');
}

/** The permission bits (with setuid, setgid and sticky) as four octal digits: "0644". */
export function octalMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** Stats are lstat's: a symlink is described as itself. */
export function presentEntry(name: string, rel: string, stats: Stats): FsEntry {
  return {
    name,
    path: rel,
    type: entryType(stats),
    size: stats.isDirectory() ? 0 : stats.size,
    permissions: permissionsOf(stats.mode),
    mode: octalMode(stats.mode),
    modifiedAt: stats.mtime.toISOString(),
  };
}

export function joinRel(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

/**
 * An fs error as the client should see it, naming the path it asked for (never the node's absolute or /proc paths).
 * Unknown errors pass through as bugs (500, logged).
 */
export function toClientError(err: unknown, rel: string): unknown {
  if (err instanceof NodeError) return err;
  const shown = rel === '' ? 'the home directory' : rel;
  switch (errorCode(err)) {
    case 'ENOENT':
      return new NodeError('not_found', 404, `No such file or directory: ${shown}`);
    case 'ENOTDIR':
      return new NodeError('not_a_directory', 400, `A part of ${shown} is not a directory`);
    case 'EISDIR':
      return new NodeError('is_a_directory', 400, `${shown} is a directory`);
    case 'EEXIST':
      return conflict('path_exists', `${shown} already exists`);
    case 'ENOTEMPTY':
      return conflict('directory_not_empty', `${shown} is not empty; delete it with recursive=true`);
    // A symlink appeared where a file or directory was seen a moment ago: never followed.
    case 'ELOOP':
      return outsideHome();
    case 'EACCES':
    case 'EPERM':
      return forbidden(`Permission denied: ${shown}`, 'permission_denied');
    case 'ENAMETOOLONG':
      return new NodeError('path_too_long', 400, `The path is too long: ${shown}`);
    case 'EINVAL':
      return badRequest(`Invalid operation on ${shown} (a directory cannot go inside itself)`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new NodeError('no_space', 507, 'No space left for the agent on this node');
    default:
      return err;
  }
}

export const notFoundPath = (rel: string) =>
  rel === '' ? notFound('Home directory') : new NodeError('not_found', 404, `No such file or directory: ${rel}`);
