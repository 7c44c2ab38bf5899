import type { Problem, RiskAlert } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link, type ScreenParams } from '../../app/router';
import { formatMoment } from '../../ui/format';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { acknowledgeAlert, getAlert } from './api';
import { alertTitle, dialable, eventText, severityText } from './text';
import './alerts.css';

/** One alert: only what the supervisor needs, its timeline, and "acknowledge" with the action taken. */
export function AlertScreen({ params }: { params: ScreenParams }) {
  const { t, locale } = useI18n();
  const id = params.id ?? '';
  const [alert, setAlert] = useState<RiskAlert>();
  const [problem, setProblem] = useState<Problem>();
  const [action, setAction] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string>();

  useEffect(() => {
    getAlert(id).then(setAlert, (e) => setProblem(toProblem(e)));
  }, [id]);

  const acknowledge = async (event: Event) => {
    event.preventDefault();
    if (!action.trim()) {
      setMissing(true);
      document.getElementById('action-taken')?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await acknowledgeAlert(id, action.trim());
      setAlert(await getAlert(id));
      setStatus(t('alerts.acknowledgedDone'));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <p class="crumb">
      <Link href="/alerts">{t('alerts.backToList')}</Link>
    </p>
  );
  if (!alert) {
    return (
      <>
        {back}
        <PageHeading text={problem?.status === 404 ? t('alerts.notFound') : t('alerts.title')} />
        {problem?.status !== 404 && <ProblemAlert problem={problem} />}
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeading text={alertTitle(t, alert)} />
      <p class="lead">{severityText(t, alert.severity)}</p>
      <p class="lead">
        {alert.clientName ? (
          <Link href={`/people/${alert.clientId}`}>{t('alerts.person', { name: alert.clientName })}</Link>
        ) : (
          t('alerts.personHidden', { name: alert.raisedBy.name })
        )}
      </p>
      <p>{t('alerts.raisedBy', { name: alert.raisedBy.name, when: formatMoment(locale, alert.raisedAt) })}</p>
      {alert.raisedBy.phone && (
        <p>
          <a class="call-button" href={`tel:${dialable(alert.raisedBy.phone)}`}>
            <span class="call-label">{t('alerts.callChw', { name: alert.raisedBy.name })}</span>
            <span class="call-number">{alert.raisedBy.phone}</span>
          </a>
        </p>
      )}
      {alert.note && <p>{t('alerts.note', { note: alert.note })}</p>}
      {alert.notifiedNames.length > 0 && (
        <p class="hint">{t('alerts.notified', { names: alert.notifiedNames.join(', ') })}</p>
      )}
      {alert.deliveredNames.length > 0 && (
        <p class="hint">{t('alerts.seenBy', { names: alert.deliveredNames.join(', ') })}</p>
      )}
      <StatusMessage message={status} />
      {alert.status === 'acknowledged' ? (
        <div class="card">
          <p>
            {t('alerts.ackBy', {
              name: alert.acknowledgedBy ?? '',
              when: formatMoment(locale, alert.acknowledgedAt ?? ''),
            })}
          </p>
          <p>{t('alerts.actionTaken', { action: alert.actionTaken ?? '' })}</p>
        </div>
      ) : (
        <form onSubmit={(e) => void acknowledge(e)} class="card" noValidate>
          <div class={missing ? 'field field--invalid' : 'field'}>
            <label for="action-taken">{t('alerts.actionLabel')}</label>
            <p id="action-hint" class="hint">
              {t('alerts.actionHint')}
            </p>
            <textarea
              id="action-taken"
              rows={3}
              maxLength={2000}
              required
              value={action}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? 'action-error action-hint' : 'action-hint'}
              onInput={(e) => {
                setAction(e.currentTarget.value);
                setMissing(false);
              }}
            />
            {missing && (
              <p id="action-error" class="field-error">
                {t('alerts.actionRequired')}
              </p>
            )}
          </div>
          <ProblemAlert problem={problem} />
          <button type="submit" class="primary wide" disabled={busy}>
            {t('alerts.acknowledge')}
          </button>
        </form>
      )}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('alerts.timeline')}</h2>
        <ol class="timeline">
          {(alert.events ?? []).map((e, i) => (
            <li key={`${e.kind}-${e.at}-${i}`}>
              <span class="timeline-when">{formatMoment(locale, e.at)}</span>{' '}
              {e.userName
                ? t('alerts.eventBy', { event: eventText(t, e.kind), name: e.userName })
                : eventText(t, e.kind)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
