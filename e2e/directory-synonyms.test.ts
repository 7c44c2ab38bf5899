import { describe, it } from 'vitest';
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

const rig = useServerAndBrowser();

/** The admin works in English, Rosa in Spanish. */

describe('a program’s own search words, in the browser', () => {
  it('the admin teaches search a local word on a phone-sized screen, Rosa finds the service by it in Spanish, and the admin takes it back', async () => {
    const { phone: adminPhone, page: admin } = await signedInAdmin(rig, 'en', {
      menu: 'directory.navAdmin',
      heading: 'directory.adminTitle',
    });
    const card = admin.getByRole('region', { name: en('directory.synonymsTitle') });
    await card.getByText(en('directory.synonymsEmpty')).waitFor();
    await screenshot(admin, 'directory-synonyms-empty');
    await expectAccessible(admin, 'directory-synonyms-empty');

    // Small words alone are refused, with the reason, and nothing is added.
    await card.getByLabel(en('directory.synonymTerm')).fill('de la');
    await card.getByLabel(en('directory.synonymMeans')).fill('food');
    await card.getByRole('button', { name: en('directory.addSynonym') }).click();
    await card.getByText(en('errors.synonymNoWords')).waitFor();
    await card.getByText(en('directory.synonymsEmpty')).waitFor();

    await card.getByLabel(en('directory.synonymTerm')).fill('DBH');
    await card.getByLabel(en('directory.synonymMeans')).fill('counseling');
    await card.getByRole('button', { name: en('directory.addSynonym') }).click();
    await card.getByText(en('directory.synonymAdded', { term: 'DBH', means: 'counseling' })).waitFor();
    await card.getByText(en('directory.synonymLine', { term: 'DBH', means: 'counseling' })).waitFor();
    await screenshot(admin, 'directory-synonyms');
    await expectAccessible(admin, 'directory-synonyms');

    // Rosa searches by the county's initials and finds the counselling service.
    const rosaPhone = await newPhone(rig.browser, rig.server.url);
    const rosa = await rosaPhone.newPage();
    await rosa.goto('/');
    await signIn(rosa, demo.rosa);
    await expectHeading(rosa, es('today.title'));
    await openFromMenu(rosa, es('directory.nav'));
    await expectHeading(rosa, es('directory.title'));
    await rosa.getByLabel(es('directory.searchLabel')).fill('dbh');
    await rosa.getByRole('button', { name: es('directory.search'), exact: true }).click();
    await rosa
      .locator('li.resource')
      .first()
      .getByRole('heading', { level: 3, name: 'Consejería Familiar' })
      .waitFor();
    await rosaPhone.close();

    await card.getByRole('button', { name: en('directory.removeSynonym', { term: 'DBH' }) }).click();
    await card.getByText(en('directory.synonymRemoved', { term: 'DBH' })).waitFor();
    await card.getByText(en('directory.synonymsEmpty')).waitFor();
    await adminPhone.close();
  });
});
