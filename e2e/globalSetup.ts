// Builds the dashboard before the browser tests, so they always exercise the current code.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function buildDashboard(): void {
  execFileSync('npm', ['run', 'build', '-w', '@mcp-studio/dashboard'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  });
}
