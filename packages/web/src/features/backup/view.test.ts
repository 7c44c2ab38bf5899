import type { MessageKey, MessageParams } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMessages, t as translate } from '../../app/messages';
import type { BackupStatus } from './api';
import { backupWarnings, formatBytes, intervalText } from './view';

const t = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const es = (key: MessageKey, params?: MessageParams) => translate('es', key, params);

beforeAll(async () => {
  await loadMessages('en');
  await loadMessages('es');
});
const DAY = 86_400_000;

/** A server with its folder and key, and one backup made an hour ago. */
function healthy(): BackupStatus {
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const newest = { name: 'puente-x.backup', at, bytes: 2048 };
  return {
    folder: '/var/backups/puente',
    folderReadable: true,
    key: 'file',
    keyFile: '/srv/puente-backup.key',
    everyMinutes: 1440,
    keep: 14,
    scheduled: true,
    running: false,
    newest,
    olderThanADay: false,
    lastFailure: null,
    nextRunAt: new Date(Date.parse(at) + DAY).toISOString(),
    files: [newest],
    restoreCommand: 'puente restore /var/backups/puente/puente-x.backup --into-nonempty',
  };
}

describe('the backup warnings', () => {
  it('say nothing while backups are set up and recent', () => {
    expect(backupWarnings(healthy(), t, 'en')).toEqual([]);
  });

  it('say when nothing can be made: no folder, no key, a key that cannot be used', () => {
    const bare = { ...healthy(), folder: null, key: 'missing' as const, newest: null, files: [] };
    expect(backupWarnings(bare, t, 'en')).toEqual([t('backups.warnNotSetUp'), t('backups.warnNoKey')]);
    const loose = { ...healthy(), key: 'unusable' as const };
    expect(backupWarnings(loose, t, 'en')).toEqual([
      t('backups.warnBadKey', { file: '/srv/puente-backup.key' }),
    ]);
  });

  it('say the last failure with its reason in the reader’s language, and an old newest backup', () => {
    const failed = {
      ...healthy(),
      olderThanADay: true,
      lastFailure: { at: new Date().toISOString(), reason: 'noSpace' as const },
    };
    const [failure, old, ...rest] = backupWarnings(failed, es, 'es');
    expect(failure).toContain(es('backups.reason_noSpace'));
    expect(old).toMatch(/^La copia más reciente tiene más de un día/);
    expect(rest).toEqual([]);
  });

  it('say when a folder is set but holds no backup yet', () => {
    const none = { ...healthy(), newest: null, files: [] };
    expect(backupWarnings(none, t, 'en')).toEqual([t('backups.warnNone')]);
  });
});

describe('sizes and intervals', () => {
  it('write sizes in powers of 1024 with the reader’s decimal mark', () => {
    expect(formatBytes('en', 512)).toMatch(/^512\s?byte/);
    expect(formatBytes('en', 19.3 * 1024 * 1024)).toMatch(/^19\.3\s?MB$/);
    expect(formatBytes('es', 19.3 * 1024 * 1024)).toMatch(/^19,3\s?MB$/);
  });

  it('name the schedule in words', () => {
    expect(intervalText(t, 1440)).toBe('Every day');
    expect(intervalText(t, 360)).toBe('Every 6 hours');
    expect(intervalText(t, 2880)).toBe('Every 2 days');
    expect(intervalText(t, 10080)).toBe('Every week');
    expect(intervalText(t, 90)).toBe('Every 90 minutes');
  });
});
