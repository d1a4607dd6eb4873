import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, snapshot, startStudioWithDashboard } from './studio.js';

// The foundation as a new user meets it, in real Chromium against a real studio serving the built dashboard:
// first-run registration → API token → credential → masked value → reveal → live update in a second page.
describe('dashboard: first run to a revealed credential', () => {
  let studio: Awaited<ReturnType<typeof startStudioWithDashboard>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const secret = `sk-e2e-${Date.now()}`;

  beforeAll(async () => {
    studio = await startStudioWithDashboard();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('sends the very first visitor to create the administrator account', async () => {
    await page.goto(studio.url);
    await page.getByRole('heading', { name: 'Create the first administrator account' }).waitFor();
    await page.getByTestId('register-name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada@example.test');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByTestId('register-organization').fill('Analytical Engines');
    await snapshot(page, '01-first-run-registration');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByTestId('org-name').textContent()).toBe('Analytical Engines');
    await page.getByTestId('live-indicator').getByText('Live').waitFor();
    await snapshot(page, '02-signed-in');
  });

  it('creates an API token whose secret is shown once and works against the API', async () => {
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByTestId('open-create-token').click();
    await page.getByLabel('Name', { exact: true }).fill('ci pipeline');
    await page.getByTestId('submit-create-token').click();
    const shown = await page.getByTestId('token-secret').inputValue();
    expect(shown).toMatch(/^mcps_[A-Za-z0-9_-]{43}$/);
    await snapshot(page, '03-token-shown-once');
    const viaToken = await fetch(`${studio.url}/api/auth/me`, { headers: { authorization: `Bearer ${shown}` } });
    expect(((await viaToken.json()) as { user: { email: string } }).user.email).toBe('ada@example.test');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByText('ci pipeline').waitFor();
    expect(await page.content()).not.toContain(shown);
  });

  it('creates a credential, shows it masked, reveals it, and a second page sees it appear live', async () => {
    const second = await context.newPage();
    await second.goto(`${studio.url}/credentials`);
    await second.getByTestId('open-create-credential').waitFor();
    await second.getByTestId('live-indicator').getByText('Live').waitFor();

    await page.getByRole('link', { name: 'Credentials' }).first().click();
    await page.getByTestId('open-create-credential').click();
    await page.getByLabel('Name', { exact: true }).fill('openai-production');
    await page.getByLabel('Value').fill(secret);
    await page.getByTestId('submit-create-credential').click();

    // The other page learns of it over /ws/dashboard, without a reload.
    await second.getByTestId('credentials-list').getByText('openai-production').waitFor({ timeout: 10_000 });
    await snapshot(second, '04-second-page-live-update');
    expect(await second.content()).not.toContain(secret);

    await page.getByTestId('credentials-list').getByText('openai-production').click();
    const value = page.getByTestId('credential-value');
    await value.waitFor();
    expect(await value.getAttribute('data-revealed')).toBe('false');
    expect(await page.content()).not.toContain(secret);
    await snapshot(page, '05-credential-masked');
    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => value.textContent()).toBe(secret);
    await snapshot(page, '06-credential-revealed');

    const audit = await studio.app.inject({
      url: `/api/credentials/${page.url().split('/').pop()}/audit`,
      headers: {
        authorization: `Bearer ${(await studio.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ada@example.test', password: 'correct horse battery staple' } })).json().accessToken}`,
      },
    });
    expect(audit.json().entries.map((e: { action: string }) => e.action)).toEqual(['revealed', 'created']);
  });
});
