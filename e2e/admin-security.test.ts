import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, demoPassword, newPhone, useServerAndBrowser } from './harness.js';

// A sign-in proves who holds the session for a minute only, so the step-up check comes within the test.
const rig = useServerAndBrowser({ STEP_UP_MINUTES: '1' });

const sharedComputer =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const marcusPhone = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';

/** Signs in from outside the browser as another device would, saying what it is; its session cookie. */
async function signInFrom(email: string, userAgent: string): Promise<string> {
  const reply = await fetch(`${rig.server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', 'user-agent': userAgent },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(reply.status).toBe(200);
  return (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const signedIn = async (cookie: string) =>
  (await fetch(`${rig.server.url}/api/auth/me`, { headers: { cookie } })).status;

const fhirPatients = async (secret: string) =>
  fetch(`${rig.server.url}/fhir/r4/Patient`, { headers: { authorization: `Bearer ${secret}` } });

async function displayName(page: Page, email: string): Promise<string> {
  const { users } = (await (await page.request.get('/api/users')).json()) as {
    users: { email: string; displayName: string }[];
  };
  return users.find((u) => u.email === email)?.displayName ?? '';
}

describe('admin: a user’s sessions and the clinic systems of the FHIR API', () => {
  it('opens a user’s sessions by keyboard, signs out the shared computer, then everywhere', async () => {
    const computer = await signInFrom(demo.marcus, sharedComputer);
    const phoneCookie = await signInFrom(demo.marcus, marcusPhone);

    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await expectHeading(page, en('users.title'));
    const marcus = await displayName(page, demo.marcus);
    const lucia = await displayName(page, demo.manager);
    expect(marcus).not.toBe('');

    // Someone signed in nowhere says so in words.
    await page.locator('summary', { hasText: en('twoFactor.userSessionsOf', { name: lucia }) }).click();
    await page.getByText(en('twoFactor.userNoSessions', { name: lucia })).waitFor();

    const summary = page.locator('summary', { hasText: en('twoFactor.userSessionsOf', { name: marcus }) });
    await summary.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('details.user-sessions[open]', { has: summary });
    const sessions = panel.locator('li');
    await expect.poll(() => sessions.count()).toBe(2);
    await screenshot(page, 'users-sessions-open');
    await expectAccessible(page, 'users-sessions-open');

    const windows = sessions.filter({ hasText: 'Windows' });
    const signOut = windows.getByRole('button', { name: en('twoFactor.sessionSignOut') });
    expect(await signOut.getAttribute('aria-label')).toMatch(
      new RegExp(`^${en('twoFactor.userSessionSignOutNamed', { name: marcus, device: '' })}.*Windows`),
    );
    await signOut.click();
    await panel
      .getByRole('status')
      .filter({ hasText: en('twoFactor.userSessionEnded', { name: marcus }) })
      .waitFor();
    await expect.poll(() => sessions.count()).toBe(1);
    expect(await sessions.first().textContent()).toContain('Android');
    expect(await signedIn(computer)).toBe(401);
    expect(await signedIn(phoneCookie)).toBe(200);

    await panel.getByRole('button', { name: en('twoFactor.userSignOutAllNamed', { name: marcus }) }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: en('twoFactor.userSignedOut', { name: marcus, count: 1 }) })
      .waitFor();
    await panel.getByText(en('twoFactor.userNoSessions', { name: marcus })).waitFor();
    expect(await signedIn(phoneCookie)).toBe(401);
    await phone.close();
  });

  it('registers a clinic system past a step-up check, shows its secret once, and revokes it', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    await phone.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    const signedInAt = Date.now();
    await openFromMenu(page, en('fhirClients.nav'));
    await expectHeading(page, en('fhirClients.title'));
    await page.getByRole('heading', { name: en('fhirClients.emptyTitle') }).waitFor();
    await expectAccessible(page, 'fhir-clients-empty');

    // A system that would see nobody is refused in words, and what was typed stays.
    await page.getByRole('button', { name: en('fhirClients.add') }).click();
    const name = 'Valley Clinic EHR';
    await page.getByLabel(en('fhirClients.name')).fill(name);
    await page.getByRole('button', { name: en('fhirClients.register'), exact: true }).click();
    await page.locator('#fhir-client-partner-name-error').waitFor();
    expect(await page.locator('#fhir-client-partner-name-error').textContent()).toBe(
      en('fields.partnerOrCategory'),
    );
    expect(await page.getByLabel(en('fhirClients.name')).inputValue()).toBe(name);
    await screenshot(page, 'fhir-clients-form-error');
    await expectAccessible(page, 'fhir-clients-form-error');

    await page.getByLabel(en('fhirClients.partnerName')).fill('Valley Clinic');
    await page.getByLabel(en('fhirClients.partnerCategory')).selectOption('health-clinic');
    // Past the sign-in's minute (STEP_UP_MINUTES), the server asks who holds the session again.
    await page.waitForTimeout(Math.max(0, signedInAt + 61_000 - Date.now()));
    await page.getByRole('button', { name: en('fhirClients.register'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: en('twoFactor.stepUpTitle') });
    await dialog.waitFor();
    await expectAccessible(page, 'fhir-clients-step-up');
    await dialog.getByLabel(en('twoFactor.stepUpPassword')).fill(demoPassword);
    await dialog.getByRole('button', { name: en('twoFactor.stepUpSubmit') }).click();
    await dialog.waitFor({ state: 'detached' });

    // The secret, once, with the warning read first.
    await page.getByRole('heading', { name: en('fhirClients.secretTitle') }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('fhir-secret-title');
    await page.getByText(en('fhirClients.secretWarning')).waitFor();
    const secret = await page.getByLabel(en('fhirClients.secretLabel', { name })).inputValue();
    expect(secret).toMatch(/^pfc_/);
    await page.getByRole('button', { name: en('fhirClients.copy') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('fhirClients.copied') })
      .waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, 'fhir-clients-secret');
    await expectAccessible(page, 'fhir-clients-secret');

    // The clinic's system reads the FHIR API with it.
    const read = await fhirPatients(secret);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { resourceType: string }).resourceType).toBe('Bundle');

    await page.getByRole('button', { name: en('fhirClients.secretDone') }).click();
    await page.getByRole('heading', { name: en('fhirClients.secretTitle') }).waitFor({ state: 'detached' });
    await page.reload();
    await expectHeading(page, en('fhirClients.title'));
    const row = page.locator('ul.rows > li', { hasText: name });
    await row.getByText(en('fhirClients.seesNamed', { partner: 'Valley Clinic' })).waitFor();
    await row
      .getByText(en('fhirClients.seesCategory', { category: en('vocab.partner_health-clinic') }))
      .waitFor();
    expect(await page.content()).not.toContain(secret);
    // A secret is on its way out (SMART Backend Services replaces it): the row says so, and so does the API.
    await row.getByText(en('fhirClients.secretDeprecated')).waitFor();
    expect((await fhirPatients(secret)).headers.get('deprecation')).toMatch(/^@\d+$/);

    // Revoking asks first; keeping it changes nothing.
    await row.getByRole('button', { name: en('fhirClients.revokeNamed', { name }) }).click();
    await row.getByText(en('fhirClients.revokeQuestion', { name })).waitFor();
    await screenshot(page, 'fhir-clients-revoke');
    await expectAccessible(page, 'fhir-clients-revoke');
    await row.getByRole('button', { name: en('fhirClients.revokeKeep') }).click();
    expect((await fhirPatients(secret)).status).toBe(200);
    await row.getByRole('button', { name: en('fhirClients.revokeNamed', { name }) }).click();
    await row.getByRole('button', { name: en('fhirClients.revokeConfirm') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('fhirClients.revoked', { name }) })
      .waitFor();
    await row.getByText(en('fhirClients.revokedBadge'), { exact: true }).waitFor();
    expect((await fhirPatients(secret)).status).toBe(401);
    await phone.close();
  }, 120_000);
});
