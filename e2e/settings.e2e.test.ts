import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, snapshot, startStudioWithDashboard } from './studio.js';

// The Settings module as an administrator and an invited member use it, each in their own browser context.
describe('dashboard: members, invitations, organization, languages', () => {
  let studio: Awaited<ReturnType<typeof startStudioWithDashboard>>;
  let browser: Browser;
  let admin: Page;
  let member: Page;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    studio = await startStudioWithDashboard();
    await studio.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'grace@example.test', password, name: 'Grace Hopper', organizationName: 'Compilers' },
    });
    browser = await launchChromium();
    admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    member = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('signs the administrator in', async () => {
    await admin.goto(`${studio.url}/login`);
    await admin.getByLabel('Email').fill('grace@example.test');
    await admin.getByLabel('Password').fill('wrong password here');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByText('Wrong email or password').waitFor();
    await admin.getByLabel('Password').fill(password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => admin.getByTestId('org-name').textContent()).toBe('Compilers');
  });

  it('invites a member whose one-time link lets them join with the invited role', async () => {
    await admin.getByRole('link', { name: 'Members' }).click();
    await admin.getByRole('button', { name: 'Invite member' }).click();
    await admin.getByLabel('Email', { exact: true }).fill('kathleen@example.test');
    await admin.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await admin.getByRole('button', { name: 'Create invitation' }).click();
    const inviteUrl = await admin.getByLabel('Invitation link').inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${studio.url}/accept-invite\\?token=inv_`));
    await snapshot(admin, 'settings-01-invitation-link');
    await admin.getByRole('button', { name: 'Done' }).click();
    await admin.getByText('kathleen@example.test').waitFor();

    await member.goto(inviteUrl);
    await member.getByRole('heading', { name: 'Join your organization' }).waitFor();
    await member.getByLabel('Name').fill('Kathleen Booth');
    await member.getByLabel('Password').fill(password);
    await member.getByRole('button', { name: 'Accept invitation' }).click();
    await expect.poll(() => member.getByTestId('org-name').textContent()).toBe('Compilers');
    await member.getByTestId('user-menu').getByText('Viewer').waitFor();
    // A VIEWER reads credentials but creates none.
    await member.getByRole('link', { name: 'Credentials' }).click();
    await member.getByRole('heading', { name: 'Credentials' }).waitFor();
    expect(await member.getByTestId('open-create-credential').count()).toBe(0);
    await snapshot(member, 'settings-02-viewer-joined');
    // The administrator's list shows the new member (live, without reloading).
    await admin.getByRole('cell', { name: 'Kathleen Booth', exact: true }).waitFor();
  });

  it('renames the organization, and the member sees the new name live', async () => {
    await admin.getByRole('link', { name: 'Organization' }).click();
    await admin.getByLabel('Organization name').fill('Compilers & Co');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Saved').waitFor();
    await expect.poll(() => member.getByTestId('org-name').textContent(), { timeout: 10_000 }).toBe('Compilers & Co');
  });

  it('refuses to demote the last administrator, with the reason shown', async () => {
    await admin.getByRole('link', { name: 'Members' }).click();
    await admin.getByLabel('Role for Grace Hopper').selectOption('MANAGER');
    await admin.getByText('The organization must keep at least one ADMIN').waitFor();
    await snapshot(admin, 'settings-03-last-admin');
  });

  it('switches the member’s dashboard to French, and keeps the choice after a reload', async () => {
    await member.getByLabel('Language').selectOption('fr');
    await member.getByRole('link', { name: 'Identifiants' }).waitFor();
    await member.reload();
    await member.getByRole('link', { name: 'Identifiants' }).waitFor();
    await member.getByText('Aucun identifiant').waitFor();
    await snapshot(member, 'settings-04-french');
  });
});
