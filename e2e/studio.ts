// A real studio on a real port serving the freshly built dashboard, and a real Chromium to drive it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestStudio, type TestStudio } from '../apps/studio/src/test/harness.js';
import { freePort } from '../apps/studio/src/test/peers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const dashboardDir = path.join(root, 'apps/dashboard/dist');
export const screenshotDir = path.join(root, 'test-results/e2e');

/** The port is chosen first, so PUBLIC_URL (and the invitation links built on it) point at this studio. */
export async function startStudioWithDashboard(
  env: Record<string, string> = {},
): Promise<TestStudio & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const studio = await startTestStudio({ dashboardDir, env: { PUBLIC_URL: url, ...env } });
  await studio.app.listen({ host: '127.0.0.1', port });
  return Object.assign(studio, { url });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Keeps a screenshot with the test output, named for the step. */
export async function snapshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
