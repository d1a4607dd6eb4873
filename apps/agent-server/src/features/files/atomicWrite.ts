// Saves a file so readers see the old bytes or the new ones, never half: temporary file, fsync, rename.
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import { NodeError } from '../../platform/http/errors.js';
import { at, type Confinement, type Dir, errorCode, outsideHome } from './confine.js';

/** New files get this mode; an existing file keeps its own. */
const NEW_FILE_MODE = 0o644;

export interface WriteCondition {
  /** See fsWriteBodySchema: a timestamp the file must still have, null for "must not exist", undefined for none. */
  expectedModifiedAt?: string | null;
}

export async function writeAtomically(
  conf: Confinement,
  dir: Dir,
  name: string,
  data: Buffer,
  condition: WriteCondition,
): Promise<Stats> {
  const current = await fs.lstat(at(dir.handle, name)).catch((err: unknown) => {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  });
  if (current?.isDirectory()) throw new NodeError('is_a_directory', 400, 'The path is a directory');
  // Locating followed any link already; one here appeared since, and is never written through.
  if (current?.isSymbolicLink()) throw outsideHome();
  assertUnchanged(current, condition);

  const temporary = `.mcp-write-${randomBytes(8).toString('hex')}.tmp`;
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  const handle = await conf.openFile(dir, temporary, flags, 0o600);
  try {
    await writeAll(handle, data);
    await handle.chmod(current ? current.mode & 0o7777 : NEW_FILE_MODE);
    await conf.own(handle);
    await handle.sync();
    await handle.close();
    await fs.rename(at(dir.handle, temporary), at(dir.handle, name));
  } catch (err) {
    await handle.close().catch(() => {});
    await fs.unlink(at(dir.handle, temporary)).catch(() => {});
    throw err;
  }
  // The rename itself survives a crash only once the directory is flushed too.
  await dir.handle.sync().catch(() => {});
  return fs.lstat(at(dir.handle, name));
}

function assertUnchanged(current: Stats | null, { expectedModifiedAt }: WriteCondition): void {
  if (expectedModifiedAt === undefined) return;
  const currentModifiedAt = current ? current.mtime.toISOString() : null;
  if (expectedModifiedAt === null && current) {
    throw new NodeError('write_conflict', 409, 'The file already exists', { currentModifiedAt });
  }
  if (expectedModifiedAt !== null && current?.mtime.getTime() !== Date.parse(expectedModifiedAt)) {
    const message = current ? 'The file changed since it was read' : 'The file was deleted since it was read';
    throw new NodeError('write_conflict', 409, message, { currentModifiedAt });
  }
}

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const result = await handle.write(data, written, data.length - written);
    written += result.bytesWritten;
  }
}
