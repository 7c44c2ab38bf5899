import { messySheet, sheetPerson } from '@puente/server/testing';
import { describe, expect, it } from 'vitest';
import { apiAs, es, expectAccessible, expectHeading, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';
import { checkCaseloadSheet, expectMessySheetReport, importCheckedCaseload } from './sheet-flows.js';

const rig = useServerAndBrowser();

describe('bringing in a caseload from a spreadsheet, in Spanish on a phone', () => {
  it('the admin checks a 300-row sheet, reads why 8 rows are left out, and imports the other 292', async () => {
    const admin = await apiAs(rig.server.url, demo.admin);
    await admin('PUT', '/api/me/preferences', { locale: 'es' });
    // Two people Rosa already follows, who are in the sheet too.
    const rosa = await apiAs(rig.server.url, demo.rosa);
    const existing = [sheetPerson(1000, demo.rosa), sheetPerson(1001, demo.rosa)];
    for (const [givenName, familyName, phone] of existing)
      await rosa('POST', '/api/clients', { givenName, familyName, phone, preferredLanguage: 'es' });
    const sheet = messySheet(300, [demo.rosa, demo.marcus], existing);

    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await expectHeading(page, es('users.title'));
    // The checklist's caseload step leads to the import, by keyboard.
    const checklist = page.getByRole('region', { name: es('users.setupTitle') });
    await checklist.getByRole('link', { name: es('caseloadImport.setup_caseloadGo') }).focus();
    await page.keyboard.press('Enter');
    await expectHeading(page, es('caseloadImport.title'));
    await page.getByText(es('caseloadImport.noFile')).waitFor();
    await expectAccessible(page, 'caseload import, empty (es)');

    // A picture is refused in plain words, and the chosen file stays chosen.
    const file = page.getByLabel(es('caseloadImport.fileLabel'));
    await file.setInputFiles({
      name: 'foto.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x89, 0x50, 0xff, 0xfe]),
    });
    await page.getByRole('button', { name: es('caseloadImport.check') }).click();
    await page.getByRole('alert').getByText(es('errors.sheetNotUtf8')).waitFor();
    await page.getByText(es('caseloadImport.fileChosen', { name: 'foto.csv' })).waitFor();

    const report = await checkCaseloadSheet(page, sheet.rows);
    await expectMessySheetReport(report, sheet);
    // The mapping the server read from the Spanish headers, one labelled choice per column.
    expect(await page.getByLabel(es('caseloadImport.mappingColumn', { column: 'Nombre' })).inputValue()).toBe(
      'givenName',
    );
    expect(
      await page.getByLabel(es('caseloadImport.mappingColumn', { column: 'Promotora' })).inputValue(),
    ).toBe('chw');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'caseload import, dry run (es)');
    await screenshot(page, 'caseload-import-dry-run-es');

    await importCheckedCaseload(page, 292);
    await expectAccessible(page, 'caseload import, done (es)');
    await screenshot(page, 'caseload-import-done-es');
    await phone.close();
  });
});
