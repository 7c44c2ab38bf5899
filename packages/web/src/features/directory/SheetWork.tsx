import type { Locale } from '@puente/core';
import { numberFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import { StatusMessage } from '../../ui/Messages';

/** What the screen is doing with the chosen file while the server has it. */
export type SheetWork =
  | { step: 'sending'; action: 'check' | 'import'; fraction: number }
  | { step: 'checking'; action: 'check' | 'import' };

/** A file's weight as people read it: "840 KB", "4,6 MB" in Spanish. */
export function fileSize(locale: Locale, bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1
    ? `${numberFormat(locale, { maximumFractionDigits: 1 }).format(mb)} MB`
    : `${numberFormat(locale).format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/**
 * A big sheet takes a while to send on a phone's data and seconds to check: a bar that moves
 * while it goes (then one that says "working" without a figure while every row is checked), and
 * words a screen reader announces at each step, in tenths, not at every byte.
 */
export function SheetWorkStatus({ work, file }: { work: SheetWork | undefined; file: File | undefined }) {
  const { t, locale } = useI18n();
  const size = file ? fileSize(locale, file.size) : '';
  const name = file?.name ?? '';
  const words = !work
    ? undefined
    : work.step === 'sending'
      ? t('directorySheet.sending', { name, size, percent: Math.floor(work.fraction * 10) * 10 })
      : t(work.action === 'check' ? 'directorySheet.checkingFile' : 'directorySheet.checkingBeforeImport', {
          name,
          size,
        });
  // The status region stays in the page, empty when idle, so its first words are announced too.
  return (
    <div class="sheet-work" aria-busy={work ? 'true' : undefined}>
      {work?.step === 'sending' && (
        <progress
          class="import-progress"
          max={1}
          value={work.fraction}
          aria-label={t('directorySheet.sendingLabel')}
        />
      )}
      {work?.step === 'checking' && (
        <progress class="import-progress" aria-label={t('directorySheet.checkingLabel')} />
      )}
      <StatusMessage message={words} />
    </div>
  );
}
