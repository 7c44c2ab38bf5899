import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { es, expectAccessible, signedInAdmin } from './flows.js';
import { repoRoot, useServerAndBrowser } from './harness.js';
import { importCheckedDirectory } from './sheet-flows.js';

const rig = useServerAndBrowser();
// Open Referral's own example of the tabular form: 21 CSV tables and their datapackage.json.
const examples = join(repoRoot, 'packages/server/src/features/hsds/fixtures/examples/csv');
const files = readdirSync(examples).map((name) => ({
  name,
  mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv',
  buffer: readFileSync(join(examples, name)),
}));

describe('HSDS tables chosen one by one, in Spanish on a phone', () => {
  it('the admin picks the CSV files together: the app sends them as one .zip, checks and imports them', async () => {
    const { phone, page } = await signedInAdmin(rig, 'es', {
      menu: 'directory.navAdmin',
      heading: 'directory.adminTitle',
    });
    const card = page.getByRole('region', { name: es('directorySheet.title') });
    const input = card.getByLabel(es('directorySheet.fileLabel'));

    // A spreadsheet among HSDS tables is refused in words: one of them is not what the others are.
    const table = files.find((f) => f.name === 'services.csv');
    if (!table) throw new Error('the HSDS example has no services.csv');
    await input.setInputFiles([
      table,
      { name: 'plantilla.xlsx', mimeType: 'application/zip', buffer: Buffer.from('x') },
    ]);
    await card.getByText(es('directorySheet.filesNotHsds')).waitFor();

    await input.setInputFiles(files);
    await card
      .getByText(
        es('directorySheet.filesChosen', { count: files.length, names: files.map((f) => f.name).join(', ') }),
      )
      .waitFor();
    await card.getByRole('button', { name: es('directorySheet.check') }).click();
    const report = page.getByRole('region', { name: es('directorySheet.reportTitle') });
    await report.getByText(es('directorySheet.countReady', { count: 1 })).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'directory, HSDS files chosen together (es)');
    await importCheckedDirectory(page, 1);
    await phone.close();
  });
});
