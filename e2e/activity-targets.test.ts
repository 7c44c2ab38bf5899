import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, es, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** Nothing wider than the phone: no sideways scrolling at 360 px. */
async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const { width, widest } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    // What sticks out, to say where: the innermost elements past the right edge.
    widest: [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > 360 && e.children.length === 0)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent?.slice(0, 30)}"`),
  }));
  expect(width, `${screen} scrolls sideways: ${widest.join(', ')}`).toBeLessThanOrEqual(360);
  // Nor a table wider than the card it is in.
  const spilling = await page.evaluate(
    () =>
      [...document.querySelectorAll('main .card table')].filter((table) => {
        const card = table.closest('.card');
        return card !== null && table.getBoundingClientRect().right > card.getBoundingClientRect().right;
      }).length,
  );
  expect(spilling, `${screen}: a table spills out of its card`).toBe(0);
}

describe('CHW activity and weekly targets', () => {
  it('the admin sets the weekly targets in Spanish, and the supervisor sees a promotora’s week against them', async () => {
    for (const email of [demo.admin, demo.supervisor]) {
      const as = await apiAs(rig.server.url, email);
      await as('PUT', '/api/me/preferences', { locale: 'es' });
    }
    // Rosa visited someone this week, from her phone.
    const rosa = await apiAs(rig.server.url, demo.rosa);
    const person = await rosa<{ id: string }>('POST', '/api/clients', {
      givenName: 'Lupita',
      familyName: 'Reyes',
      preferredLanguage: 'es',
    });
    await rosa('POST', `/api/clients/${person.id}/encounters`, {
      kind: 'home-visit',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      language: 'es',
    });

    // The admin: no targets yet, says the program's view; she sets them for the whole program.
    const adminPhone = await newPhone(rig.browser, rig.server.url);
    const admin = await adminPhone.newPage();
    await signIn(admin, demo.admin);
    await openFromMenu(admin, es('nav.teams'));
    await expectHeading(admin, es('teams.title'));
    await admin.getByRole('heading', { level: 2, name: es('activity.noTargetsTitle') }).waitFor();
    const program = admin.locator('form', {
      has: admin.getByRole('heading', { name: es('activity.programTargets') }),
    });
    const visits = program.getByLabel(es('activity.perWeek', { measure: es('activity.visits') }));
    const screens = program.getByLabel(es('activity.perWeek', { measure: es('activity.screenings') }));
    await visits.fill('3');
    await screens.fill('-2');
    await program.getByRole('button', { name: es('activity.saveTargets') }).click();
    // Refused in the admin's words, at the box that is wrong; nothing is saved.
    await program.getByText(es('fields.tooSmall', { min: 1 })).waitFor();
    await screens.fill('2');
    await program.getByRole('button', { name: es('activity.saveTargets') }).click();
    await program.getByText(es('activity.targetsSaved')).waitFor();
    // The program's figures beside them: per team, without a name.
    const byTeam = admin.locator('section', {
      has: admin.getByRole('heading', { level: 2, name: es('activity.programTitle') }),
    });
    await byTeam.getByRole('heading', { level: 3, name: 'Equipo del Valle' }).waitFor();
    // The demo's team has two promotoras: its totals would be theirs, so the manager's view says so instead.
    await byTeam.getByText(es('activity.smallTeam', { count: '3' })).waitFor();
    expect(
      await byTeam
        .getByRole('table', { name: es('activity.tableCaption', { name: 'Equipo del Valle' }) })
        .count(),
    ).toBe(0);
    expect(await byTeam.textContent()).not.toContain('Rosa');
    await expectAccessible(admin, 'weekly targets');
    await expectNoSidewaysScroll(admin, 'weekly targets');
    await adminPhone.close();

    // The supervisor: Rosa's week on his team screen, in words against the targets.
    const supervisorPhone = await newPhone(rig.browser, rig.server.url);
    const supervisor = await supervisorPhone.newPage();
    await signIn(supervisor, demo.supervisor);
    await openFromMenu(supervisor, es('nav.team'));
    await expectHeading(supervisor, es('team.title'));
    const activity = supervisor.locator('section', {
      has: supervisor.getByRole('heading', { level: 2, name: es('activity.title') }),
    });
    const card = activity.locator('li.card', {
      has: supervisor.getByRole('heading', { level: 3, name: 'Rosa Martínez' }),
    });
    const visitsLine = `${es('activity.countOfTarget', { measure: es('activity.visits'), count: '1', target: '3' })} · ${es('activity.notYet')}`;
    await card.getByText(visitsLine).waitFor();
    await card
      .getByText(
        `${es('activity.countOfTarget', { measure: es('activity.screenings'), count: '0', target: '2' })} · ${es('activity.notYet')}`,
      )
      .waitFor();
    await card
      .getByText(es('activity.countOnly', { measure: es('activity.referralsClosed'), count: '0' }))
      .waitFor();
    // Week by week, a table a screen reader can name.
    await card.locator('summary', { hasText: es('activity.earlierWeeks') }).click();
    const table = card.getByRole('table', { name: es('activity.tableCaption', { name: 'Rosa Martínez' }) });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(5);
    await expect
      .poll(() => table.locator('tbody tr').first().textContent())
      .toContain(es('activity.cellOfTarget', { count: '1', target: '3' }));
    await expectAccessible(supervisor, 'team activity');
    await expectNoSidewaysScroll(supervisor, 'team activity');
    await card.scrollIntoViewIfNeeded();
    await screenshot(supervisor, 'activity-targets');
    await supervisorPhone.close();
  });
});
