import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmServerEntry } from '../apps/studio/src/test/peers.js';
import { launchChromium, snapshot, startStudioWithDashboard } from './studio.js';

const everything = npmServerEntry('@modelcontextprotocol/server-everything');

// The Servers module as an administrator uses it: register a stdio server after a successful connection test, then
// see a failing one explained.
describe('dashboard: MCP servers', () => {
  let studio: Awaited<ReturnType<typeof startStudioWithDashboard>>;
  let browser: Browser;
  let page: Page;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    expect(fs.existsSync(everything)).toBe(true);
    studio = await startStudioWithDashboard();
    await studio.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'barbara@example.test', password, name: 'Barbara Liskov', organizationName: 'Abstractions' },
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('signs the administrator in', async () => {
    await page.goto(`${studio.url}/login`);
    await page.getByLabel('Email').fill('barbara@example.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('org-name').textContent()).toBe('Abstractions');
  });

  async function openAddServer(name: string, args: string[]) {
    await page.getByRole('link', { name: 'MCP servers' }).first().click();
    await page.getByRole('heading', { name: 'MCP servers' }).waitFor();
    await page.getByTestId('open-add-server').first().click();
    const dialog = page.getByTestId('add-server-dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Transport').selectOption('stdio');
    await dialog.getByLabel('Command').fill('node');
    await dialog.getByLabel('Arguments').fill(args.join('\n'));
    return dialog;
  }

  it('tests server-everything over stdio, saves it, and lists it', async () => {
    await page.getByRole('link', { name: 'MCP servers' }).first().click();
    await page.getByText('No MCP servers yet').waitFor();
    const dialog = await openAddServer('Everything', [everything, 'stdio']);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const result = dialog.getByTestId('connection-test-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await dialog.getByTestId('connection-test-server').textContent()).toMatch(/^mcp-servers\/everything /);
    expect(Number(await dialog.getByTestId('connection-test-tools').textContent())).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Save server' }).scrollIntoViewIfNeeded();
    await snapshot(page, 'servers-01-test-connection-ok');

    await dialog.getByRole('button', { name: 'Save server' }).click();
    await page.waitForURL(/\/servers\/[^/]+$/);
    await expect.poll(() => page.getByTestId('server-name').textContent()).toContain('Everything');
    await page.getByTestId('server-facts').getByText(everything).waitFor();
    // The saved server tests the same way (its stored secrets are used server-side).
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('connection-test-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('connection-test-result').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('connection-test-server').textContent()).toMatch(/^mcp-servers\/everything /);
    await snapshot(page, 'servers-02-server-page');

    await page.getByRole('link', { name: 'All MCP servers' }).click();
    const row = page.getByTestId('servers-list').getByRole('row', { name: /Everything/ });
    await row.waitFor();
    await row.getByText('stdio').waitFor();
    await snapshot(page, 'servers-03-list');
  });

  it('explains a process that exits before the handshake', async () => {
    const dialog = await openAddServer('Broken', ['/nonexistent/mcp-studio-e2e/missing-server.js']);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const result = dialog.getByTestId('connection-test-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(await dialog.getByTestId('connection-test-reason').textContent()).toBe('process_exited');
    await dialog.getByRole('button', { name: 'Save server' }).scrollIntoViewIfNeeded();
    await snapshot(page, 'servers-04-test-connection-failed');
  });
});
