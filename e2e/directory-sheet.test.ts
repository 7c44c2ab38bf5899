import { directorySheetMaxBytes } from '@puente/core';
import { messyDirectory } from '@puente/server/testing';
import { describe, expect, it } from 'vitest';
import { es, expectAccessible, screenshot, signedInAdmin } from './flows.js';
import { useServerAndBrowser } from './harness.js';
import { checkDirectorySheet, importCheckedDirectory, xlsxFile } from './sheet-flows.js';

const rig = useServerAndBrowser();

describe('the directory from a spreadsheet, and one service fixed by hand, in Spanish on a phone', () => {
  it('the admin checks a 200-row sheet, reads each bad row by number and name, imports the rest, then fixes one service', async () => {
    const sheet = messyDirectory(200);
    const { phone, page } = await signedInAdmin(rig, 'es', {
      menu: 'directory.navAdmin',
      heading: 'directory.adminTitle',
    });
    const card = page.getByRole('region', { name: es('directorySheet.title') });
    await card.getByRole('link', { name: es('directorySheet.templateEs') }).waitFor();

    // A file over 10 MB is refused in words before a byte of it is sent.
    const input = card.getByLabel(es('directorySheet.fileLabel'));
    await input.setInputFiles({
      name: 'condado.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(directorySheetMaxBytes + 1, 65),
    });
    await card.getByRole('button', { name: es('directorySheet.check') }).click();
    await card.getByText(es('errors.sheetTooLarge', { limit: '10 MB' })).waitFor();

    // Every word the status regions say from now on, to read back what the wait looked like.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { statusWords: seen });
      new MutationObserver(() => {
        for (const region of document.querySelectorAll('[role=status]')) {
          const text = region.textContent ?? '';
          if (text && !seen.includes(text)) seen.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const report = await checkDirectorySheet(page, sheet.rows);
    await report.getByText(es('directorySheet.countReady', { count: 195 })).waitFor();
    await report.getByText(es('directorySheet.countAdded', { count: 195 })).waitFor();
    await report.getByText(es('directorySheet.countSkipped', { count: 5 })).waitFor();
    // Each row to look at, by its number (and name when it has one), with why in the admin's words.
    const rows = report.getByRole('listitem').filter({ hasText: /^Fila \d+/ });
    expect(await rows.count()).toBe(6);
    const nameOf = (row: number) => sheet.rows[row - 1]?.[0] ?? '';
    const why = async (row: number, text: string) => {
      const heading = nameOf(row)
        ? es('directorySheet.rowNamed', { row, name: nameOf(row) })
        : es('directorySheet.row', { row });
      expect(await report.getByRole('listitem').filter({ hasText: heading }).first().textContent()).toContain(
        text,
      );
    };
    await why(sheet.bad.missingName, es('directorySheet.problem_missingName'));
    await why(sheet.bad.badPhone, es('directorySheet.problem_badPhone'));
    await why(sheet.bad.badWebsite, es('directorySheet.problem_badWebsite'));
    await why(sheet.bad.badEmail, es('directorySheet.problem_badEmail'));
    await why(
      sheet.repeated.row,
      es('directorySheet.problem_duplicateInFile', { row: sheet.repeated.sameAs }),
    );
    await why(sheet.unreadableHours, es('directorySheet.warning_hoursNotUnderstood'));
    // While the server had the file, the screen said it was checking it, by name and size.
    const size = `${new Intl.NumberFormat('es').format(Math.round(xlsxFile('directorio.xlsx', sheet.rows).buffer.length / 1024))} KB`;
    expect(await page.evaluate(() => (window as unknown as { statusWords: string[] }).statusWords)).toContain(
      es('directorySheet.checkingFile', { name: 'directorio.xlsx', size }),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'directory sheet, dry run (es)');
    await screenshot(page, 'directory-sheet-dry-run-es');

    await importCheckedDirectory(page, 195);

    // The form: find one service by name, fix its hours wrongly, then rightly.
    const form = page.getByRole('region', { name: es('directorySheet.formTitle') });
    await form.getByLabel(es('directorySheet.find')).fill('Servicio 00007');
    await form.getByRole('button', { name: es('directorySheet.findSubmit') }).click();
    await form.getByRole('button', { name: es('directorySheet.edit', { name: 'Servicio 00007' }) }).click();
    const hours = form.getByLabel(es('directorySheet.hours'));
    await hours.fill('cuando se pueda');
    await form.getByLabel(es('directorySheet.phone')).fill('555');
    await form.getByRole('button', { name: es('directorySheet.save') }).click();
    await form.getByText(es('fields.hoursNotUnderstood')).waitFor();
    await form.getByText(es('fields.phone')).waitFor();
    // What was typed is still there to fix.
    expect(await hours.inputValue()).toBe('cuando se pueda');
    await expectAccessible(page, 'service form, refused (es)');
    await hours.fill('Lun–Vie 8–16');
    await form.getByLabel(es('directorySheet.phone')).fill('(512) 555-0107');
    await form.getByRole('button', { name: es('directorySheet.save') }).click();
    await form.getByText(es('directorySheet.saved', { name: 'Servicio 00007' })).waitFor();
    expect(await hours.inputValue()).toBe('Mon-Fri 08:00-16:00');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'directory-service-form-es');
    await phone.close();
  });
});
