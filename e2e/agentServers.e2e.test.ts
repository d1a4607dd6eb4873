import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../apps/agent-server/src/test/testNode.js';
import { launchChromium, snapshot, startStudioWithDashboard } from './studio.js';

// The Agent servers module as an administrator uses it: attach a real node, create a registration command, provision
// an agent through the wizard, work in its terminal, and edit a file in Monaco — read back from the agent's home.
describe('dashboard: agent servers', () => {
  let studio: Awaited<ReturnType<typeof startStudioWithDashboard>>;
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let agentHome: string;
  const password = 'correct horse battery staple';
  const browserErrors: string[] = [];

  beforeAll(async () => {
    node = await startTestNode();
    studio = await startStudioWithDashboard();
    await studio.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'ada@example.test', password, name: 'Ada Lovelace', organizationName: 'Engines' },
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })).newPage();
    page.on('pageerror', (error) => browserErrors.push(error.message));
    // A Content-Security-Policy refusal (a worker, a font, a script from elsewhere) shows up here.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
        browserErrors.push(message.text());
      }
    });
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
    await node?.close();
  });

  it('signs the administrator in and finds Agent servers in the navigation', async () => {
    await page.goto(`${studio.url}/login`);
    await page.getByLabel('Email').fill('ada@example.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('org-name').textContent()).toBe('Engines');
    await page.getByRole('link', { name: 'Agent servers' }).first().click();
    await page.getByRole('heading', { name: 'Agent servers', level: 1 }).waitFor();
    await page.getByText('No agent servers yet').waitFor();
  });

  it('creates a registration command, shown once with the token in it', async () => {
    await page.getByTestId('open-add-node').first().click();
    const dialog = page.getByTestId('add-node-dialog');
    await dialog.getByText('Register a new node').click();
    await dialog.getByLabel('Name').fill('vm-later');
    await dialog.getByRole('button', { name: 'Create the command' }).click();
    const command = dialog.getByTestId('registration-command').locator('pre');
    await command.waitFor();
    expect(await command.textContent()).toMatch(/REGISTRATION_TOKEN='mcpr_[^']+'.*AGENT_SERVER_NAME='vm-later'/);
    expect(await dialog.textContent()).toContain('shown only now');
    await snapshot(page, 'agent-servers-01-registration-command');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('attaches the running node with its master token and lists it online', async () => {
    await page.getByTestId('open-add-node').first().click();
    const dialog = page.getByTestId('add-node-dialog');
    await dialog.getByLabel('Name').fill('vm-1');
    await dialog.getByLabel('URL').fill(node.base);
    await dialog.getByLabel('Master token').fill(node.masterToken);
    await dialog.getByRole('button', { name: 'Attach' }).click();
    await page.getByTestId('agent-server-name').waitFor();
    expect(await page.getByTestId('agent-server-name').textContent()).toContain('vm-1');
    await expect.poll(() => page.getByTestId('node-presence').textContent()).toContain('Directory per agent');
    // The master token never reaches the browser.
    expect(await page.content()).not.toContain(node.masterToken);

    await page.getByRole('link', { name: 'All agent servers' }).click();
    const row = page.getByTestId('agent-server-row-vm-1');
    await expect.poll(() => row.getAttribute('data-status')).toBe('ONLINE');
    expect(await row.getByTestId('agent-server-status').textContent()).toBe('Online');
    await snapshot(page, 'agent-servers-02-list');
  });

  it('provisions an agent through the wizard and shows its credentials once', async () => {
    await page.getByRole('link', { name: 'vm-1' }).click();
    await page.getByRole('link', { name: 'Provision an agent' }).click();
    await page.getByRole('heading', { name: 'Provision an agent', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Bad Name');
    await page.getByTestId('wizard-next').click();
    await page.getByText('Use lower-case letters, digits and dashes, starting with a letter').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('coder');
    await page.getByLabel('Engine').selectOption('custom');
    await page.getByTestId('wizard-next').click();
    await page.getByText('Optional for a custom engine.').waitFor();
    await page.getByTestId('wizard-next').click();
    await page.getByLabel('Other capabilities').fill('git');
    await page.getByTestId('wizard-next').click();
    const summary = page.getByTestId('provision-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('fs, shell, git');
    await snapshot(page, 'agent-servers-03-wizard-confirm');
    await page.getByTestId('wizard-next').click();

    await page.getByTestId('agent-credentials').waitFor();
    expect(await page.getByTestId('credential-token').textContent()).toMatch(/^mcpa_/);
    expect(await page.getByTestId('agent-credentials').textContent()).toContain('you will not see this again');
    await snapshot(page, 'agent-servers-04-credentials');

    const agents = (await (await fetch(`${node.base}/api/agents`, { headers: node.auth() })).json()) as {
      agents: { name: string; home: string; capabilities: string[] }[];
    };
    const coder = agents.agents.find((agent) => agent.name === 'coder');
    expect(coder?.capabilities).toEqual(['fs', 'shell', 'git']);
    agentHome = coder?.home ?? '';
    expect(fs.existsSync(agentHome)).toBe(true);
  });

  it('opens a terminal, runs echo hello and sees hello', async () => {
    await page.getByRole('link', { name: 'Open the agent' }).click();
    await page.getByTestId('agent-name').waitFor();
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await page.getByTestId('new-terminal').click();
    const terminal = page.locator('[data-testid^="terminal-"][data-state="open"]');
    await terminal.waitFor();
    await terminal.locator('.xterm').click();
    await page.keyboard.type('echo hello');
    await page.keyboard.press('Enter');
    // The typed line shows "echo hello"; the command's own output is a row reading exactly "hello".
    const rows = terminal.locator('.xterm-rows > div');
    await expect
      .poll(async () => (await rows.allTextContents()).map((text) => text.trim()).includes('hello'))
      .toBe(true);
    await snapshot(page, 'agent-servers-05-terminal');
  });

  it('reattaches to the terminal with its scrollback after leaving the tab', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByTestId('agent-facts').waitFor();
    await page.getByRole('tab', { name: 'Terminal' }).click();
    const terminal = page.locator('[data-testid^="terminal-"][data-state="open"]');
    await terminal.waitFor();
    const rows = terminal.locator('.xterm-rows > div');
    await expect
      .poll(async () => (await rows.allTextContents()).map((text) => text.trim()).includes('hello'))
      .toBe(true);
  });

  it('edits a file in Monaco, saves it, and the bytes on disk change', async () => {
    fs.writeFileSync(path.join(agentHome, 'notes.md'), '# Notes\n');
    await page.getByRole('tab', { name: 'Files' }).click();
    await page.getByTestId('file-tree').locator('[data-path="notes.md"]').click();
    const editor = page.getByTestId('file-editor');
    await editor.locator('.monaco-editor .view-lines').waitFor();
    // Monaco draws spaces as no-break spaces.
    const shown = async () => ((await editor.locator('.view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
    await expect.poll(shown).toContain('# Notes');
    await editor.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Saved from the dashboard.');
    await page.getByTestId('save-file').click();
    await expect
      .poll(() => fs.readFileSync(path.join(agentHome, 'notes.md'), 'utf8'))
      .toBe('# Notes\nSaved from the dashboard.');
    await snapshot(page, 'agent-servers-06-editor-saved');
  });

  it('refuses to save over a change made meanwhile, then overwrites it when asked', async () => {
    const file = path.join(agentHome, 'notes.md');
    fs.writeFileSync(file, 'Changed by someone else.\n');
    const editor = page.getByTestId('file-editor');
    await editor.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Mine.');
    await page.getByTestId('save-file').click();
    await page.getByText('Someone changed this file since you opened it').waitFor();
    expect(fs.readFileSync(file, 'utf8')).toBe('Changed by someone else.\n');
    await snapshot(page, 'agent-servers-07-conflict');
    await page.getByTestId('overwrite-file').click();
    await expect.poll(() => fs.readFileSync(file, 'utf8')).toBe('# Notes\nSaved from the dashboard. Mine.');
  });

  it('loaded Monaco and its worker from the studio itself, with nothing refused', async () => {
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    expect(scripts.some((url) => /editor\.worker-[\w-]+\.js/.test(url))).toBe(true);
    expect(scripts.every((url) => url.startsWith(studio.url) || url.startsWith('ws'))).toBe(true);
    expect(browserErrors).toEqual([]);
  });

  it('creates a workspace and a Node.js project whose skeleton lands in the home, then archives it', async () => {
    await page.getByRole('tab', { name: 'Workspaces' }).click();
    await page.getByRole('heading', { name: 'New workspace' }).waitFor();
    await page.getByLabel('Name').fill('main');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('workspace-row-main').waitFor();
    await page.getByRole('tab', { name: 'Projects' }).click();
    await page.getByRole('heading', { name: 'New project' }).waitFor();
    await page.getByLabel('Name').fill('hello');
    await page.getByLabel('Type').selectOption('nodejs');
    await page.getByRole('button', { name: 'Create' }).click();
    const row = page.getByTestId('project-row-hello');
    await row.waitFor();
    expect(fs.existsSync(path.join(agentHome, 'workspaces/main/hello/package.json'))).toBe(true);
    await row.getByLabel('Status').selectOption('archived');
    await expect
      .poll(async () => {
        const res = await fetch(`${node.base}/api/agents`, { headers: node.auth() });
        const { agents } = (await res.json()) as { agents: { id: string; name: string }[] };
        const id = agents.find((agent) => agent.name === 'coder')?.id;
        const projects = await fetch(`${node.base}/api/agents/${id}/projects`, { headers: node.auth() });
        return ((await projects.json()) as { projects: { status: string }[] }).projects[0]?.status;
      })
      .toBe('archived');
    await snapshot(page, 'agent-servers-08-projects');
  });

  it('suspends the agent from the node page', async () => {
    await page.getByRole('link', { name: 'Back to the node' }).click();
    await page.getByTestId('agent-suspend-coder').click();
    await expect.poll(() => page.getByTestId('agent-row-coder').getAttribute('data-status')).toBe('suspended');
    await expect.poll(() => page.getByTestId('agent-activate-coder').isEnabled()).toBe(true);
    await expect.poll(() => page.getByTestId('node-health').textContent()).toMatch(/Memory.*\/.*Disk.*\//);
    await snapshot(page, 'agent-servers-09-node');
  });
});
