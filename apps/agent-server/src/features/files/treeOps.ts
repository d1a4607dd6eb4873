// Recursive delete and copy that walk through open directories, so no symlink — there before or swapped in — is followed.
import { constants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import { badRequest } from '../../platform/http/errors.js';
import { at, type Confinement, type Dir } from './confine.js';

/** Deeper trees than this are refused rather than risk a copy that feeds itself. */
const MAX_COPY_DEPTH = 256;
const COPY_CHUNK_BYTES = 1024 * 1024;

/** Removes `name` from `dir`: a file or symlink (the link itself), or a directory (its contents too when recursive). */
export async function removeEntry(conf: Confinement, dir: Dir, name: string, recursive: boolean): Promise<void> {
  const stats = await fs.lstat(at(dir.handle, name));
  if (!stats.isDirectory()) {
    await fs.unlink(at(dir.handle, name));
    return;
  }
  if (recursive) {
    const child = await conf.openChild(dir, name);
    try {
      for (const entry of await fs.readdir(at(child.handle))) await removeEntry(conf, child, entry, true);
    } finally {
      await child.handle.close();
    }
  }
  await fs.rmdir(at(dir.handle, name));
}

/**
 * Copies `srcName` from `srcDir` to `dstName` in `dstDir`: files with their contents and mode, directories recursively,
 * symlinks as symlinks with the same target text (never followed). Sockets, FIFOs and devices are skipped.
 */
export async function copyEntry(
  conf: Confinement,
  srcDir: Dir,
  srcName: string,
  dstDir: Dir,
  dstName: string,
  depth = 0,
): Promise<void> {
  if (depth > MAX_COPY_DEPTH) throw badRequest(`The tree is deeper than ${MAX_COPY_DEPTH} levels`);
  const stats = await fs.lstat(at(srcDir.handle, srcName));
  if (stats.isSymbolicLink()) {
    await fs.symlink(await fs.readlink(at(srcDir.handle, srcName)), at(dstDir.handle, dstName));
    await conf.ownLink(dstDir, dstName);
  } else if (stats.isDirectory()) {
    // Writable by the node while it fills it; the source's mode is applied at the end.
    await fs.mkdir(at(dstDir.handle, dstName), 0o700);
    const from = await conf.openChild(srcDir, srcName);
    try {
      const to = await conf.openChild(dstDir, dstName);
      try {
        await conf.own(to.handle);
        for (const name of await fs.readdir(at(from.handle))) await copyEntry(conf, from, name, to, name, depth + 1);
        await to.handle.chmod(stats.mode & 0o7777);
      } finally {
        await to.handle.close();
      }
    } finally {
      await from.handle.close();
    }
  } else if (stats.isFile()) {
    await copyFile(conf, srcDir, srcName, dstDir, dstName);
  }
}

async function copyFile(conf: Confinement, srcDir: Dir, srcName: string, dstDir: Dir, dstName: string): Promise<void> {
  const source = await conf.openFile(srcDir, srcName, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await source.stat();
    if (!stats.isFile()) return;
    const target = await conf.openFile(
      dstDir,
      dstName,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      0o600,
    );
    try {
      await copyContents(source, target);
      await target.chmod(stats.mode & 0o7777);
      await conf.own(target);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copyContents(source: FileHandle, target: FileHandle): Promise<void> {
  const buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  for (;;) {
    const { bytesRead } = await source.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return;
    let written = 0;
    while (written < bytesRead) {
      const result = await target.write(buffer, written, bytesRead - written);
      written += result.bytesWritten;
    }
  }
}
