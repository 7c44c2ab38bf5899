import { t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { codeAt, enterPin, es, expectHeading, invite, signIn, TEST_PIN } from './flows.js';
import { demo, demoPassword, newPhone, useServerAndBrowser } from './harness.js';
import { useMailbox } from './mailbox.js';
import { setPasswordFromLink } from './password-flows.js';

// The invitation reaches the supervisor by email, as it would reach her.
const mailbox = useMailbox();
// A sign-in proves who holds the session for a minute only, so the step-up test need not wait long.
// Set on the mailbox's own env object: it gets the mail server's port only once that listens.
mailbox.env.STEP_UP_MINUTES = '1';
const rig = useServerAndBrowser(mailbox.env);

const supervisor = {
  name: 'Inés Ortega',
  email: 'ines.ortega@demo.puente.test',
  password: 'a long password of her own',
};

/** Wrong passwords the server checks before it locks the password path (SIGNIN_LOCK_AFTER, default 6). */
const lockAfter = 6;

/** WebAuthn refuses IP addresses: the same server, reached by name. */
const byName = (url: string) => url.replace('127.0.0.1', 'localhost');

/** Waits for the signed-in shell, past the phone's PIN if the role keeps a caseload. */
async function shellReady(page: Page): Promise<void> {
  const pin = page.locator('#pin');
  await Promise.race([page.getByRole('navigation').waitFor(), pin.waitFor()]);
  // The first time a PIN is set (typed twice); afterwards it unlocks the copy on the phone.
  if (await pin.isVisible()) {
    await enterPin(page, TEST_PIN, { repeat: await page.locator('#pin-repeat').isVisible() });
  }
  await page.getByRole('navigation').waitFor();
}

/**
 * Wrong passwords through the sign-in API until the account's password path locks,
 * waiting out the slow-down in between. Returns how many were checked and refused as wrong.
 */
async function lockPasswordPath(baseUrl: string): Promise<number> {
  let wrong = 0;
  for (let tries = 0; tries < 30; tries++) {
    const reply = await fetch(`${baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: supervisor.email, password: `not hers ${tries}` }),
    });
    if (reply.status === 423) return wrong;
    if (reply.status === 401) wrong++;
    else if (reply.status === 429) {
      const seconds = Number(reply.headers.get('retry-after') ?? '1');
      await new Promise((r) => setTimeout(r, (Number.isFinite(seconds) ? seconds : 1) * 1000));
    } else throw new Error(`Unexpected answer to a wrong password: ${reply.status}`);
  }
  throw new Error('The password path never locked');
}

async function typePassword(page: Page, password = supervisor.password): Promise<void> {
  await expectHeading(page, t('en', 'signin.title'));
  await page.getByLabel(t('en', 'signin.email')).fill(supervisor.email);
  await page.getByLabel(t('en', 'signin.password')).fill(password);
  await page.getByRole('button', { name: t('en', 'signin.submit') }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.goto('/account');
  await page.getByRole('button', { name: t('en', 'account.signOut'), exact: true }).click();
  await expectHeading(page, t('en', 'signin.title'));
}

describe('two-step sign-in in the browser', () => {
  it('asks a manager to confirm it is her before the extract, then downloads it', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.manager);
    await page.goto('/reports');
    // Lucía reads Puente in Spanish.
    await expectHeading(page, es('reports.title'));
    const download = page.getByRole('button', { name: es('reports.downloadExtract') });
    await download.waitFor();
    // The sign-in's proof lasts a minute here (STEP_UP_MINUTES); past it, the server asks again.
    await page.waitForTimeout(61_000);
    await download.click();

    const dialog = page.getByRole('dialog', { name: es('twoFactor.stepUpTitle') });
    await dialog.waitFor();
    await dialog.getByLabel(es('twoFactor.stepUpPassword')).fill('not her password');
    await dialog.getByRole('button', { name: es('twoFactor.stepUpSubmit') }).click();
    await dialog.locator('#step-up-password-error').waitFor();

    await dialog.getByLabel(es('twoFactor.stepUpPassword')).fill(demoPassword);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: es('twoFactor.stepUpSubmit') }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    await dialog.waitFor({ state: 'detached' });
    await phone.close();
  }, 120_000);

  it('an invited supervisor sets her password from the link, must enrol an authenticator app, adds a passkey, signs in with each, and with the passkey once her password is locked', async () => {
    const adminPhone = await newPhone(rig.browser, rig.server.url);
    const admin = await adminPhone.newPage();
    await admin.goto('/');
    await signIn(admin, demo.admin);

    // The admin invites her from the Users screen; she is emailed a link, the admin never types a password.
    await expectHeading(admin, t('en', 'users.title'));
    await admin.getByRole('button', { name: t('en', 'users.add') }).click();
    await invite(admin, { ...supervisor, role: 'supervisor', language: 'en' });
    await admin
      .getByRole('status')
      .filter({ hasText: t('en', 'users.created', { name: supervisor.name }) })
      .waitFor();

    // The demo program requires no second factor (its passwords are published): the admin turns it on.
    await admin.goto('/admin/program');
    await admin.getByRole('radio', { name: t('en', 'twoFactor.policyStaff') }).check();
    await admin.getByRole('button', { name: t('en', 'twoFactor.policySave'), exact: true }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: t('en', 'twoFactor.policySaved') })
      .waitFor();

    await adminPhone.close();

    const phone = await newPhone(rig.browser, byName(rig.server.url));
    const page = await phone.newPage();
    // Chromium's virtual authenticator stands in for the phone's screen lock.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });

    // She chooses her own password from the emailed link (on the server reached by name, for WebAuthn).
    const [link] = await mailbox.setPasswordLinks(supervisor.email);
    await setPasswordFromLink(page, byName(link ?? ''), supervisor.password);
    await page.goto('/');

    // The password alone leads only to setting up the second step.
    await typePassword(page);
    await expectHeading(page, t('en', 'twoFactor.enrolTitle'));
    const secretText = page.locator('.totp-secret');
    await secretText.waitFor();
    const secret = (await secretText.getAttribute('data-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    // The key shown for typing is the QR code's key.
    expect((await secretText.textContent())?.replace(/\s/g, '')).toBe(secret);
    const codeInput = page.getByLabel(t('en', 'twoFactor.confirmStep'));
    expect(await codeInput.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeInput.getAttribute('inputmode')).toBe('numeric');

    // A wrong code is refused where the code was typed.
    const right = await codeAt(secret);
    await codeInput.fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: t('en', 'twoFactor.confirm') }).click();
    await page.locator('#totp-code-error').waitFor();
    await codeInput.fill(right);
    await page.getByRole('button', { name: t('en', 'twoFactor.confirm') }).click();

    // Ten recovery codes, once; going on waits for "I saved them".
    await page.getByRole('heading', { name: t('en', 'twoFactor.codesTitle') }).waitFor();
    const codes = await page.locator('.recovery-codes li').allTextContents();
    expect(codes).toHaveLength(10);
    const goOn = page.getByRole('button', { name: t('en', 'twoFactor.codesContinue') });
    expect(await goOn.isDisabled()).toBe(true);
    await page.getByLabel(t('en', 'twoFactor.codesSaved')).check();
    await goOn.click();

    // An optional passkey, made by the virtual authenticator.
    await page.getByRole('heading', { name: t('en', 'twoFactor.passkeyTitle') }).waitFor();
    await page.getByLabel(t('en', 'twoFactor.passkeyName')).fill('Work phone');
    await page.getByRole('button', { name: t('en', 'twoFactor.passkeyAdd') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('en', 'twoFactor.passkeyAdded') })
      .waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    // Her password is her own already (set from the link): nothing more to change, straight in.
    await page.getByRole('button', { name: t('en', 'twoFactor.codesContinue') }).click();
    await shellReady(page);

    // The Account screen lists the app, the passkey and all ten recovery codes left.
    await page.goto('/account');
    await page.getByText(t('en', 'twoFactor.appOn')).waitFor();
    await page.getByText('Work phone').waitFor();
    await page.getByText(t('en', 'twoFactor.codesLeft', { count: 10 })).waitFor();

    // Password, then a code from the app.
    await signOut(page);
    await typePassword(page);
    await expectHeading(page, t('en', 'twoFactor.codeTitle'));
    // The enrolment's code was used once already: the next 30-second step's code.
    await page.getByLabel(t('en', 'twoFactor.code')).fill(await codeAt(secret, 1));
    await page.getByRole('button', { name: t('en', 'twoFactor.verify') }).click();
    await shellReady(page);

    // A passkey alone, from the sign-in screen.
    await signOut(page);
    await page.getByRole('button', { name: t('en', 'twoFactor.signInWithPasskey') }).click();
    await shellReady(page);
    await page.goto('/account');
    await expectHeading(page, t('en', 'account.title'));
    await page.getByText(supervisor.email).waitFor();

    // Someone guesses her password until the password path locks: exactly the configured number is checked.
    await signOut(page);
    expect(await lockPasswordPath(byName(rig.server.url))).toBe(lockAfter - 1);
    // Her right password is refused now…
    await typePassword(page);
    await page
      .getByRole('alert')
      .filter({ hasText: t('en', 'errors.accountLocked', { minutes: 15 }) })
      .waitFor();
    // …but the lock closes the password path, not the person: her passkey alone still signs her in.
    await page.getByRole('button', { name: t('en', 'twoFactor.signInWithPasskey') }).click();
    await shellReady(page);
    await page.goto('/account');
    await expectHeading(page, t('en', 'account.title'));
    await page.getByText(supervisor.email).waitFor();
    await phone.close();
  }, 120_000);
});
