import { numberFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import type { ActivityMeasure } from './activity-api';
import './activity.css';

interface MeasureProps {
  measure: ActivityMeasure;
  count: number;
  target: number | null;
}

/**
 * One measure of a week in words ("Visits: 3 of 5 · not yet") with a bar
 * beside it; the words carry it all, the bar only repeats them for the eye.
 */
export function Measure({ measure, count, target }: MeasureProps) {
  const { t, locale } = useI18n();
  const n = (value: number) => numberFormat(locale).format(value);
  const name = t(`activity.${measure}`);
  if (target === null)
    return <p class="measure">{t('activity.countOnly', { measure: name, count: n(count) })}</p>;
  const reached = count >= target;
  return (
    <div class={reached ? 'measure measure--reached' : 'measure'}>
      <p>
        {t('activity.countOfTarget', { measure: name, count: n(count), target: n(target) })}
        {' · '}
        {reached ? t('activity.reached') : t('activity.notYet')}
      </p>
      <div class="measure-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.round((count / target) * 100))}%` }} />
      </div>
    </div>
  );
}

/** A table cell's words for one measure: "3 of 5", and whether it reached the target. */
export function cellText(
  t: ReturnType<typeof useI18n>['t'],
  locale: ReturnType<typeof useI18n>['locale'],
  count: number,
  target: number | null,
): { text: string; reached: boolean | null } {
  const n = (value: number) => numberFormat(locale).format(value);
  if (target === null) return { text: n(count), reached: null };
  return {
    text: t('activity.cellOfTarget', { count: n(count), target: n(target) }),
    reached: count >= target,
  };
}
