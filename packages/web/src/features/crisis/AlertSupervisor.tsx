import type { CrisisProtocolInfo, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { AlertProgress } from './AlertProgress';
import { type AlertDelivery, alertWaiting, deliveries, raiseAlert } from './raise';
import './crisis.css';

/**
 * Tells the on-call supervisor. After a high-risk screen the alert is already
 * on its way; from the crisis button, the CHW raises it here.
 */
export function AlertSupervisor({
  clientId,
  info,
}: {
  clientId: string;
  info: CrisisProtocolInfo | undefined;
}) {
  const { t } = useI18n();
  const [delivery, setDelivery] = useState<AlertDelivery | 'sending' | undefined>(() =>
    deliveries.get(clientId),
  );
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem>();

  // A queued alert turns into a sent one when the signal returns.
  useEffect(() => {
    if (delivery !== 'queued') return;
    const check = setInterval(() => {
      if (!alertWaiting(clientId)) {
        deliveries.set(clientId, 'sent');
        setDelivery('sent');
      }
    }, 2_000);
    return () => clearInterval(check);
  }, [delivery, clientId]);

  const raise = async (event: Event) => {
    event.preventDefault();
    setDelivery('sending');
    setProblem(undefined);
    try {
      const done = await raiseAlert(clientId, note);
      deliveries.set(clientId, done);
      setDelivery(done);
    } catch (error) {
      setProblem(toProblem(error));
      setDelivery(undefined);
    }
  };

  return (
    <section aria-labelledby="alert-title" class="protocol-block">
      <h2 id="alert-title">{t('crisis.alertTitle')}</h2>
      <div role="status">
        {delivery === 'sent' && <AlertProgress clientId={clientId} info={info} />}
        {delivery === 'queued' && <p class="protocol-wait">{t('crisis.alertQueued')}</p>}
        {delivery === 'sending' && <p>{t('crisis.alertSending')}</p>}
      </div>
      <div role="alert">
        {problem && <p class="field-error">{t('crisis.alertFailed', { reason: problem.title })}</p>}
      </div>
      {(delivery === undefined || problem) && (
        <form onSubmit={(e) => void raise(e)}>
          <div class="field">
            <label for="alert-note">{t('crisis.note')}</label>
            <textarea
              id="alert-note"
              rows={2}
              maxLength={1000}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary wide">
            {t('crisis.raise')}
          </button>
        </form>
      )}
    </section>
  );
}
