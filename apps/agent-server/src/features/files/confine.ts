// Keeps every path an agent (or the studio acting for it) names inside the agent's home, symlinks and races included.
import { constants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { NodeError } from '../../platform/http/errors.js';
import type { AgentIdentity } from '../agents/homes.js';

/** Linux's PATH_MAX and NAME_MAX: longer paths cannot name anything. */
export const MAX_PATH_BYTES = 4096;
export const MAX_NAME_BYTES = 255;
/** Linux's own limit on symlinks followed while resolving one path. */
const MAX_LINK_HOPS = 40;
/** How many times a path is percent-decoded to look for escapes a later decoding layer would reveal. */
const DECODE_ROUNDS = 4;
const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

export const outsideHome = () => new NodeError('path_outside_home', 403, "The path leads outside the agent's home");
const invalidPath = (message: string) => new NodeError('invalid_path', 400, message);
const tooLong = (message: string) => new NodeError('path_too_long', 400, message);

function escapes(candidate: string): boolean {
  if (candidate.startsWith('/') || candidate.startsWith('\\')) return true;
  return candidate.split(/[\\/]/).some((segment) => segment === '..');
}

/** Byte-wise percent-decoding that never throws (a literal `100%.txt` stays as it is). */
function percentDecode(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * The segments of a path relative to the home ([] is the home itself). Absolute paths and `..` anywhere — also once
 * or repeatedly percent-encoded, so no proxy or client that decodes again can turn a harmless name into an escape —
 * answer 403 `path_outside_home`; NUL bytes 400 `invalid_path`; paths beyond PATH_MAX or NAME_MAX 400 `path_too_long`.
 */
export function parseRelativePath(input: string): string[] {
  let decoded = input;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (escapes(decoded)) throw outsideHome();
    const next = percentDecode(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  if (input.includes('\0')) throw invalidPath('The path contains a NUL byte');
  if (Buffer.byteLength(input) > MAX_PATH_BYTES) throw tooLong(`The path is longer than ${MAX_PATH_BYTES} bytes`);
  const segments = splitSegments(input);
  if (segments.some((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES)) {
    throw tooLong(`A name in the path is longer than ${MAX_NAME_BYTES} bytes`);
  }
  return segments;
}

function splitSegments(value: string): string[] {
  return value.split('/').filter((segment) => segment !== '' && segment !== '.');
}

/**
 * `name` inside the directory open as `dir`, resolved by the kernel from that very directory (like openat(2)):
 * renaming or replacing a directory on the way after it was opened cannot redirect the operation.
 */
export function at(dir: FileHandle, name?: string): string {
  return name === undefined ? `/proc/self/fd/${dir.fd}` : `/proc/self/fd/${dir.fd}/${name}`;
}

/** An open directory inside the home and the real path it had when opened (for containment checks and messages). */
export interface Dir {
  handle: FileHandle;
  path: string;
}

export interface Located {
  /** The open directory holding the final component: operations go through it, never through the path again. */
  dir: Dir;
  /** The final component; null when the path names a directory reached as a whole (the home, or a link to `..`). */
  name: string | null;
  /** The requested path, normalized and relative to the home ('' for the home). */
  rel: string;
}

export interface LocateOptions {
  /** Follow a symlink in the final component (read, write, list) or act on the link itself (delete, rename, copy). */
  followFinal: boolean;
  /** Create missing directories on the way (write, mkdir, destinations), owned by the agent. */
  createParents?: boolean;
}

export class Confinement {
  private constructor(
    /** The real path of the home. */
    readonly home: string,
    private readonly homeAliases: string[],
    readonly identity: AgentIdentity | undefined,
  ) {}

  static async of(home: string, identity?: AgentIdentity): Promise<Confinement> {
    const real = await fs.realpath(home);
    return new Confinement(real, [...new Set([real, path.resolve(home)])], identity);
  }

  contains(absolute: string): boolean {
    return absolute === this.home || absolute.startsWith(`${this.home}/`);
  }

  /**
   * Walks the path one component at a time from the open home, like the kernel does, but refusing any step that
   * leaves it: a `..` above the home (from a symlink's target), an absolute symlink target elsewhere, a directory
   * whose real location (read back from /proc after opening it) lies outside. Each directory is opened with
   * O_NOFOLLOW from the previous one, so a symlink swapped in meanwhile fails instead of being followed.
   */
  async locate(input: string, options: LocateOptions): Promise<Located> {
    const segments = parseRelativePath(input);
    const rel = segments.join('/');
    const queue = [...segments];
    let dir = await this.openHome();
    let hops = 0;
    try {
      while (queue.length > 0) {
        const name = queue.shift() as string;
        if (name === '..') {
          dir = await this.replace(dir, await this.openParent(dir));
          continue;
        }
        const isFinal = queue.length === 0;
        if (isFinal && !options.followFinal) return { dir, name, rel };
        const target = await linkTarget(dir, name);
        if (target !== null) {
          hops += 1;
          if (hops > MAX_LINK_HOPS) throw new NodeError('too_many_links', 400, 'Too many levels of symbolic links');
          if (path.isAbsolute(target)) {
            const inside = this.insideHome(target);
            if (inside === undefined) throw outsideHome();
            dir = await this.replace(dir, await this.openHome());
            queue.unshift(...splitSegments(inside));
          } else {
            queue.unshift(...splitSegments(target));
          }
          continue;
        }
        if (isFinal) return { dir, name, rel };
        dir = await this.replace(dir, await this.openChild(dir, name, options.createParents === true));
      }
      return { dir, name: null, rel };
    } catch (err) {
      await dir.handle.close().catch(() => {});
      throw err;
    }
  }

  /** Opens a subdirectory without following a symlink, checking where it really is. */
  async openChild(parent: Dir, name: string, create = false): Promise<Dir> {
    let handle: FileHandle;
    try {
      handle = await fs.open(at(parent.handle, name), DIR_FLAGS);
    } catch (err) {
      if (!create || errorCode(err) !== 'ENOENT') throw err;
      await fs.mkdir(at(parent.handle, name), 0o755).catch((mkdirError: unknown) => {
        if (errorCode(mkdirError) !== 'EEXIST') throw mkdirError;
      });
      handle = await fs.open(at(parent.handle, name), DIR_FLAGS);
      await this.own(handle);
    }
    return this.checked(handle);
  }

  /**
   * Opens a file without following a final symlink (O_NOFOLLOW), then checks through /proc that what was opened
   * lies inside the home; a created file found outside is removed again.
   */
  async openFile(dir: Dir, name: string, flags: number, mode?: number): Promise<FileHandle> {
    const handle = await fs.open(at(dir.handle, name), flags | constants.O_NOFOLLOW, mode);
    const real = await fs.readlink(at(handle));
    if (!this.contains(real)) {
      await handle.close();
      if (flags & constants.O_CREAT) await fs.unlink(real).catch(() => {});
      throw outsideHome();
    }
    return handle;
  }

  /** Gives what the node created to the agent's Unix user (under unix-user isolation; a no-op otherwise). */
  async own(handle: FileHandle): Promise<void> {
    if (this.identity) await handle.chown(this.identity.uid, this.identity.gid);
  }

  /** Like `own` for a symlink, which has no handle. */
  async ownLink(dir: Dir, name: string): Promise<void> {
    if (this.identity) await fs.lchown(at(dir.handle, name), this.identity.uid, this.identity.gid);
  }

  private async openHome(): Promise<Dir> {
    return this.checked(await fs.open(this.home, constants.O_RDONLY | constants.O_DIRECTORY));
  }

  private async openParent(dir: Dir): Promise<Dir> {
    if (dir.path === this.home) throw outsideHome();
    return this.checked(await fs.open(at(dir.handle, '..'), constants.O_RDONLY | constants.O_DIRECTORY));
  }

  private async checked(handle: FileHandle): Promise<Dir> {
    const real = await fs.readlink(at(handle)).catch(async (err: unknown) => {
      await handle.close();
      throw err;
    });
    if (!this.contains(real)) {
      await handle.close();
      throw outsideHome();
    }
    return { handle, path: real };
  }

  private async replace(previous: Dir, next: Dir): Promise<Dir> {
    await previous.handle.close();
    return next;
  }

  /** The part of an absolute symlink target below the home, or undefined when it points elsewhere. */
  private insideHome(target: string): string | undefined {
    for (const alias of this.homeAliases) {
      if (target === alias) return '';
      if (target.startsWith(`${alias}/`)) return target.slice(alias.length + 1);
    }
    return undefined;
  }
}

/** The target of `name` in `dir` when it is a symlink; null when it is something else or nothing. */
async function linkTarget(dir: Dir, name: string): Promise<string | null> {
  try {
    const stats = await fs.lstat(at(dir.handle, name));
    return stats.isSymbolicLink() ? await fs.readlink(at(dir.handle, name)) : null;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  }
}

export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}
