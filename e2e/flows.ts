import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Locale, type MessageKey, type MessageParams, t } from '@puente/core';
import type axe from 'axe-core';
import { generate } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { demo, demoPassword, newPhone, repoRoot, type TestRig } from './harness.js';

/** Waits until the screen's h1 says `text`. */
export async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

/** Signs in through the form, in the language the sign-in screen is showing. */
export async function signIn(page: Page, email: string, locale: Locale = 'en'): Promise<void> {
  if (!page.url().startsWith('http')) await page.goto('/');
  await expectHeading(page, t(locale, 'signin.title'));
  await page.getByLabel(t(locale, 'signin.email')).fill(email);
  await page.getByLabel(t(locale, 'signin.password')).fill(demoPassword);
  await page.getByRole('button', { name: t(locale, 'signin.submit') }).click();
  // Caseworkers keep their caseload on the phone: the first sign-in on a phone asks for a PIN.
  const pin = page.locator('#pin');
  await Promise.race([page.getByRole('navigation').waitFor(), pin.waitFor()]);
  if (await pin.isVisible()) await enterPin(page, TEST_PIN, { repeat: true });
  await page.getByRole('navigation').waitFor();
}

/** A message as an English-speaking user reads it. */
export const en = (key: MessageKey, params?: MessageParams) => t('en', key, params);

/** A message as the Spanish-speaking CHW reads it. */
export const es = (key: MessageKey, params?: MessageParams) => t('es', key, params);

/** The sync status region (pending changes, last sync, refusals), named in Spanish. */
export const syncStatus = (page: Page) => page.getByRole('region', { name: es('sync.statusLabel') });

/**
 * A new phone with `email` signed in, its copy synced and the app shell held
 * by the service worker: ready to lose signal. `locale` is the user's language.
 */
export async function fieldPhone(
  rig: TestRig,
  email: string,
  locale: Locale = 'es',
): Promise<{ phone: BrowserContext; page: Page }> {
  const phone = await newPhone(rig.browser, rig.server.url);
  const page = await phone.newPage();
  await page.goto('/');
  await signIn(page, email);
  await readyForNoSignal(page, locale);
  return { phone, page };
}

/** Waits until a signed-in phone's copy is synced and the service worker holds the app shell. */
export async function readyForNoSignal(page: Page, locale: Locale = 'es'): Promise<void> {
  await page
    .getByRole('region', { name: t(locale, 'sync.statusLabel') })
    .getByText(t(locale, 'sync.synced'))
    .waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The PIN the browser tests protect the phone's copy with. */
export const TEST_PIN = '246810';

/** Types a PIN into the PIN screen (and again, when setting one) and submits it. */
export async function enterPin(page: Page, pin: string, options: { repeat?: boolean } = {}): Promise<void> {
  await page.locator('#pin').fill(pin);
  if (options.repeat) await page.locator('#pin-repeat').fill(pin);
  await page.locator('form button[type="submit"]').click();
}

/**
 * The API as one of the demo people (or anyone whose `password` is given), from outside the
 * browser (another device of theirs): what the server holds, or what they do there meanwhile.
 * @example const rosa = await apiAs(server.url, demo.rosa); await rosa('GET', '/api/alerts')
 */
export async function apiAs(baseUrl: string, email: string, password = demoPassword) {
  const signedIn = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email, password }),
  });
  expect(signedIn.status, `sign-in of ${email}`).toBe(200);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const reply = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        ...(body === undefined
          ? {}
          : { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(reply.status, `${method} ${path}`).toBeLessThan(300);
    return (await reply.json()) as T;
  };
}

/** Waits until `<html lang>` is `locale`, and fails if it never gets there. */
export async function expectHtmlLang(page: Page, locale: Locale): Promise<void> {
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
}

/** Someone an admin invites from the Users screen: they are emailed a link to choose their password. */
export interface Invitee {
  name: string;
  email: string;
  role: 'chw' | 'supervisor' | 'manager' | 'admin';
  language: Locale;
}

/** Fills the Users screen's open invitation form with `person` and sends it (the admin reads `locale`). */
export async function invite(page: Page, person: Invitee, locale: Locale = 'en'): Promise<void> {
  await page.getByLabel(t(locale, 'users.displayName'), { exact: true }).fill(person.name);
  await page.getByLabel(t(locale, 'users.email'), { exact: true }).fill(person.email);
  await page.getByLabel(t(locale, 'users.role'), { exact: true }).selectOption(person.role);
  await page.getByLabel(t(locale, 'users.language'), { exact: true }).selectOption(person.language);
  await page.getByRole('button', { name: t(locale, 'users.create'), exact: true }).click();
}

/** The authenticator app's code for the 30-second step `steps` from now (a code is accepted once). */
export const codeAt = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * steps });

/** Whether the page fits its 360 px width: nothing to scroll sideways. */
export async function expectNoSideScroll(page: Page, screen: string): Promise<void> {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${screen} scrolls sideways`,
  ).toBeLessThanOrEqual(360);
}

/** Follows a link of the main menu. */
export async function openFromMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
}

/**
 * A new phone with the demo admin signed in, reading `locale` (set as their preference first,
 * so the app speaks it from sign-in on), at the screen the menu's `screen.menu` opens (without
 * it, where sign-in lands) once its heading says `screen.heading`. `api` is the admin's API.
 */
export async function signedInAdmin(
  rig: TestRig,
  locale: Locale,
  screen: { menu?: MessageKey; heading: MessageKey },
) {
  const api = await apiAs(rig.server.url, demo.admin);
  await api('PUT', '/api/me/preferences', { locale });
  const phone = await newPhone(rig.browser, rig.server.url);
  const page = await phone.newPage();
  await page.goto('/');
  await signIn(page, demo.admin);
  if (screen.menu) await openFromMenu(page, t(locale, screen.menu));
  await expectHeading(page, t(locale, screen.heading));
  return { api, phone, page };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core on the page and fails on any serious or critical violation, listing them. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.addScriptTag({ path: axePath });
  const { rulesPassed, violations } = await page.evaluate(async () => {
    const injected = (window as unknown as { axe: typeof axe }).axe;
    const result = await injected.run(document, { resultTypes: ['violations'] });
    const found: Violation[] = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
    return { rulesPassed: result.passes.length, violations: found };
  });
  // Proof that axe really looked at a rendered screen.
  expect(rulesPassed, `${screen}: axe checked nothing`).toBeGreaterThan(10);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations)
    console.log(`[axe ${screen}] ${v.impact}: ${v.id} — ${v.help} @ ${v.nodes.join(', ')}`);
  expect(blocking, `${screen}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}

/** Saves a full-page screenshot to e2e/screenshots/<name>.png (gitignored) for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(repoRoot, 'e2e/screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
