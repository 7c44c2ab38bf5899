import {
  type Client,
  type DirectoryResult,
  needs as directoryNeeds,
  needAreas,
  referralShares,
  referralUrgencies,
  uuidv7,
} from '@puente/core';
import { useState } from 'preact/hooks';
import { deviceToday } from '../../app/dates';
import { useI18n } from '../../app/i18n';
import { Check, CheckGroup, SelectField, TextArea } from '../../ui/Field';
import { optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addConsent } from '../person/api';
import { makeReferral } from './api';
import { consentCovers } from './consent';

type Need = (typeof needAreas)[number];
type Share = (typeof referralShares)[number];

interface Props {
  client: Client;
  service: DirectoryResult;
  /** The record changed (a consent was added): reload it. */
  onClientChanged: () => Promise<void>;
  onSent: (partner: string) => void;
}

/**
 * The need a referral starts from: an open goal's need that the service meets,
 * else the first need the service meets, else the person's first open goal.
 */
function firstNeed(client: Client, service: DirectoryResult): Need {
  const meets = service.needs.flatMap((n) =>
    n === 'behavioral-health'
      ? ['behavioral-health']
      : (directoryNeeds[n as keyof typeof directoryNeeds]?.sdoh ?? []),
  );
  const goals = client.goals.filter((g) => g.status === 'active').map((g) => g.needArea);
  const pick = goals.find((g) => meets.includes(g)) ?? meets[0] ?? goals[0];
  return needAreas.find((n) => n === pick) ?? 'behavioral-health';
}

/**
 * Refer the person to a service: the need and the reason, how soon, what else
 * to share, and consent first. When consent to share with this partner is
 * missing, the form asks for it in the person's words and records it.
 */
export function ReferForm({ client, service, onClientChanged, onSent }: Props) {
  const { t } = useI18n();
  const partner = service.organizationName ?? service.name;
  const [need, setNeed] = useState<Need>(() => firstNeed(client, service));
  const [goalId, setGoalId] = useState('');
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<string>('routine');
  const [doNotContact, setDoNotContact] = useState(false);
  const [shares, setShares] = useState<Share[]>([]);
  // One id per referral being written, so a retry after a lost answer is not a second referral.
  const [id] = useState(uuidv7);
  const sending = useAction();
  const consenting = useAction();
  const covered = consentCovers(client, partner, need);
  const goals = client.goals.filter((g) => g.status === 'active');

  const recordConsent = () =>
    consenting.run(async () => {
      await addConsent(client.id, {
        kind: 'share',
        method: 'verbal',
        givenOn: deviceToday(),
        partnerName: partner,
      });
      await onClientChanged();
    });

  const submit = async (event: Event) => {
    event.preventDefault();
    const body = {
      id,
      serviceId: service.serviceId,
      need,
      reason,
      urgency: referralUrgencies.find((u) => u === urgency) ?? 'routine',
      doNotContact,
      shares: doNotContact ? shares.filter((s) => s !== 'phone') : shares,
      ...(optional(goalId) ? { goalId } : {}),
    };
    if (await sending.run(async () => void (await makeReferral(client.id, body, service)))) onSent(partner);
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="refer-title">
      <h2 id="refer-title" tabIndex={-1}>
        {t('referrals.referTitle', { name: client.displayName, service: service.name })}
      </h2>
      <p class="row-meta">{t('referrals.partnerLine', { partner })}</p>
      <ProblemAlert problem={sending.problem} />
      <SelectField
        id="refer-need"
        label={t('referrals.need')}
        value={need}
        onValue={(v) => setNeed(needAreas.find((n) => n === v) ?? need)}
        options={needAreas.map((n) => ({ value: n, label: t(`vocab.needArea_${n}`) }))}
        error={sending.errors.need}
      />
      {goals.length > 0 && (
        <SelectField
          id="refer-goal"
          label={t('referrals.fromGoal')}
          value={goalId}
          onValue={setGoalId}
          options={[
            { value: '', label: t('referrals.noGoal') },
            ...goals.map((g) => ({ value: g.id, label: g.text })),
          ]}
        />
      )}
      <TextArea
        id="refer-reason"
        label={t('referrals.reason')}
        hint={t('referrals.reasonHint')}
        maxLength={1000}
        value={reason}
        onValue={setReason}
        error={sending.errors.reason}
      />
      <SelectField
        id="refer-urgency"
        label={t('referrals.urgency')}
        value={urgency}
        onValue={setUrgency}
        options={referralUrgencies.map((u) => ({ value: u, label: t(`referrals.urgency_${u}`) }))}
      />
      <Check
        id="refer-do-not-contact"
        label={t('referrals.doNotContact')}
        hint={t('referrals.doNotContactHint')}
        checked={doNotContact}
        onChecked={setDoNotContact}
      />
      <CheckGroup
        id="refer-shares"
        legend={t('referrals.shareLegend', { partner })}
        options={doNotContact ? referralShares.filter((s) => s !== 'phone') : referralShares}
        labelOf={(s) => t(`referrals.share_${s}`)}
        values={shares}
        onValues={setShares}
      />
      <p class="hint">{t('referrals.shareHint')}</p>
      <div aria-live="polite">
        {covered ? (
          <p class="ok">{t('referrals.consentOk', { name: client.displayName, partner })}</p>
        ) : (
          <div class="warning">
            <p>{t('referrals.consentMissing', { name: client.displayName, partner })}</p>
            <ProblemAlert problem={consenting.problem} />
            <button type="button" onClick={() => void recordConsent()} disabled={consenting.busy}>
              {t('referrals.recordConsent')}
            </button>
          </div>
        )}
      </div>
      <button type="submit" class="primary" disabled={sending.busy || !covered}>
        {sending.busy ? t('referrals.sending') : t('referrals.send')}
      </button>
    </form>
  );
}
