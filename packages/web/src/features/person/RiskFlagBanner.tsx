import { type Client, type RiskFlag, roleCan } from '@puente/core';
import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { data } from '../../offline/data';
import { TextArea } from '../../ui/Field';
import { formatMoment } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';

/** Clears the flag on the server (it needs the network: it is a supervisor's reviewed decision), then the phone's copy. */
async function clearRiskFlag(clientId: string, reason: string): Promise<void> {
  await api<{ riskFlag: RiskFlag | null }>(
    'POST',
    `/api/clients/${encodeURIComponent(clientId)}/risk-flag/clear`,
    {
      reason,
    },
  );
  await data().refresh();
}

interface Props {
  client: Client;
  onChanged: (message: string) => Promise<void>;
}

/** A high-risk C-SSRS no supervisor has cleared: shown to all who open the person; supervisors clear it with a reason. */
export function RiskFlagBanner({ client, onChanged }: Props) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, problem, errors, run } = useAction();
  const flag = client.riskFlag;
  if (!flag) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await run(() => clearRiskFlag(client.id, reason))) await onChanged(t('followUp.cleared'));
  };
  return (
    <section class="notice notice--urgent" aria-labelledby="risk-flag-title">
      <h2 id="risk-flag-title">{t('followUp.riskFlag')}</h2>
      <p>{t('followUp.riskFlagSince', { date: formatMoment(locale, flag.raisedAt) })}</p>
      {roleCan(me.role, 'supervision.write') &&
        (open ? (
          <form onSubmit={submit} noValidate>
            <ProblemAlert problem={problem} />
            <TextArea
              id="risk-flag-reason"
              label={t('followUp.clearReason')}
              hint={t('followUp.clearReasonHint')}
              maxLength={500}
              value={reason}
              onValue={setReason}
              error={errors.reason}
            />
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('followUp.clearing') : t('followUp.clearFlag')}
            </button>{' '}
            <button type="button" onClick={() => setOpen(false)}>
              {t('followUp.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setOpen(true)}>
            {t('followUp.clearFlag')}
          </button>
        ))}
    </section>
  );
}
