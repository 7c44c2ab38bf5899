import type { ReportFigures } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { BarChart, ShareBars, Stat } from './Charts';
import { useFigureFormat } from './format';

interface Props {
  figures: ReportFigures['referrals'];
  smallCounts: ReportFigures['smallCounts'];
}

/** Loop closure: how many referrals were made, closed and ended in help, by need and by partner. */
export function Referrals({ figures: r, smallCounts }: Props) {
  const { t } = useI18n();
  const { count: n, derived, pct } = useFigureFormat(smallCounts);
  const days = (v: number | null, path: string[]) =>
    derived(v, ['referrals', ...path], (x) => t('reports.days', { n: n(x) }));
  return (
    <section class="card" aria-labelledby="report-referrals">
      <h2 id="report-referrals">{t('reports.referralsTitle')}</h2>
      <dl class="stats">
        <Stat label={t('reports.referralsMade')} value={n(r.made)} />
        <Stat
          label={t('reports.referralsClosed')}
          value={`${n(r.closed)} (${pct(r.closureRate, ['referrals', 'closureRate'])})`}
        />
        <Stat
          label={t('reports.referralsGotHelp')}
          value={`${n(r.gotHelp)} (${pct(r.gotHelpRate, ['referrals', 'gotHelpRate'])})`}
        />
        <Stat
          label={t('reports.medianDaysToClose')}
          value={days(r.medianDaysToClose, ['medianDaysToClose'])}
        />
      </dl>
      <p class="hint">{t('reports.closureNote')}</p>
      {r.made === 0 ? (
        <p>{t('reports.noData')}</p>
      ) : (
        <>
          <BarChart
            title={t('reports.chartReferralNeeds')}
            groups={r.byNeed.map((x) => x.need)}
            series={[
              { label: t('reports.referralsMade'), values: r.byNeed.map((x) => x.made) },
              { label: t('reports.referralsClosed'), values: r.byNeed.map((x) => x.closed) },
              { label: t('reports.referralsGotHelp'), values: r.byNeed.map((x) => x.gotHelp) },
            ]}
            format={n}
            short={(need) => t(`vocab.needArea_${need}` as 'vocab.needArea_food-insecurity')}
          />
          <ShareBars
            title={t('reports.chartReferralStatus')}
            rows={r.byStatus.map((x) => ({
              label: `${t(`referrals.status_${x.status}`)} (${n(x.count)})`,
              share: x.count === null || r.made === null || r.made === 0 ? null : x.count / r.made,
              hidden: x.count === null || r.made === null,
            }))}
          />
          <h3>{t('reports.byPartner')}</h3>
          <table class="numbers">
            <thead>
              <tr>
                <th scope="col">{t('reports.partner')}</th>
                <th scope="col">{t('reports.referralsMade')}</th>
                <th scope="col">{t('reports.referralsGotHelp')}</th>
                <th scope="col">{t('reports.medianDaysToClose')}</th>
              </tr>
            </thead>
            <tbody>
              {r.byPartner.map((p) => (
                <tr key={p.partnerName}>
                  <th scope="row">{p.partnerName}</th>
                  <td>{n(p.made)}</td>
                  <td>{n(p.gotHelp)}</td>
                  <td>{days(p.medianDaysToClose, ['byPartner', p.partnerName, 'medianDaysToClose'])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
