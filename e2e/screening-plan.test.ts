import { gad7, phq9, type Questionnaire, t, uuidv7 } from '@puente/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { es, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, demoPassword, launchBrowser, newPhone, type RunningServer, startServer } from './harness.js';

// Outcomes over time and the safety plan: printed, shared, opened by the person with no sign-in.
let server: RunningServer;
let browser: Browser;
let personId = '';
const PERSON = 'Carmen';

async function apiAs(email: string) {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const reply = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(reply.ok, `${method} ${path}: ${reply.status} ${await reply.clone().text()}`).toBe(true);
    return (await reply.json()) as T;
  };
}

/** A completed response worth `points` on each item, authored `daysAgo` days ago. */
function response(q: Questionnaire, points: number[], daysAgo: number) {
  const items = q.item.filter((i) => i.type === 'choice' && i.required);
  return {
    resourceType: 'QuestionnaireResponse',
    id: uuidv7(),
    questionnaire: `${q.url}|${q.version}`,
    status: 'completed',
    authored: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
    item: items.map((item, i) => {
      const option = item.answerOption?.find((o) => o.extension?.[0]?.valueDecimal === (points[i] ?? 0));
      return { linkId: item.linkId, answer: [{ valueCoding: option?.valueCoding }] };
    }),
  };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const rosa = await apiAs(demo.rosa);
  personId = (
    await rosa<{ id: string }>('POST', '/api/clients', { givenName: PERSON, preferredLanguage: 'es' })
  ).id;
  // Twelve weeks of care: PHQ-9 18 → 12 → 8 (response) → 4 (remission); GAD-7 14 → 9 → 6.
  const phq = [
    [2, 2, 2, 2, 2, 2, 2, 2, 2],
    [2, 2, 2, 1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1],
  ];
  const gad = [
    [2, 2, 2, 2, 2, 2, 2],
    [2, 2, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
  ];
  for (const [i, points] of phq.entries()) {
    await rosa('POST', `/api/clients/${personId}/screenings`, response(phq9, points, 84 - i * 28));
  }
  for (const [i, points] of gad.entries()) {
    await rosa('POST', `/api/clients/${personId}/screenings`, response(gad7, points, 84 - i * 28));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('outcomes and the safety plan, in the browser', () => {
  it('shows totals over time, writes, prints and shares a safety plan the person opens without signing in', async () => {
    const phone = await newPhone(browser, server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    const person = page.getByRole('link', { name: PERSON, exact: true });
    await expect
      .poll(async () => {
        await openFromMenu(page, es('nav.today'));
        await openFromMenu(page, es('nav.people'));
        return person.isVisible();
      })
      .toBe(true);
    await person.click();
    await expectHeading(page, PERSON);
    const sections = page.getByRole('navigation', { name: es('person.sections') });

    // Outcomes: the chart, and the same numbers as a table.
    await sections.getByRole('link', { name: es('screening.tab') }).click();
    const chart = page.getByRole('img', { name: /PHQ-9/ });
    await chart.waitFor();
    const table = page.getByRole('table', { name: /PHQ-9/ });
    await expect.poll(() => table.getByRole('row').count()).toBe(5);
    expect(await table.getByRole('row').last().getByRole('cell').allTextContents()).toEqual([
      '4',
      '-14',
      'Sí',
      'Sí',
    ]);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'outcomes-chart');
    await expectAccessible(page, 'outcomes-chart');

    // The safety plan, written together.
    await sections.getByRole('link', { name: es('safetyPlan.tab') }).click();
    await page.getByRole('button', { name: es('safetyPlan.start') }).click();
    const lines: [string, string][] = [
      ['warningSigns', 'No tengo ganas de levantarme'],
      ['copingOnMyOwn', 'Salir a caminar al parque'],
      ['peopleAndPlaces', 'La misa del domingo'],
      ['peopleToAsk', 'Mi hermana Lupe, 555-0101'],
      ['professionals', 'Línea 988, llamar o escribir'],
      ['safeSurroundings', 'Las medicinas las guarda Lupe'],
    ];
    for (const [section, text] of lines) await page.locator(`#${section}-0`).fill(text);
    await page.getByRole('radio', { name: es('safetyPlan.likely_yes') }).check();
    await expectAccessible(page, 'safety-plan-form');
    await page.getByRole('button', { name: es('safetyPlan.save') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: es('safetyPlan.saved', { version: 1 }) })
      .waitFor();
    await page.getByText(/Versión 1/).waitFor();
    await expectAccessible(page, 'safety-plan');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: es('person.sections') }).isVisible()).toBe(false);
    await page.getByText('Salir a caminar al parque').waitFor();
    await screenshot(page, 'safety-plan-print');
    await page.emulateMedia({ media: 'screen' });

    // Share: a private link in Spanish, ready for WhatsApp or a text message.
    await page.getByRole('button', { name: es('safetyPlan.share') }).click();
    await page.getByRole('button', { name: es('safetyPlan.makeLink') }).click();
    const link = await page.getByLabel(es('safetyPlan.link'), { exact: true }).inputValue();
    expect(link).toMatch(/\/safety-plan\/[\w-]{20,}$/);
    const whatsapp = await page
      .getByRole('link', { name: es('safetyPlan.sendWhatsApp') })
      .getAttribute('href');
    expect(decodeURIComponent(whatsapp?.replace('https://wa.me/?text=', '') ?? '')).toBe(
      es('safetyPlan.message', { url: link }),
    );
    await expectAccessible(page, 'safety-plan-share');
    await phone.close();

    // Don Ernesto's phone: no account, nothing remembered.
    const his = await newPhone(browser, server.url);
    const public_ = await his.newPage();
    await public_.goto(new URL(link).pathname);
    await expectHeading(public_, 'Mi plan para los momentos difíciles');
    await public_.getByText('Mi hermana Lupe, 555-0101').waitFor();
    expect(await public_.locator('html').getAttribute('lang')).toBe('es');
    await expectAccessible(public_, 'safety-plan-public');
    expect(await public_.evaluate(() => localStorage.length + document.cookie.length)).toBe(0);
    await public_.goto('/safety-plan/not-a-real-token-but-long-enough');
    await expectHeading(public_, t('en', 'safetyPlan.notFoundTitle'));
    await his.close();
  }, 120_000);
});
