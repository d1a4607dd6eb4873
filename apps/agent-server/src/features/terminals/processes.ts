// What the node knows about an agent's processes, read from /proc: a terminal's foreground job, a session's members,
// and the clean environment every terminal and command starts with (nothing of the node's own leaks in).
import fs from 'node:fs';
import os from 'node:os';
import type { AgentPlace } from '../agents/service.js';

export const SHELL = '/bin/bash';

interface ProcStat {
  pgrp: number;
  session: number;
  tpgid: number;
}

/** The fields of /proc/<pid>/stat we need; undefined once the process is gone. */
export function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may itself hold spaces or parentheses: parse after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pgrp: Number(fields[2]), session: Number(fields[3]), tpgid: Number(fields[5]) };
}

/** The process group in the foreground of the shell's terminal, unless that is the shell itself (nothing running). */
export function foregroundGroup(shellPid: number): number | undefined {
  const stat = readStat(shellPid);
  if (!stat || stat.tpgid <= 0 || stat.tpgid === stat.pgrp) return undefined;
  return stat.tpgid;
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Sends `signal` to every process of the terminal session led by `sessionId` (background and disowned jobs too). */
export function signalSession(sessionId: number, signal: NodeJS.Signals): void {
  for (const pid of allPids()) {
    if (readStat(pid)?.session === sessionId) signalQuietly(pid, signal);
  }
}

/** Sends `signal` to every process running as `uid` (an agent's Unix user, when it is suspended or deleted). */
export function signalUser(uid: number, signal: NodeJS.Signals): void {
  if (uid === 0 || uid === process.getuid?.()) return;
  for (const pid of allPids()) {
    try {
      if (fs.statSync(`/proc/${pid}`).uid === uid) signalQuietly(pid, signal);
    } catch {
      // Gone meanwhile.
    }
  }
}

/** Signals a process (positive id) or a process group (negative id) that may already be gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** The node's own user, named in USER and LOGNAME under directory isolation (where the agent runs as the node). */
const nodeUser = (() => {
  try {
    return os.userInfo().username;
  } catch {
    return 'agent';
  }
})();

/**
 * The whole environment of an agent's terminal or command, built from nothing: HOME is the agent's home, PATH the
 * node's base PATH, USER and LOGNAME whom it runs as. The node's own variables (MASTER_TOKEN, …) never enter it.
 */
export function agentEnvironment(
  place: AgentPlace,
  basePath: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const user = place.unixUser ?? nodeUser;
  return {
    LANG: 'C.UTF-8',
    ...extra,
    HOME: place.home,
    USER: user,
    LOGNAME: user,
    SHELL,
    PATH: extra.PATH ?? basePath,
  };
}
