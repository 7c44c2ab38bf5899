import type { ReportFigures } from '@puente/core';
import { dateFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import { BarChart, ShareBars, Stat } from './Charts';
import { useFigureFormat } from './format';
import { Referrals } from './Referrals';

// Short names of the built-in instruments, by the last part of their canonical url.
const instrumentLabels: Record<string, string> = {
  'phq-2': 'PHQ-2',
  'phq-9': 'PHQ-9',
  'gad-2': 'GAD-2',
  'gad-7': 'GAD-7',
  'cssrs-screener': 'C-SSRS',
};

/** Every figure of the report, each chart with its numbers. */
export function Figures({ figures: f }: { figures: ReportFigures }) {
  const { t, locale } = useI18n();
  const { count: n, derived, pct, isHidden } = useFigureFormat(f.smallCounts);
  const label = (url: string) => {
    const key = url.split('/').pop() ?? url;
    return key === 'ahc-hrsn-core' ? t('reports.socialNeeds') : (instrumentLabels[key] ?? key);
  };
  const months = f.months.map((m) => m.month);
  const monthName = dateFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const short = (month: string) => monthName.format(new Date(`${month}-15T00:00:00Z`));
  return (
    <>
      {f.smallCounts.suppressed.length > 0 && (
        <p class="hint">{t('reports.suppressedNote', { threshold: f.smallCounts.threshold })}</p>
      )}
      <section class="card" aria-labelledby="report-reached">
        <h2 id="report-reached">{t('reports.reachedTitle')}</h2>
        <dl class="stats">
          <Stat label={t('reports.oneToOne')} value={n(f.reached.oneToOne)} />
          <Stat label={t('reports.encounters')} value={n(f.reached.encounters)} />
          <Stat label={t('reports.events')} value={n(f.reached.atEvents.events)} />
          <Stat label={t('reports.attendance')} value={n(f.reached.atEvents.attendance)} />
        </dl>
        <p class="hint">{t('reports.attendanceNote')}</p>
        <BarChart
          title={t('reports.chartReached')}
          groups={months}
          series={[{ label: t('reports.oneToOne'), values: f.months.map((m) => m.reached) }]}
          format={n}
          short={short}
        />
      </section>

      <section class="card" aria-labelledby="report-screenings">
        <h2 id="report-screenings">{t('reports.screeningsTitle')}</h2>
        {f.screenings.length === 0 ? (
          <p>{t('reports.noData')}</p>
        ) : (
          <table class="numbers">
            <thead>
              <tr>
                <th scope="col">{t('reports.instrument')}</th>
                <th scope="col">{t('reports.done')}</th>
                <th scope="col">{t('reports.positive')}</th>
              </tr>
            </thead>
            <tbody>
              {f.screenings.map((s) => (
                <tr key={s.instrument}>
                  <th scope="row">{label(s.instrument)}</th>
                  <td>{n(s.done)}</td>
                  <td>
                    {n(s.positive)} ({pct(s.sharePositive, ['screenings', s.instrument, 'sharePositive'])})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="hint">{t('reports.positiveNote')}</p>
        <BarChart
          title={t('reports.chartScreenings')}
          groups={months}
          series={[
            { label: t('reports.done'), values: f.months.map((m) => m.screenings) },
            { label: t('reports.positive'), values: f.months.map((m) => m.positive) },
          ]}
          format={n}
          short={short}
        />
      </section>

      <section class="card" aria-labelledby="report-outcomes">
        <h2 id="report-outcomes">{t('reports.outcomesTitle')}</h2>
        <p class="hint">{t('reports.outcomesIntro')}</p>
        {f.outcomes.map((o) => (
          <div key={o.instrument}>
            <h3>
              {label(o.instrument)} · {t('reports.people')}: {n(o.people)}
            </h3>
            {o.people === 0 ? (
              <p>{t('reports.noData')}</p>
            ) : (
              <>
                <ShareBars
                  title={t('reports.chartShares')}
                  rows={[
                    {
                      label: t('reports.response'),
                      share: o.shareResponse,
                      hidden: isHidden(['outcomes', o.instrument, 'shareResponse']),
                    },
                    {
                      label: t('reports.remission'),
                      share: o.shareRemission,
                      hidden: isHidden(['outcomes', o.instrument, 'shareRemission']),
                    },
                  ]}
                />
                <p>
                  {t('reports.meanChange')}:{' '}
                  {derived(o.meanFirst, ['outcomes', o.instrument, 'meanFirst'], String)} →{' '}
                  {derived(o.meanLast, ['outcomes', o.instrument, 'meanLast'], String)}
                </p>
              </>
            )}
          </div>
        ))}
      </section>

      <section class="card" aria-labelledby="report-alerts">
        <h2 id="report-alerts">{t('reports.alertsTitle')}</h2>
        <dl class="stats">
          <Stat label={t('reports.raised')} value={n(f.alerts.raised)} />
          <Stat label={t('reports.acknowledged')} value={n(f.alerts.acknowledged)} />
          <Stat
            label={t('reports.medianAck')}
            value={derived(
              f.alerts.medianMinutesToAcknowledge,
              ['alerts', 'medianMinutesToAcknowledge'],
              (v) => t('reports.minutes', { n: n(v) }),
            )}
          />
          <Stat label={t('reports.plansPeople')} value={n(f.safetyPlans.people)} />
        </dl>
      </section>

      <Referrals figures={f.referrals} smallCounts={f.smallCounts} />
    </>
  );
}
