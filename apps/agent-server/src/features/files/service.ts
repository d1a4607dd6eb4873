// FileService: an agent's files (list, tree, read, write, mkdir, delete, rename, copy, search), for HTTP and MCP tools.
import { constants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { FsEncoding, FsEntry, FsFile, FsList, FsSearch, FsTree } from '@mcp-studio/protocol';
import type { AgentServerConfig } from '../../config.js';
import { badRequest, forbidden, NodeError } from '../../platform/http/errors.js';
import type { AgentService } from '../agents/service.js';
import { writeAtomically } from './atomicWrite.js';
import { at, Confinement, type Dir, type Located, parseRelativePath } from './confine.js';
import { octalMode, presentEntry, toClientError } from './entries.js';
import { searchTree } from './search.js';
import { buildTree, listDirectory } from './tree.js';
import { copyEntry, removeEntry } from './treeOps.js';

export interface FileServiceDeps {
  agents: Pick<AgentService, 'place'>;
  limits: AgentServerConfig['fs'];
  /** Milliseconds on any monotonic scale, for the search time cap. */
  clock?: () => number;
}

export interface WriteInput {
  path: string;
  content: string;
  encoding?: FsEncoding;
  expectedModifiedAt?: string | null;
}

export interface SearchInput {
  query: string;
  content?: boolean;
  path?: string;
}

const BINARY_SNIFF_BYTES = 8000;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const homeProtected = (what: string) => forbidden(`The home directory itself cannot be ${what}`, 'home_protected');

/**
 * Every method takes the agent's id and a path relative to its home. Suspended agents keep their files: suspension
 * stops processes, not access to the work they left.
 */
export class FileService {
  /** Saves to one file queue behind each other, so a conflict check and its rename are never interleaved. */
  private readonly writing = new Map<string, Promise<unknown>>();
  private readonly clock: () => number;

  constructor(private readonly deps: FileServiceDeps) {
    this.clock = deps.clock ?? (() => performance.now());
  }

  async list(agentId: string, path: string): Promise<FsList> {
    return this.at(agentId, path, { followFinal: true }, async (conf, located) => {
      const dir = await this.openDirectory(conf, located);
      try {
        const listed = await listDirectory(dir, located.rel);
        return { path: located.rel, entries: listed.entries.map((item) => item.entry), truncated: listed.truncated };
      } finally {
        if (dir !== located.dir) await dir.handle.close();
      }
    });
  }

  async tree(agentId: string, path: string, depth: number): Promise<FsTree> {
    return this.at(agentId, path, { followFinal: true }, async (conf, located) => {
      const dir = await this.openDirectory(conf, located);
      try {
        return { path: located.rel, depth, ...(await buildTree(conf, dir, located.rel, depth)) };
      } finally {
        if (dir !== located.dir) await dir.handle.close();
      }
    });
  }

  async read(agentId: string, path: string): Promise<FsFile> {
    const { maxReadBytes } = this.deps.limits;
    return this.at(agentId, path, { followFinal: true }, async (conf, { dir, name, rel }) => {
      if (name === null) throw new NodeError('is_a_directory', 400, 'The home directory is a directory');
      const handle = await conf.openFile(dir, name, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const stats = await handle.stat();
        if (stats.isDirectory()) throw new NodeError('is_a_directory', 400, `${rel} is a directory`);
        if (!stats.isFile()) throw new NodeError('not_a_file', 400, `${rel} is not a regular file`);
        if (stats.size > maxReadBytes) throw tooLarge('file_too_large', maxReadBytes);
        // It may grow between the stat and the read: never more than the cap is read.
        const bytes = await readAtMost(handle, maxReadBytes + 1);
        if (bytes.length > maxReadBytes) throw tooLarge('file_too_large', maxReadBytes);
        const encoding = isText(bytes) ? 'utf8' : 'base64';
        return {
          path: rel,
          encoding,
          content: bytes.toString(encoding),
          size: bytes.length,
          mode: octalMode(stats.mode),
          modifiedAt: stats.mtime.toISOString(),
        };
      } finally {
        await handle.close();
      }
    });
  }

  /** Creates missing parent directories; writes through a symlink only to a target inside the home. */
  async write(agentId: string, input: WriteInput): Promise<FsEntry> {
    const data = decodeContent(input.content, input.encoding ?? 'utf8');
    if (data.length > this.deps.limits.maxWriteBytes)
      throw tooLarge('content_too_large', this.deps.limits.maxWriteBytes);
    const options = { followFinal: true, createParents: true };
    return this.at(agentId, input.path, options, async (conf, { dir, name, rel }) => {
      if (name === null) throw new NodeError('is_a_directory', 400, 'The home directory is a directory');
      const condition = { expectedModifiedAt: input.expectedModifiedAt };
      const stats = await this.serialize(`${dir.path}/${name}`, () =>
        writeAtomically(conf, dir, name, data, condition),
      );
      return presentEntry(lastName(rel), rel, stats);
    });
  }

  /** Creates the directory and any missing parents; 409 `path_exists` when it is already there. */
  async mkdir(agentId: string, path: string): Promise<FsEntry> {
    const options = { followFinal: false, createParents: true };
    return this.at(agentId, path, options, async (conf, { dir, name, rel }) => {
      if (name === null) throw new NodeError('path_exists', 409, 'The home directory already exists');
      await fs.mkdir(at(dir.handle, name));
      const created = await conf.openChild(dir, name);
      try {
        await created.handle.chmod(0o755);
        await conf.own(created.handle);
        return presentEntry(name, rel, await fs.lstat(at(dir.handle, name)));
      } finally {
        await created.handle.close();
      }
    });
  }

  /** A symlink is removed itself, never what it points to; a non-empty directory needs `recursive`. */
  async remove(agentId: string, path: string, recursive: boolean): Promise<void> {
    await this.at(agentId, path, { followFinal: false }, async (conf, { dir, name }) => {
      if (name === null) throw homeProtected('deleted');
      await removeEntry(conf, dir, name, recursive);
    });
  }

  async rename(agentId: string, from: string, to: string): Promise<FsEntry> {
    return this.move(agentId, from, to, async (_conf, source, target) => {
      await fs.rename(at(source.dir.handle, source.name), at(target.dir.handle, target.name));
    });
  }

  /** Directories are copied recursively; symlinks as symlinks (never followed, so nothing outside is copied in). */
  async copy(agentId: string, from: string, to: string): Promise<FsEntry> {
    return this.move(agentId, from, to, async (conf, source, target) => {
      try {
        await copyEntry(conf, source.dir, source.name, target.dir, target.name);
      } catch (err) {
        // The destination did not exist before: what was copied of it goes again.
        await removeEntry(conf, target.dir, target.name, true).catch(() => {});
        throw err;
      }
    });
  }

  async search(agentId: string, input: SearchInput): Promise<FsSearch> {
    const content = input.content === true;
    const started = this.clock();
    return this.at(agentId, input.path ?? '', { followFinal: true }, async (conf, located) => {
      const dir = await this.openDirectory(conf, located);
      try {
        const limits = {
          maxResults: this.deps.limits.searchMaxResults,
          deadline: started + this.deps.limits.searchTimeoutMs,
          clock: this.clock,
        };
        const outcome = await searchTree(conf, dir, located.rel, input.query, content, limits);
        return { query: input.query, content, ...outcome };
      } finally {
        if (dir !== located.dir) await dir.handle.close();
      }
    });
  }

  /** Locates the path in the agent's home, runs `work` on it, and turns fs errors into client errors naming it. */
  private async at<T>(
    agentId: string,
    path: string,
    options: { followFinal: boolean; createParents?: boolean },
    work: (conf: Confinement, located: Located) => Promise<T>,
  ): Promise<T> {
    const conf = await this.confinement(agentId);
    const rel = parseRelativePath(path).join('/');
    try {
      const located = await conf.locate(path, options);
      try {
        return await work(conf, located);
      } finally {
        await located.dir.handle.close();
      }
    } catch (err) {
      throw toClientError(err, rel);
    }
  }

  /** Rename and copy: the source acted on as itself, a destination that must not exist yet. */
  private async move(
    agentId: string,
    from: string,
    to: string,
    work: (conf: Confinement, source: Named, target: Named) => Promise<void>,
  ): Promise<FsEntry> {
    return this.at(agentId, from, { followFinal: false }, async (conf, source) => {
      if (source.name === null) throw homeProtected('moved or copied');
      const named = { dir: source.dir, name: source.name };
      const sourceStats = await fs.lstat(at(source.dir.handle, source.name));
      const targetOptions = { followFinal: false, createParents: true };
      return this.at(agentId, to, targetOptions, async (_conf, target) => {
        if (target.name === null) throw new NodeError('path_exists', 409, 'The home directory already exists');
        const exists = await fs.lstat(at(target.dir.handle, target.name)).then(
          () => true,
          () => false,
        );
        if (exists) throw new NodeError('path_exists', 409, `${target.rel} already exists`);
        const sourcePath = `${source.dir.path}/${source.name}`;
        if (sourceStats.isDirectory() && `${target.dir.path}/`.startsWith(`${sourcePath}/`)) {
          throw badRequest('A directory cannot be moved or copied inside itself');
        }
        await work(conf, named, { dir: target.dir, name: target.name });
        return presentEntry(target.name, target.rel, await fs.lstat(at(target.dir.handle, target.name)));
      });
    });
  }

  private async openDirectory(conf: Confinement, located: Located): Promise<Dir> {
    if (located.name === null) return located.dir;
    const stats = await fs.lstat(at(located.dir.handle, located.name));
    if (!stats.isDirectory()) throw new NodeError('not_a_directory', 400, `${located.rel} is not a directory`);
    return conf.openChild(located.dir, located.name);
  }

  private async confinement(agentId: string): Promise<Confinement> {
    const place = this.deps.agents.place(agentId);
    return Confinement.of(place.home, place.identity);
  }

  private async serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.writing.get(key) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(task);
    this.writing.set(key, next);
    try {
      return await next;
    } finally {
      if (this.writing.get(key) === next) this.writing.delete(key);
    }
  }
}

interface Named {
  dir: Dir;
  name: string;
}

function lastName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

const tooLarge = (code: string, limit: number) =>
  new NodeError(code, 413, `The file is larger than the node's limit of ${limit} bytes`, { limit });

/** Valid UTF-8 without NUL bytes reads as text; anything else travels as base64. */
function isText(bytes: Buffer): boolean {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeContent(content: string, encoding: FsEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(content, 'utf8');
  const compact = content.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new NodeError('invalid_base64', 400, 'The content is not valid base64');
  }
  return Buffer.from(compact, 'base64');
}

async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks);
}
