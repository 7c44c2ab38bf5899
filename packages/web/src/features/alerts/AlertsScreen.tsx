import type { Problem, RiskAlert } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatMoment } from '../../ui/format';
import { EmptyState, ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { listAlerts } from './api';
import { alertTitle } from './text';
import './alerts.css';

/** Risk alerts for the supervisor or manager: open ones first, each one tap from what was done. */
export function AlertsScreen() {
  const { t, locale } = useI18n();
  const [alerts, setAlerts] = useState<RiskAlert[]>();
  const [problem, setProblem] = useState<Problem>();

  useEffect(() => {
    listAlerts().then(setAlerts, (e) => setProblem(toProblem(e)));
  }, []);

  const open = alerts?.filter((a) => a.status === 'open') ?? [];
  const done = alerts?.filter((a) => a.status !== 'open') ?? [];
  const row = (a: RiskAlert) => (
    <li key={a.id} class={a.status === 'open' ? 'row row--alert' : 'row'}>
      <p class="row-title">
        <Link href={`/alerts/${a.id}`}>{alertTitle(t, a)}</Link>
      </p>
      <p class="row-meta">
        {a.clientName
          ? t('alerts.person', { name: a.clientName })
          : t('alerts.personHidden', { name: a.raisedBy.name })}
      </p>
      <p class="row-meta">
        {t('alerts.raisedBy', { name: a.raisedBy.name, when: formatMoment(locale, a.raisedAt) })}
      </p>
      {a.acknowledgedBy && a.acknowledgedAt && (
        <p class="row-meta">
          {t('alerts.ackBy', { name: a.acknowledgedBy, when: formatMoment(locale, a.acknowledgedAt) })}
        </p>
      )}
    </li>
  );
  return (
    <>
      <PageHeading text={t('alerts.title')} />
      <ProblemAlert problem={problem} />
      {!alerts && !problem && <p role="status">{t('app.loading')}</p>}
      {alerts?.length === 0 && (
        <EmptyState title={t('alerts.noneOpen')}>
          <p>{t('alerts.none')}</p>
        </EmptyState>
      )}
      {alerts && alerts.length > 0 && (
        <>
          <section aria-labelledby="open-alerts">
            <h2 id="open-alerts">{t('alerts.open')}</h2>
            {open.length === 0 ? (
              <p class="hint">{t('alerts.noneOpen')}</p>
            ) : (
              <ul class="rows">{open.map(row)}</ul>
            )}
          </section>
          {done.length > 0 && (
            <section aria-labelledby="done-alerts">
              <h2 id="done-alerts">{t('alerts.acknowledged')}</h2>
              <ul class="rows">{done.map(row)}</ul>
            </section>
          )}
        </>
      )}
    </>
  );
}
