import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmServerEntry } from '../apps/studio/src/test/peers.js';
import { launchChromium, snapshot, startStudioWithDashboard } from './studio.js';

const everything = npmServerEntry('@modelcontextprotocol/server-everything');
const filesystem = npmServerEntry('@modelcontextprotocol/server-filesystem');

// The Servers module as an administrator uses it: add server-everything and server-filesystem through the wizard,
// call their tools from forms, watch progress, and see a failing server explained.
describe('dashboard: MCP servers', () => {
  let studio: Awaited<ReturnType<typeof startStudioWithDashboard>>;
  let browser: Browser;
  let page: Page;
  let shared: string;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    expect(fs.existsSync(everything)).toBe(true);
    expect(fs.existsSync(filesystem)).toBe(true);
    shared = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'studio-e2e-files-')));
    fs.writeFileSync(path.join(shared, 'notes.txt'), 'Abstraction is selective ignorance.\n');
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
    fs.rmSync(shared, { recursive: true, force: true });
  });

  it('signs the administrator in', async () => {
    await page.goto(`${studio.url}/login`);
    await page.getByLabel('Email').fill('barbara@example.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('org-name').textContent()).toBe('Abstractions');
  });

  /** Fills the wizard's first step for a stdio server and moves on to authentication. */
  async function startWizard(name: string, args: string[]) {
    await page.getByRole('link', { name: 'MCP servers' }).first().click();
    await page.getByRole('heading', { name: 'MCP servers' }).waitFor();
    await page.getByTestId('open-add-server').first().click();
    const wizard = page.getByTestId('add-server-wizard');
    await wizard.getByLabel('Name', { exact: true }).fill(name);
    await wizard.getByLabel('Transport').selectOption('stdio');
    await wizard.getByLabel('Command').fill('node');
    await wizard.getByLabel('Arguments').fill(args.join('\n'));
    return wizard;
  }

  /** From authentication (none) to the connection test, which runs by itself; returns the result element. */
  async function runTest(wizard: ReturnType<Page['getByTestId']>) {
    await wizard.getByTestId('wizard-next').click();
    await expect.poll(() => wizard.getAttribute('data-step')).toBe('auth');
    await wizard.getByTestId('wizard-next').click();
    const result = wizard.getByTestId('connection-test-result');
    await result.waitFor({ timeout: 30_000 });
    return result;
  }

  it('adds server-everything through the wizard: every check passes, one tool left out', async () => {
    await page.getByRole('link', { name: 'MCP servers' }).first().click();
    await page.getByText('No MCP servers yet').waitFor();
    const wizard = await startWizard('Everything', [everything, 'stdio']);
    const result = await runTest(wizard);
    expect(await result.getAttribute('data-ok')).toBe('true');
    for (const check of ['connect', 'initialize', 'ping', 'tools', 'resources', 'prompts']) {
      expect(await wizard.getByTestId(`connection-check-${check}`).getAttribute('data-state')).toBe('ok');
    }
    expect(await wizard.getByTestId('connection-test-server').textContent()).toMatch(/^mcp-servers\/everything /);
    await snapshot(page, 'servers-01-wizard-test');

    await wizard.getByTestId('wizard-next').click();
    await wizard.getByRole('checkbox', { name: 'get-env', exact: true }).uncheck();
    await snapshot(page, 'servers-02-wizard-tools');
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('wizard-summary').waitFor();
    await snapshot(page, 'servers-03-wizard-confirm');
    await wizard.getByRole('button', { name: 'Register server' }).click();
    await page.waitForURL(/\/servers\/[^/?]+/);
    await expect.poll(() => page.getByTestId('server-name').textContent()).toContain('Everything');

    const { servers } = (
      await studio.app.inject({ method: 'GET', url: '/api/servers', headers: await adminHeaders() })
    ).json() as { servers: { name: string; disabledTools: string[]; enabled: boolean }[] };
    expect(servers.find((s) => s.name === 'Everything')).toMatchObject({ disabledTools: ['get-env'], enabled: true });
  });

  it('calls echo from its form and shows the result', async () => {
    await page.getByRole('tab', { name: 'Tools' }).click();
    await page.getByTestId('tool-list').locator('[data-tool="echo"]').click();
    const detail = page.getByTestId('tool-detail');
    await detail.getByLabel('message').fill('Hello from the explorer');
    await detail.getByRole('button', { name: 'Call', exact: true }).click();
    const result = detail.getByTestId('call-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-is-error')).not.toBe('true');
    expect(await result.getByTestId('content-text').first().textContent()).toContain('Hello from the explorer');
    await snapshot(page, 'servers-04-echo-result');
  });

  it('shows the progress of trigger-long-running-operation, then its result', async () => {
    await page.getByTestId('tool-list').locator('[data-tool="trigger-long-running-operation"]').click();
    const detail = page.getByTestId('tool-detail');
    await detail.getByLabel('duration').fill('4');
    await detail.getByLabel('steps').fill('4');
    await detail.getByRole('button', { name: 'Call', exact: true }).click();
    const progress = detail.getByTestId('call-progress');
    await expect
      .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await snapshot(page, 'servers-05-progress');
    await detail.getByTestId('call-result').waitFor({ timeout: 30_000 });
    expect(await detail.getByTestId('content-text').first().textContent()).toMatch(/completed/i);
  });

  it('adds server-filesystem confined by its manifest to one folder, and reads a file there', async () => {
    const elsewhere = fs.realpathSync(os.tmpdir());
    const wizard = await startWizard('Files', [filesystem, elsewhere]);
    await wizard.getByText('Declare a manifest').click();
    await wizard.getByLabel('Read files').check();
    await wizard.getByLabel('Readable paths').fill(shared);
    const result = await runTest(wizard);
    expect(await result.getAttribute('data-ok')).toBe('true');
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('manifest-permissions').waitFor();
    await wizard.getByRole('button', { name: 'Register server' }).click();
    await page.waitForURL(/\/servers\/[^/?]+/);

    await page.getByRole('tab', { name: 'Tools' }).click();
    await page.getByTestId('tool-list').locator('[data-tool="list_allowed_directories"]').click();
    const detail = page.getByTestId('tool-detail');
    await detail.getByRole('button', { name: 'Call', exact: true }).click();
    await detail.getByTestId('call-result').waitFor({ timeout: 30_000 });
    // The manifest's folder is offered as the server's root, replacing the directory on its command line.
    expect(await detail.getByTestId('content-text').first().textContent()).toContain(shared);

    await page.getByTestId('tool-list').locator('[data-tool="read_text_file"]').click();
    await detail.getByLabel('path').fill(path.join(shared, 'notes.txt'));
    await detail.getByRole('button', { name: 'Call', exact: true }).click();
    await expect
      .poll(() => detail.getByTestId('content-text').first().textContent(), { timeout: 30_000 })
      .toContain('selective ignorance');
    await snapshot(page, 'servers-06-filesystem-read');
  });

  it('lists both servers with their status and tool counts', async () => {
    await page.getByRole('link', { name: 'MCP servers' }).first().click();
    for (const name of ['Everything', 'Files']) {
      const row = page.getByTestId(`server-row-${name}`);
      await row.waitFor();
      expect(Number(await row.getByTestId('server-tool-count').textContent())).toBeGreaterThan(0);
      // Its first connection was health-checked at once, not at the next periodic run.
      await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('healthy');
    }
    await snapshot(page, 'servers-07-list');
  });

  it('explains a process that exits before the handshake', async () => {
    const wizard = await startWizard('Broken', ['/nonexistent/mcp-studio-e2e/missing-server.js']);
    const result = await runTest(wizard);
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(await wizard.getByTestId('connection-test-reason').textContent()).toBe('process_exited');
    expect(await wizard.locator('[data-testid^="connection-check-"][data-state="failed"]').count()).toBe(1);
    await snapshot(page, 'servers-08-test-failed');
  });

  async function adminHeaders() {
    const login = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'barbara@example.test', password },
    });
    return { authorization: `Bearer ${(login.json() as { accessToken: string }).accessToken}` };
  }
});
