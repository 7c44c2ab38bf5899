import { dateFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import { TableScroll } from '../../ui/TableScroll';
import { type ActivityTargets, type ActivityWeek, measures } from './activity-api';
import { cellText } from './Measure';

interface WeeksTableProps {
  caption: string;
  weeks: readonly (ActivityWeek & { met?: Record<keyof ActivityTargets, number | 'suppressed' | null> })[];
  targets: ActivityTargets;
  /** For a team's totals: how many promotoras there are, to say how many reached each target. */
  chws?: number;
}

/**
 * Week by week, newest first: one row per week (its Monday, day and month:
 * the weeks are recent and the year would not fit 360 px), one column per
 * measure, each cell in words ("3 of 5", "target reached"); a caption names the table.
 */
export function WeeksTable({ caption, weeks, targets, chws }: WeeksTableProps) {
  const { t, locale } = useI18n();
  return (
    <TableScroll label={caption}>
      <table class="numbers activity-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('activity.colWeek')}</th>
            {measures.map((m) => (
              <th key={m} scope="col">
                {t(`activity.${m}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.weekStart}>
              <th scope="row">
                {dateFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
                  new Date(`${week.weekStart}T12:00:00Z`),
                )}
              </th>
              {measures.map((m) => {
                const met = week.met?.[m];
                if (chws !== undefined) {
                  return (
                    <td key={m}>
                      {cellText(t, locale, week[m], null).text}
                      <ReachedNote met={met} chws={chws} />
                    </td>
                  );
                }
                const cell = cellText(t, locale, week[m], targets[m]);
                // "1 of 3" says it in words already; a tick marks a target reached, and a screen reader hears both.
                return (
                  <td key={m}>
                    {cell.text}
                    {cell.reached === true && <span aria-hidden="true"> ✓</span>}
                    {cell.reached !== null && (
                      <span class="visually-hidden">
                        {' '}
                        {cell.reached ? t('activity.reached') : t('activity.notYet')}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** How many of a team reached a target, for a manager: a count, or why it is not shown. */
function ReachedNote({ met, chws }: { met: number | 'suppressed' | null | undefined; chws: number }) {
  const { t } = useI18n();
  if (met === 'suppressed') return <span class="cell-note">{t('activity.reachedHidden')}</span>;
  if (met === undefined || met === null) return null;
  return <span class="cell-note">{t('activity.reachedBy', { met, chws })}</span>;
}
