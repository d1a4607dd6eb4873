// Directory work inside an agent's home on its behalf: never through a symlink, always owned by the agent.
// Under unix-user isolation the node is root and the agent can change its own home at any moment, so every step
// checks what is really on disk rather than trusting the path it was given.
import fs from 'node:fs/promises';
import path from 'node:path';
import { conflict, forbidden } from '../../platform/http/errors.js';
import type { AgentPlace } from '../agents/service.js';

const outside = (relative: string) =>
  forbidden(`${relative} leads outside the agent's home (a symbolic link is in the way)`, 'path_outside_home');

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

async function lstatOrUndefined(full: string) {
  return fs.lstat(full).catch((err: unknown) => {
    if (isMissing(err)) return undefined;
    throw err;
  });
}

/** The absolute path of `relative` in the home; refuses anything that would resolve elsewhere. */
export function resolveInHome(place: AgentPlace, relative: string): string {
  const full = path.resolve(place.home, relative);
  if (full === place.home || !full.startsWith(`${place.home}${path.sep}`)) throw outside(relative);
  return full;
}

/** Throws unless the real location of `full` (which must exist) is inside the home. */
async function assertReallyInside(place: AgentPlace, full: string, relative: string): Promise<void> {
  const real = await fs.realpath(full);
  const home = await fs.realpath(place.home);
  if (real !== home && !real.startsWith(`${home}${path.sep}`)) throw outside(relative);
}

/** Every existing directory on the way to `relative` (itself excluded) is a real directory, not a symlink. */
async function assertParentsAreDirectories(place: AgentPlace, relative: string): Promise<void> {
  const parts = relative.split('/');
  let current = place.home;
  for (const part of parts.slice(0, -1)) {
    current = path.join(current, part);
    const stat = await lstatOrUndefined(current);
    if (!stat) return;
    if (stat.isSymbolicLink()) throw outside(relative);
    if (!stat.isDirectory())
      throw conflict('path_not_directory', `${path.relative(place.home, current)} is not a directory`);
  }
}

async function own(place: AgentPlace, full: string): Promise<void> {
  if (place.identity) await fs.lchown(full, place.identity.uid, place.identity.gid);
}

/**
 * Makes `relative` (and its parents) exist as real directories owned by the agent. Returns whether the last one was
 * created here (false: an existing directory was adopted).
 */
export async function ensureDirectory(place: AgentPlace, relative: string): Promise<boolean> {
  let current = place.home;
  let created = false;
  for (const part of relative.split('/')) {
    current = path.join(current, part);
    created = false;
    let stat = await lstatOrUndefined(current);
    if (!stat) {
      try {
        await fs.mkdir(current, { mode: 0o755 });
        created = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      stat = await fs.lstat(current);
    }
    if (stat.isSymbolicLink()) throw outside(relative);
    if (!stat.isDirectory())
      throw conflict('path_not_directory', `${path.relative(place.home, current)} is not a directory`);
    await assertReallyInside(place, current, relative);
    if (created) await own(place, current);
  }
  return created;
}

/** Writes a new file owned by the agent; an existing file (or link) is left alone and false returned. */
export async function writeNewFile(place: AgentPlace, relative: string, content: string): Promise<boolean> {
  const full = resolveInHome(place, relative);
  await assertParentsAreDirectories(place, relative);
  await assertReallyInside(place, path.dirname(full), relative);
  let handle: fs.FileHandle;
  try {
    // O_EXCL also refuses a symlink at the final name, so nothing is ever written through one.
    handle = await fs.open(full, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(content);
    if (place.identity) await handle.chown(place.identity.uid, place.identity.gid);
  } finally {
    await handle.close();
  }
  return true;
}

/** Whether `relative` holds nothing (a missing directory counts as empty). */
export async function isEmptyDirectory(place: AgentPlace, relative: string): Promise<boolean> {
  const full = resolveInHome(place, relative);
  await assertParentsAreDirectories(place, relative);
  const stat = await lstatOrUndefined(full);
  if (!stat) return true;
  if (!stat.isDirectory()) return false;
  return (await fs.readdir(full)).length === 0;
}

/** Removes `relative` and everything under it; symlinks inside are removed, never followed. */
export async function removeDirectory(place: AgentPlace, relative: string): Promise<void> {
  const full = resolveInHome(place, relative);
  await assertParentsAreDirectories(place, relative);
  await fs.rm(full, { recursive: true, force: true });
}

/** Renames `from` to `to` (same parent); a missing `from` just creates `to`. 409 when `to` already exists. */
export async function renameDirectory(place: AgentPlace, from: string, to: string): Promise<void> {
  const source = resolveInHome(place, from);
  const target = resolveInHome(place, to);
  await assertParentsAreDirectories(place, from);
  await assertParentsAreDirectories(place, to);
  if (await lstatOrUndefined(target)) throw conflict('path_exists', `${to} already exists in the agent's home`);
  const stat = await lstatOrUndefined(source);
  if (!stat) {
    await ensureDirectory(place, to);
    return;
  }
  await fs.rename(source, target);
}
