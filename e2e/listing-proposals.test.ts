import { describe, expect, it } from 'vitest';
import {
  en,
  es,
  expectAccessible,
  expectHeading,
  openFromMenu,
  screenshot,
  signedInAdmin,
  signIn,
} from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';
import { blemishes } from './polish.js';

const rig = useServerAndBrowser();

/** Carmen (the pantry's staff) works in Spanish, the admin in English. */
const PANTRY = 'Community Food Pantry';
const NEW_HOURS = 'Lun–Vie 8–16';

describe('a partner keeps its listing up to date, in the browser', () => {
  it('Carmen proposes new hours in Spanish at 360 px, the admin sees before and after and approves, Carmen sees it applied', async () => {
    const carmenPhone = await newPhone(rig.browser, rig.server.url);
    const carmen = await carmenPhone.newPage();
    await carmen.goto('/');
    await signIn(carmen, demo.partner);
    await expectHeading(carmen, es('referrals.inboxTitle'));
    await openFromMenu(carmen, es('listings.nav'));
    await expectHeading(carmen, es('listings.title'));
    await carmen.getByText(es('listings.yoursEmpty')).waitFor();
    // Only the pantry is hers: the network's clinic and legal aid are not offered.
    const offered = carmen.getByRole('button', { name: /^Proponer un cambio a/ });
    expect(await offered.allTextContents()).toEqual([es('listings.propose', { name: PANTRY })]);

    await offered.click();
    const form = carmen.getByRole('form', { name: es('listings.proposeTitle', { name: PANTRY }) });
    await form.getByLabel(es('directorySheet.hours')).fill(NEW_HOURS);
    expect(await blemishes(carmen, 'carmen · listings form', 'es')).toEqual([]);
    await screenshot(carmen, 'listing-proposal-form');
    await expectAccessible(carmen, 'listing-proposal-form');
    await form.getByRole('button', { name: es('listings.send') }).click();
    await carmen.getByText(es('listings.sent', { name: PANTRY })).waitFor();
    const mine = carmen.getByRole('region', { name: es('listings.yoursTitle') });
    await mine.getByText(es('listings.statusPending')).waitFor();
    await mine.getByText(es('listings.proposed', { value: NEW_HOURS })).waitFor();
    expect(await blemishes(carmen, 'carmen · listings sent', 'es')).toEqual([]);

    const { phone: adminPhone, page: admin } = await signedInAdmin(rig, 'en', {
      menu: 'directory.navAdmin',
      heading: 'directory.adminTitle',
    });
    const queue = admin.getByRole('region', { name: en('listings.queueTitle') });
    const item = queue.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: PANTRY }) });
    await item.getByText(en('listings.proposed', { value: NEW_HOURS })).waitFor();
    await item.getByText(/^Now: /).waitFor();
    await screenshot(admin, 'listing-proposal-queue');
    await expectAccessible(admin, 'listing-proposal-queue');
    await item.getByRole('button', { name: en('listings.approve') }).click();
    await queue.getByText(en('listings.approved', { name: PANTRY })).waitFor();
    await queue.getByText(en('listings.queueEmpty')).waitFor();
    await adminPhone.close();

    await carmen.reload();
    await expectHeading(carmen, es('listings.title'));
    await carmen
      .getByRole('region', { name: es('listings.yoursTitle') })
      .getByText(es('listings.statusApproved'))
      .waitFor();
    await carmenPhone.close();
  });
});
