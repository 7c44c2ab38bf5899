import { messySheet, sheetPerson, toXlsx } from '@puente/server/testing';
import { describe, expect, it } from 'vitest';
import { apiAs, es, expectAccessible, expectHeading, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

    await file.setInputFiles({
      name: 'casos.xlsx',
      mimeType: xlsxType,
      buffer: Buffer.from(toXlsx(sheet.rows)),
    });
    await page.getByRole('button', { name: es('caseloadImport.check') }).click();
    const report = page.getByRole('region', { name: es('caseloadImport.reportTitle') });
    await report.getByText(es('caseloadImport.countReady', { count: 292 })).waitFor();
    await report.getByText(es('caseloadImport.countSkipped', { count: 8 })).waitFor();
    await report.getByText(es('caseloadImport.countDuplicates', { count: 3 })).waitFor();
    // The mapping the server read from the Spanish headers, one labelled choice per column.
    expect(await page.getByLabel(es('caseloadImport.mappingColumn', { column: 'Nombre' })).inputValue()).toBe(
      'givenName',
    );
    expect(
      await page.getByLabel(es('caseloadImport.mappingColumn', { column: 'Promotora' })).inputValue(),
    ).toBe('chw');
    // Each row left out, named with why in the admin's words.
    const rows = report.getByRole('listitem').filter({ hasText: /Fila \d+/ });
    expect(await rows.count()).toBe(8);
    const why = async (row: number, text: string) =>
      expect(
        await report
          .getByRole('listitem')
          .filter({ hasText: `${es('caseloadImport.row', { row })} ` })
          .textContent(),
      ).toContain(text);
    await why(sheet.bad.missingName, es('caseloadImport.problem_missingName'));
    await why(sheet.bad.badBirthDate, es('caseloadImport.problem_badBirthDate'));
    await why(sheet.bad.badPhone, es('caseloadImport.problem_badPhone'));
    await why(sheet.bad.unknownChw, es('caseloadImport.problem_unknownChw'));
    await why(sheet.bad.consentWithoutDate, es('caseloadImport.problem_consentWithoutDate'));
    for (const row of sheet.inCaseload) await why(row, es('caseloadImport.problem_duplicateInCaseload'));
    await why(
      sheet.repeated.row,
      es('caseloadImport.problem_duplicateInFile', { row: sheet.repeated.sameAs }),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'caseload import, dry run (es)');
    await screenshot(page, 'caseload-import-dry-run-es');

    await page.getByRole('button', { name: es('caseloadImport.import', { count: 292 }) }).click();
    await page
      .getByRole('status')
      .getByText(es('caseloadImport.importDone', { created: 292 }))
      .waitFor({ timeout: 60_000 });
    await expectAccessible(page, 'caseload import, done (es)');
    await screenshot(page, 'caseload-import-done-es');
    await phone.close();
  });
});
