import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { en, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

// A server with a backup folder and key, as an operator sets them. Its schedule's first look is a
// minute after the start, so the folder is still empty when the admin first opens the screen.
const folder = mkdtempSync(join(tmpdir(), 'puente-e2e-backups-'));
const rig = useServerAndBrowser({
  PUENTE_BACKUP_DIR: folder,
  PUENTE_BACKUP_KEY: randomBytes(32).toString('base64'),
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('admin: backups', () => {
  it('shows no backups yet, backs up now, lists the file and gives the restore command', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    await phone.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await expectHeading(page, en('users.title'));
    // The admin's home says there is no backup yet, and leads to the screen.
    const notice = page.getByRole('region', { name: en('backups.warnTitle') });
    await notice.getByText(en('backups.warnNone')).waitFor();

    await openFromMenu(page, en('backups.nav'));
    await expectHeading(page, en('backups.title'));
    await page.getByRole('heading', { name: en('backups.emptyTitle') }).waitFor();
    await page.getByText(en('backups.restoreNone')).waitFor();
    await screenshot(page, 'backups-empty');
    await expectAccessible(page, 'backups-empty');

    const button = page.getByRole('button', { name: en('backups.nowButton') });
    await button.focus();
    await page.keyboard.press('Enter');
    const made = page.getByRole('status').filter({ hasText: /^Backup made: puente-.*\.backup/ });
    await made.waitFor({ timeout: 60_000 });
    const files = await readdir(folder);
    const name = files.find((f) => f.endsWith('.backup'));
    expect(name).toBeDefined();
    expect(files.filter((f) => f.endsWith('.backup'))).toHaveLength(1);
    expect(await made.textContent()).toContain(name);

    // The list shows it, the warning is gone, and the restore command names it.
    const list = page.getByRole('region', { name: en('backups.filesTitle') });
    await list.getByText(name ?? '').waitFor();
    expect(await page.getByRole('heading', { name: en('backups.emptyTitle') }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: en('backups.warnTitle') }).count()).toBe(0);
    const command = page.getByLabel(en('backups.restoreCommand'));
    expect(await command.inputValue()).toBe(`puente restore ${join(folder, name ?? '')} --into-nonempty`);
    await page.getByRole('button', { name: en('backups.copy') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('backups.copied') })
      .waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await command.inputValue());
    await screenshot(page, 'backups-made');
    await expectAccessible(page, 'backups-made');
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();
  });
});
