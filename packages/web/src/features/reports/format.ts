import { figureKey, type ReportFigures } from '@puente/core';
import { numberFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';

/**
 * How the report's figures read: a count not shown (null) says so, never 0; a
 * share, mean or median the server hid (listed by key) says so too, and one with
 * nothing to show is a dash.
 */
export function useFigureFormat(smallCounts: ReportFigures['smallCounts']) {
  const { t, locale } = useI18n();
  const hidden = new Set(smallCounts.suppressed);
  const isHidden = (path: string[]) => hidden.has(figureKey(...path));
  const count = (v: number | null) => (v === null ? t('reports.suppressed') : numberFormat(locale).format(v));
  /** A value that may be hidden (at `path`) or missing, written by `write` when shown. */
  const derived = (v: number | null, path: string[], write: (v: number) => string) =>
    isHidden(path) ? t('reports.suppressed') : v === null ? t('reports.none') : write(v);
  const pct = (v: number | null, path: string[]) =>
    derived(v, path, (x) => numberFormat(locale, { style: 'percent' }).format(x));
  return { count, derived, pct, isHidden };
}
