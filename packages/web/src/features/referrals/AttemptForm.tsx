import { contactResults } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { SelectField, TextArea } from '../../ui/Field';
import { optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { logAttempt } from './api';

/** One try to reach the person about a referral; tries without an answer count toward closing as unreachable. */
export function AttemptForm({ referralId, onSaved }: { referralId: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [result, setResult] = useState<string>('no-answer');
  const [note, setNote] = useState('');
  const { busy, problem, errors, run } = useAction();
  const id = (name: string) => `attempt-${referralId}-${name}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const chosen = contactResults.find((c) => c === result) ?? 'no-answer';
    const body = { result: chosen, ...(optional(note) ? { note } : {}) };
    if (await run(async () => void (await logAttempt(referralId, body)))) onSaved();
  };
  return (
    <form class="card" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} />
      <SelectField
        id={id('result')}
        label={t('referrals.attemptResult')}
        value={result}
        onValue={setResult}
        options={contactResults.map((c) => ({ value: c, label: t(`referrals.contactResult_${c}`) }))}
        error={errors.result}
      />
      <TextArea id={id('note')} label={t('referrals.note')} maxLength={1000} value={note} onValue={setNote} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('referrals.saving') : t('referrals.save')}
      </button>
    </form>
  );
}
