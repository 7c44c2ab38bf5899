import {
  capacityAnswers,
  enrollmentAnswers,
  type ReferralStatus,
  type ReferralStatusRequest,
  referralOutcomes,
  statusesNeedingReason,
} from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { SelectField, TextArea } from '../../ui/Field';
import { optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';

interface Props {
  id: string;
  /** The moves the server says the caller may make now. */
  moves: ReferralStatus[];
  onSave: (body: ReferralStatusRequest) => Promise<unknown>;
  onSaved: () => void;
}

const endings = referralOutcomes.filter((o) => o !== 'got-help');

/**
 * One move in a referral's life, for either side: the status, and what that
 * status must say (why, how it ended, what the person got). The partner's
 * inbox and the CHW's page both use it, so the two sides ask the same way.
 */
export function MoveForm({ id, moves, onSave, onSaved }: Props) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ReferralStatus>(moves[0] ?? 'cancelled');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<string>(endings[0] ?? 'could-not-get-help');
  const [result, setResult] = useState('');
  const [capacity, setCapacity] = useState('');
  const [enrollment, setEnrollment] = useState('');
  const { busy, problem, errors, run } = useAction();
  const field = (name: string) => `${id}-${name}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const body: ReferralStatusRequest = { status };
    if (optional(reason)) body.reason = reason;
    if (status === 'failed') body.outcome = endings.find((o) => o === outcome);
    if (status === 'completed' && optional(result)) body.result = result;
    const cap = capacityAnswers.find((c) => c === capacity);
    if (cap) body.capacity = cap;
    const enr = enrollmentAnswers.find((e) => e === enrollment);
    if (enr) body.enrollment = enr;
    if (await run(async () => void (await onSave(body)))) onSaved();
  };

  const answersCapacity = status === 'accepted' || status === 'rejected' || status === 'on-hold';
  const answersEnrollment = status === 'accepted' || status === 'in-progress' || status === 'completed';
  return (
    <form class="card" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} />
      <SelectField
        id={field('status')}
        label={t('referrals.newStatus')}
        value={status}
        onValue={(v) => setStatus(moves.find((m) => m === v) ?? status)}
        options={moves.map((m) => ({ value: m, label: t(`referrals.status_${m}`) }))}
        error={errors.status}
      />
      {status === 'failed' && (
        <SelectField
          id={field('outcome')}
          label={t('referrals.outcome')}
          value={outcome}
          onValue={setOutcome}
          options={endings.map((o) => ({ value: o, label: t(`referrals.outcome_${o}`) }))}
          error={errors.outcome}
        />
      )}
      {(statusesNeedingReason.includes(status) || status === 'failed') && (
        <TextArea
          id={field('reason')}
          label={t('referrals.statusReason')}
          maxLength={1000}
          value={reason}
          onValue={setReason}
          error={errors.reason}
        />
      )}
      {status === 'completed' && (
        <TextArea
          id={field('result')}
          label={t('referrals.result')}
          maxLength={1000}
          value={result}
          onValue={setResult}
          error={errors.result}
        />
      )}
      {answersCapacity && (
        <SelectField
          id={field('capacity')}
          label={t('referrals.capacity')}
          value={capacity}
          onValue={setCapacity}
          options={[
            { value: '', label: t('referrals.notSaid') },
            ...capacityAnswers.map((c) => ({ value: c, label: t(`referrals.capacity_${c}`) })),
          ]}
        />
      )}
      {answersEnrollment && (
        <SelectField
          id={field('enrollment')}
          label={t('referrals.enrollment')}
          value={enrollment}
          onValue={setEnrollment}
          options={[
            { value: '', label: t('referrals.notSaid') },
            ...enrollmentAnswers.map((e) => ({ value: e, label: t(`referrals.enrollment_${e}`) })),
          ]}
        />
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('referrals.saving') : t('referrals.save')}
      </button>
    </form>
  );
}
