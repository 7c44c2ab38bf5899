import type { messySheet } from '@puente/server/testing';
import { toXlsx } from '@puente/server/testing';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { es } from './flows.js';

// The admin's two spreadsheet imports as the browser tests drive them, in Spanish: the
// directory (on the directory screen's card) and an existing caseload (its own screen).

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An Excel file of `rows` as the file field takes it. */
export const xlsxFile = (name: string, rows: string[][]) => ({
  name,
  mimeType: xlsxType,
  buffer: Buffer.from(toXlsx(rows)),
});

/** Chooses a directory sheet on the directory screen's card and asks for its dry run; its report. */
export async function checkDirectorySheet(page: Page, rows: string[][]): Promise<Locator> {
  const card = page.getByRole('region', { name: es('directorySheet.title') });
  await card.getByLabel(es('directorySheet.fileLabel')).setInputFiles(xlsxFile('directorio.xlsx', rows));
  await card.getByRole('button', { name: es('directorySheet.check') }).click();
  return page.getByRole('region', { name: es('directorySheet.reportTitle') });
}

/** Imports the `count` services a directory dry run found ready, and waits until they are in. */
export async function importCheckedDirectory(page: Page, count: number): Promise<void> {
  await page.getByRole('button', { name: es('directorySheet.import', { count }) }).click();
  await page
    .getByRole('status')
    .getByText(es('directorySheet.importDone', { total: count }))
    .waitFor({ timeout: 60_000 });
}

/** Chooses a caseload sheet on the caseload import screen and asks for its dry run; its report. */
export async function checkCaseloadSheet(page: Page, rows: string[][]): Promise<Locator> {
  await page.getByLabel(es('caseloadImport.fileLabel')).setInputFiles(xlsxFile('casos.xlsx', rows));
  await page.getByRole('button', { name: es('caseloadImport.check') }).click();
  return page.getByRole('region', { name: es('caseloadImport.reportTitle') });
}

/**
 * The dry run of a `messySheet`: its counts, and each of the eight rows left out named with
 * why in the admin's words (five wrong, two already in the caseload, one repeated in the file).
 */
export async function expectMessySheetReport(
  report: Locator,
  sheet: ReturnType<typeof messySheet>,
): Promise<void> {
  const people = sheet.rows.length - 1;
  await report.getByText(es('caseloadImport.countReady', { count: people - 8 })).waitFor();
  await report.getByText(es('caseloadImport.countSkipped', { count: 8 })).waitFor();
  await report.getByText(es('caseloadImport.countDuplicates', { count: 3 })).waitFor();
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
  await why(sheet.repeated.row, es('caseloadImport.problem_duplicateInFile', { row: sheet.repeated.sameAs }));
}

/** Imports the `count` people a caseload dry run found ready, and waits until they are registered. */
export async function importCheckedCaseload(page: Page, count: number): Promise<void> {
  await page.getByRole('button', { name: es('caseloadImport.import', { count }) }).click();
  await page
    .getByRole('status')
    .getByText(es('caseloadImport.importDone', { created: count }))
    .waitFor({ timeout: 60_000 });
}
