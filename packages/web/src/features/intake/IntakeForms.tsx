import { type IntakeItem, intakeMoves, type ReferralOutcome, referralOutcomes } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { SelectField, TextArea } from '../../ui/Field';
import { optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { Disclosure } from '../person/Disclosure';
import { answerIntake, assignIntake } from './api';

interface FormProps {
  item: IntakeItem;
  onDone: (message: string) => Promise<void>;
}

/** The supervisor gives the referral to a CHW of their teams (or to another, while it is open). */
export function AssignForm({ item, chws, onDone }: FormProps & { chws: IntakeItem['chw'][] }) {
  const { t } = useI18n();
  const choices = chws.filter((c): c is NonNullable<typeof c> => c !== null);
  const [chwId, setChwId] = useState(item.chw?.id ?? '');
  const { busy, problem, errors, run } = useAction();
  const id = `assign-${item.id}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const name = choices.find((c) => c.id === chwId)?.name ?? '';
    if (await run(async () => void (await assignIntake(item.id, chwId))))
      await onDone(t('intake.assigned', { name }));
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('intake.assignNamed', { name: item.name })}>
      <ProblemAlert problem={problem} />
      <SelectField
        id={`${id}-chw`}
        label={t('intake.chw')}
        value={chwId}
        onValue={setChwId}
        options={[
          { value: '', label: t('intake.chooseChw') },
          ...choices.map((c) => ({ value: c.id, label: c.name })),
        ]}
        error={errors.chwId}
      />
      <button type="submit" class="primary" disabled={busy || chwId === ''}>
        {busy ? t('intake.saving') : t('intake.assign')}
      </button>
    </form>
  );
}

/** The CHW's answers: accept or start (one press each), decline with a reason, close with how it ended. */
export function AnswerForms({ item, onDone }: FormProps) {
  const { t } = useI18n();
  const moves = intakeMoves[item.status];
  const [open, setOpen] = useState<'reject' | 'complete'>();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<ReferralOutcome>('got-help');
  const [note, setNote] = useState('');
  const { busy, problem, errors, run } = useAction();
  if (moves.length === 0) return null;
  const send = async (body: Parameters<typeof answerIntake>[1], message: string) => {
    if (await run(async () => void (await answerIntake(item.id, body)))) {
      setOpen(undefined);
      await onDone(message);
    }
  };
  return (
    <div>
      <ProblemAlert problem={problem} />
      {moves.includes('accepted') && (
        <p>
          <button
            type="button"
            class="primary"
            disabled={busy}
            aria-label={t('intake.acceptNamed', { name: item.name })}
            onClick={() => void send({ status: 'accepted' }, t('intake.accepted'))}
          >
            {t('intake.accept')}
          </button>
        </p>
      )}
      {moves.includes('in-progress') && (
        <p>
          <button
            type="button"
            disabled={busy}
            onClick={() => void send({ status: 'in-progress' }, t('intake.started'))}
          >
            {t('intake.start')}
          </button>
        </p>
      )}
      {moves.includes('rejected') && (
        <Disclosure
          id={`reject-${item.id}`}
          label={t('intake.reject')}
          name={t('intake.rejectNamed', { name: item.name })}
          open={open === 'reject'}
          onToggle={(o) => setOpen(o ? 'reject' : undefined)}
        >
          <form
            class="card"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void send({ status: 'rejected', reason }, t('intake.rejected'));
            }}
          >
            <TextArea
              id={`reject-${item.id}-reason`}
              label={t('intake.rejectReason')}
              maxLength={1000}
              value={reason}
              onValue={setReason}
              error={errors.reason}
            />
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('intake.saving') : t('intake.rejectSend')}
            </button>
          </form>
        </Disclosure>
      )}
      {moves.includes('completed') && (
        <Disclosure
          id={`complete-${item.id}`}
          label={t('intake.complete')}
          name={t('intake.completeNamed', { name: item.name })}
          open={open === 'complete'}
          onToggle={(o) => setOpen(o ? 'complete' : undefined)}
        >
          <form
            class="card"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const written = optional(note);
              void send(
                { status: 'completed', outcome, ...(written ? { note: written } : {}) },
                t('intake.completed'),
              );
            }}
          >
            <SelectField
              id={`complete-${item.id}-outcome`}
              label={t('intake.outcome')}
              value={outcome}
              onValue={(v) => setOutcome(referralOutcomes.find((o) => o === v) ?? outcome)}
              options={referralOutcomes.map((o) => ({ value: o, label: t(`referrals.outcome_${o}`) }))}
              error={errors.outcome}
            />
            <TextArea
              id={`complete-${item.id}-note`}
              label={t('intake.note')}
              maxLength={1000}
              value={note}
              onValue={setNote}
              error={errors.note}
            />
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('intake.saving') : t('intake.completeSend')}
            </button>
          </form>
        </Disclosure>
      )}
    </div>
  );
}
