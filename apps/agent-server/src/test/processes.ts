// Waiting for what a test expects to happen, and whether a process still runs, for tests of terminals and commands.
import fs from 'node:fs';

/** Resolves once `condition` holds, checking every 50 ms for 20 s; throws naming `what` otherwise. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

/** Whether the process still runs (a zombie waiting to be reaped does not). */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}
