import type { Locale, MessageKey, MessageParams } from '@puente/core';
import { numberFormat } from '../../app/formats';
import { formatMoment } from '../../ui/format';
import type { BackupStatus } from './api';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A file's size as people read it: 820 byte, 14 kB, 19.3 MB, 1.2 GB (powers of 1024). */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit >= 2 ? 1 : 0,
  }).format(value);
}

/** PUENTE_BACKUP_EVERY in words: "Every day", "Every 6 hours". */
export function intervalText(t: Translate, minutes: number): string {
  const DAY = 24 * 60;
  if (minutes === 60) return t('backups.everyHour');
  if (minutes === DAY) return t('backups.everyDay');
  if (minutes === 7 * DAY) return t('backups.everyWeek');
  if (minutes % DAY === 0) return t('backups.everyDays', { n: minutes / DAY });
  if (minutes % 60 === 0) return t('backups.everyHours', { n: minutes / 60 });
  return t('backups.everyMinutes', { n: minutes });
}

/**
 * What is wrong with the backups, most urgent first, in words: no folder or
 * no key (nothing can be made), the last one failed, the newest is over a day
 * old, or there is none. Empty when all is well.
 */
export function backupWarnings(s: BackupStatus, t: Translate, locale: Locale): string[] {
  const warnings: string[] = [];
  if (!s.folder) warnings.push(t('backups.warnNotSetUp'));
  if (s.key === 'missing') warnings.push(t('backups.warnNoKey'));
  if (s.key === 'unusable') warnings.push(t('backups.warnBadKey', { file: s.keyFile }));
  if (s.folder && !s.folderReadable) warnings.push(t('backups.warnFolderUnreadable', { folder: s.folder }));
  if (s.lastFailure) {
    warnings.push(
      t('backups.warnFailed', {
        date: formatMoment(locale, s.lastFailure.at),
        reason: t(`backups.reason_${s.lastFailure.reason}`),
      }),
    );
  }
  if (s.newest && s.olderThanADay)
    warnings.push(t('backups.warnOld', { date: formatMoment(locale, s.newest.at) }));
  if (s.folder && s.folderReadable && !s.newest) warnings.push(t('backups.warnNone'));
  return warnings;
}
