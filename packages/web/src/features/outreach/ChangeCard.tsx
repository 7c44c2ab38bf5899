import type { CheckChange } from '@puente/core';
import { numberFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';

/** Before and after, as a group: means as a share of the top score, and how many improved. */
export function ChangeCard({ change }: { change: CheckChange }) {
  const { t, locale } = useI18n();
  const percent = (n: number | null) =>
    n === null ? '—' : numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(n);
  return (
    <section class="card" aria-labelledby="change-heading">
      <h2 id="change-heading">{t('outreach.changeTitle')}</h2>
      {change.preCount + change.postCount === 0 ? (
        <p>{t('outreach.noAnswers')}</p>
      ) : (
        <>
          <dl class="stats">
            <div>
              <dt>{t('outreach.meanBefore')}</dt>
              <dd data-testid="mean-before">{percent(change.meanBefore)}</dd>
            </div>
            <div>
              <dt>{t('outreach.meanAfter')}</dt>
              <dd data-testid="mean-after">{percent(change.meanAfter)}</dd>
            </div>
            <div>
              <dt>{t('outreach.improved')}</dt>
              <dd data-testid="improved">
                {t('outreach.improvedCount', {
                  improved: change.improved,
                  paired: change.pairedCount,
                  share: percent(change.improvedShare),
                })}
              </dd>
            </div>
          </dl>
          <p>
            {t('outreach.answeredBefore', { count: change.preCount })} ·{' '}
            {t('outreach.answeredAfter', { count: change.postCount })} ·{' '}
            {t('outreach.paired', { count: change.pairedCount })}
          </p>
          <p>{t('outreach.sameWorse', { same: change.same, worse: change.worse })}</p>
        </>
      )}
      <p class="hint">{t('outreach.notValidated')}</p>
    </section>
  );
}
