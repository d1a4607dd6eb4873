// Where a terminal or command starts: a directory inside the agent's home, found by the files feature's confinement
// (every symlink and `..` checked). Only the starting point is confined; the shell itself is not jailed.
import path from 'node:path';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { Confinement, type Dir, errorCode } from '../files/confine.js';

export interface WorkingDirectory {
  /** Absolute and real (symlinks resolved). */
  absolute: string;
  /** Relative to the home; '' is the home itself. */
  relative: string;
}

export async function resolveWorkingDirectory(home: string, requested: string | undefined): Promise<WorkingDirectory> {
  const confinement = await Confinement.of(home);
  let dir: Dir | undefined;
  try {
    const located = await confinement.locate(requested ?? '', { followFinal: true });
    dir = located.dir;
    if (located.name !== null) {
      const parent = dir;
      dir = undefined;
      try {
        dir = await confinement.openChild(parent, located.name);
      } finally {
        await parent.handle.close();
      }
    }
    return { absolute: dir.path, relative: path.relative(confinement.home, dir.path) };
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOENT') throw notFound('Directory');
    if (code === 'ENOTDIR') throw badRequest('cwd is not a directory');
    throw err;
  } finally {
    await dir?.handle.close();
  }
}
