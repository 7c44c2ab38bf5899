import { readFile } from 'node:fs/promises';
import { canonicalOf, phq9, t, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { es, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, demoPassword, newPhone, useServerAndBrowser } from './harness.js';

/** Lucía works in Spanish. */
const names = ['Esperanza', 'Villalobos', 'Teodoro', 'Arriaga'];

/** Rosa's month, recorded through the API: two people, visits, and a PHQ-9 taken twice. */
async function seedRosasWork(base: string): Promise<void> {
  const session = async (email: string) => {
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password: demoPassword }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return async (path: string, body?: unknown) => {
      const reply = await fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', cookie },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (reply.status >= 300) throw new Error(`${path}: ${reply.status} ${await reply.text()}`);
      return (await reply.json()) as { id: string; results: { serviceId: string }[] };
    };
  };
  const post = await session(demo.rosa);
  const carmen = await session(demo.partner);
  const [pantry] = (await post('/api/directory/search?q=despensa')).results;
  const phq = (points: number[], authored: string) => ({
    resourceType: 'QuestionnaireResponse',
    id: uuidv7(),
    questionnaire: canonicalOf(phq9),
    status: 'completed',
    authored,
    item: points.map((p, i) => {
      const linkId = `phq9-${i + 1}`;
      const item = phq9.item.find((it) => it.linkId === linkId);
      return { linkId, answer: [{ valueCoding: item?.answerOption?.[p]?.valueCoding }] };
    }),
  });
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  for (const [given, family, neighborhood] of [
    ['Esperanza', 'Villalobos', 'Centro'],
    ['Teodoro', 'Arriaga', 'Norte'],
  ] as const) {
    const { id } = await post('/api/clients', {
      givenName: given,
      familyName: family,
      preferredLanguage: 'es',
      neighborhood,
    });
    await post(`/api/clients/${id}/consents`, {
      kind: 'service',
      method: 'verbal',
      givenOn: day(60).slice(0, 10),
    });
    for (const ago of [45, 10])
      await post(`/api/clients/${id}/encounters`, {
        kind: 'home-visit',
        occurredAt: day(ago),
        language: 'es',
      });
    await post(`/api/clients/${id}/screenings`, phq([3, 3, 2, 2, 2, 0, 0, 0, 0], day(45)));
    await post(`/api/clients/${id}/screenings`, phq([1, 1, 0, 0, 0, 0, 0, 0, 0], day(10)));
    // Both are referred to the food pantry; the first one got help.
    await post(`/api/clients/${id}/consents`, {
      kind: 'share',
      method: 'verbal',
      givenOn: day(10).slice(0, 10),
      partnerCategory: 'food',
    });
    const referral = await post(`/api/clients/${id}/referrals`, {
      serviceId: pantry?.serviceId,
      need: 'food-insecurity',
      reason: 'Necesita despensa',
    });
    if (given === 'Esperanza') {
      for (const status of ['accepted', 'completed'])
        await carmen(`/api/partner/referrals/${referral.id}/status`, { status });
    }
  }
}

const rig = useServerAndBrowser();
beforeAll(() => seedRosasWork(rig.server.url));

describe('the program report, in the browser', () => {
  it('Lucía sees charts and numbers without a single name, changes the period and downloads the CSV', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await signIn(page, demo.manager);
    await openFromMenu(page, es('reports.nav'));
    await expectHeading(page, es('reports.title'));
    await page.getByRole('img').first().waitFor();
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(2);

    const reached = page
      .locator('dt', { hasText: es('reports.oneToOne') })
      .locator('xpath=following-sibling::dd');
    // Two people, two referrals: under the threshold of 11, so not shown, and said so (never 0).
    const hidden = es('reports.suppressed');
    expect(await reached.textContent()).toBe(hidden);
    await page.getByRole('heading', { name: `PHQ-9 · ${es('reports.people')}: ${hidden}` }).waitFor();
    await page.getByText(t('es', 'reports.suppressedNote', { threshold: 11 })).waitFor();
    const stat = (label: string) =>
      page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').textContent();
    expect(await stat(es('reports.referralsMade'))).toBe(hidden);
    expect(await stat(es('reports.referralsGotHelp'))).toBe(`${hidden} (${hidden})`);
    await page.getByRole('rowheader', { name: 'Red Comunitaria' }).waitFor();
    // textContent includes what is folded away (chart tables, SVG titles): none of it may hold a name either.
    const text = (await page.locator('body').textContent()) ?? '';
    for (const name of [...names, 'Rosa', 'Marcus']) expect(text).not.toContain(name);

    await screenshot(page, 'reports-dashboard');
    await expectAccessible(page, 'reports-dashboard');

    // Only the last three weeks: the first visits and screens fall outside.
    const from = new Date(Date.now() - 21 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(es('reports.from')).fill(from);
    await page.getByRole('button', { name: es('reports.apply') }).click();
    await page.getByText(new RegExp(`^Del ${from} al`)).waitFor();
    await expect.poll(() => reached.textContent()).toBe(hidden);
    await page.getByRole('heading', { name: `PHQ-9 · ${es('reports.people')}: 0` }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: es('reports.downloadCsv') }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toBe('chart,group,month,measure,value,suppressed');
    expect(csv).toContain('notes,,,small_count_threshold,11,');
    expect(csv).toContain('reached,,,people_one_to_one,,1');
    expect(csv).toContain('referrals,,,made,,1');
    expect(csv).toContain('referrals_by_partner,Red Comunitaria,,got_help,,1');
    for (const name of names) expect(csv).not.toContain(name);
    await phone.close();
  });

  it('Daniel, a supervisor working in English, sees his team’s dashboard with charts', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await signIn(page, demo.supervisor);
    await page.goto('/reports');
    await expectHeading(page, t('en', 'reports.title'));
    await page.getByRole('heading', { name: t('en', 'reports.referralsTitle') }).waitFor();
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(2);
    const made = page
      .locator('dt', { hasText: t('en', 'reports.referralsMade') })
      .locator('xpath=following-sibling::dd');
    expect(await made.textContent()).toBe(t('en', 'reports.suppressed'));
    await screenshot(page, 'reports-dashboard-en');
    await expectAccessible(page, 'reports-dashboard-en');
    await phone.close();
  });

  it('a date range that ends before it starts is refused in plain Spanish', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await signIn(page, demo.manager);
    await page.goto('/reports');
    await expectHeading(page, es('reports.title'));
    await page.getByLabel(es('reports.from')).fill('2026-03-01');
    await page.getByLabel(es('reports.to')).fill('2026-02-01');
    await page.getByRole('button', { name: es('reports.apply') }).click();
    await page
      .getByText(es('errors.reportRangeBackwards', { from: '2026-03-01', to: '2026-02-01' }))
      .waitFor();
    await phone.close();
  });
});
