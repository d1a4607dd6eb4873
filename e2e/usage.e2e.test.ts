import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../apps/studio/src/test/harness.js';
import { everythingStdio } from '../apps/studio/src/test/peers.js';
import { launchChromium, snapshot, startStudioWithDashboard } from './studio.js';

// The Usage page as an administrator on the FREE plan sees it: calls made through the REST endpoint counted by day
// and by tool, the quota banner at 80 % and then at the limit, and the export of every call as a file.
describe('dashboard: usage and quota', () => {
  let studio: Awaited<ReturnType<typeof startStudioWithDashboard>>;
  let browser: Browser;
  let page: Page;
  let accessToken: string;
  let serverId: string;
  const password = 'correct horse battery staple';
  const today = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date());

  beforeAll(async () => {
    studio = await startStudioWithDashboard({ EXTERNAL_MCP_FREE_DAILY_LIMIT: '5' });
    const registered = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'grace@example.test', password, name: 'Grace Hopper', organizationName: 'Compilers' },
    });
    expect(registered.statusCode).toBe(201);
    accessToken = (registered.json() as { accessToken: string }).accessToken;
    const server = await studio.app.inject({
      method: 'POST',
      url: '/api/servers',
      headers: bearer(accessToken),
      payload: { name: 'Everything', ...everythingStdio },
    });
    expect(server.statusCode).toBe(201);
    serverId = (server.json() as { id: string }).id;

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  /** One tools/call through the REST endpoint, metered and counted against the quota like one through /mcp. */
  async function callEcho(message: string) {
    const res = await studio.app.inject({
      method: 'POST',
      url: `/api/servers/${serverId}/tools/echo/call`,
      headers: bearer(accessToken),
      payload: { arguments: { message } },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  /** Usage events are written in batches; waits until the report counts `calls` before the page is asked. */
  async function reportedCalls(calls: number) {
    await expect
      .poll(async () => {
        const res = await studio.app.inject({
          method: 'GET',
          url: '/api/v1/external-mcp/usage?groupBy=day',
          headers: bearer(accessToken),
        });
        return (res.json() as { totals?: { calls: number } }).totals?.calls;
      })
      .toBe(calls);
  }

  const banner = () => page.getByTestId('quota-banner');

  it('counts four echo calls made through the REST endpoint', async () => {
    for (let i = 1; i <= 4; i++) await callEcho(`call ${i}`);
    await reportedCalls(4);
  });

  it('signs the administrator in and finds Usage in the navigation', async () => {
    await page.goto(`${studio.url}/login`);
    await page.getByLabel('Email').fill('grace@example.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('org-name').textContent()).toBe('Compilers');
    await page.getByRole('link', { name: 'Usage' }).first().click();
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
  });

  it('shows the 4 calls of today, echo as the top tool, and the 80 % banner', async () => {
    await expect.poll(() => page.getByTestId('total-calls').textContent()).toBe('4');
    expect(await page.getByTestId('total-errors').textContent()).toBe('0');
    expect(await page.getByTestId('calls-chart').locator('figcaption').textContent()).toContain(
      `Busiest day: ${today}, 4 calls.`,
    );
    // The chart is drawn, not only summarised: one bar for the one day with calls.
    expect(await page.getByTestId('calls-chart').locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    const echo = page.getByTestId('top-tools').locator('[data-tool="echo"]');
    expect(await echo.getByTestId('top-tool-calls').textContent()).toBe('4');
    expect(await page.getByTestId('errors-by-server').textContent()).toContain('Everything');

    await expect.poll(() => banner().getAttribute('data-level')).toBe('warning');
    expect(await banner().getAttribute('role')).toBe('status');
    expect(await banner().textContent()).toContain(
      'You have used 4 of 5 MCP calls today (80%). Upgrade your plan for more.',
    );
    expect(await banner().getByRole('link', { name: 'Upgrade the plan' }).getAttribute('href')).toBe(
      '/settings/organization',
    );
    expect(await page.getByTestId('quota-used').textContent()).toBe('4 of 5 calls used (80%)');
    await snapshot(page, 'usage-01-warning');
  });

  it('keeps the filters in the URL: a status with no calls empties the page until the filters are cleared', async () => {
    await page.getByLabel('Status').selectOption('error');
    await page.waitForURL(/[?&]status=error/);
    await page.getByText('No MCP calls match these filters').waitFor();
    expect(await page.getByTestId('total-calls').textContent()).toBe('0');
    await snapshot(page, 'usage-02-filtered');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('total-calls').textContent()).toBe('4');
    expect(new URL(page.url()).search).toBe('');
  });

  it('shows the quota banner on every page, not only on Usage', async () => {
    await page.getByRole('link', { name: 'MCP servers' }).first().click();
    await page.getByRole('heading', { name: 'MCP servers', level: 1 }).waitFor();
    expect(await banner().getAttribute('data-level')).toBe('warning');
    await snapshot(page, 'usage-03-banner-elsewhere');
    await page.getByRole('link', { name: 'Usage' }).first().click();
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
  });

  it('turns the banner into an alert once the fifth call spends the quota, after Refresh', async () => {
    await callEcho('call 5');
    await reportedCalls(5);
    await page.getByTestId('usage-refresh').click();
    await expect.poll(() => banner().getAttribute('data-level')).toBe('reached');
    expect(await banner().getAttribute('role')).toBe('alert');
    expect(await banner().textContent()).toContain('Daily MCP call quota reached: 5 of 5 calls used.');
    expect(await banner().textContent()).toContain('Upgrade your plan for more.');
    await expect.poll(() => page.getByTestId('total-calls').textContent()).toBe('5');
    await snapshot(page, 'usage-04-reached');
  });

  it('exports every call as CSV with the current filters: a header and one row per call', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^mcp-usage-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = fs
      .readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toContain('tool');
    expect(lines.slice(1).every((line) => line.includes('echo'))).toBe(true);
  });

  it('exports the same calls as JSON', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const rows = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { tool: string; status: string }[];
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => row.tool === 'echo' && row.status === 'ok')).toBe(true);
  });

  it('agrees with the studio, which refuses a sixth call', async () => {
    const refused = await studio.app.inject({
      method: 'POST',
      url: `/api/servers/${serverId}/tools/echo/call`,
      headers: bearer(accessToken),
      payload: { arguments: { message: 'call 6' } },
    });
    expect(refused.statusCode).toBe(429);
  });
});
