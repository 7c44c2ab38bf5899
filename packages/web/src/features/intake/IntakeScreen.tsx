import { type IntakeItem, type IntakeQueue, type Problem, roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { formatDay } from '../../ui/format';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { intakeQueue } from './api';
import { AnswerForms, AssignForm } from './IntakeForms';

/** One referral from a clinic: who, for what, from whom, where it stands, and what the caller may do with it. */
function IntakeCard({
  item,
  queue,
  supervises,
  onDone,
}: {
  item: IntakeItem;
  queue: IntakeQueue;
  supervises: boolean;
  onDone: (message: string) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const mine = item.chw?.id === me.id;
  return (
    <li class="card referral">
      <h2 class="row-title">{item.name}</h2>
      <p class="row-meta">
        {t('intake.fromLine', { clinic: item.clinic, date: formatDay(locale, item.receivedAt.slice(0, 10)) })}
        {item.requester ? ` · ${t('intake.requester', { name: item.requester })}` : ''}
      </p>
      <p class="row-meta">
        {item.service} · {t(`vocab.needArea_${item.need}`)}
        {item.priority !== 'routine' ? ` · ${t('intake.urgent')}` : ''}
      </p>
      {item.reason && <p>{item.reason}</p>}
      <p class="row-meta">{t(item.matched === 'existing' ? 'intake.known' : 'intake.new')}</p>
      <p>
        <strong>{t(`intake.status_${item.status}`)}</strong>
        {' · '}
        {item.chw ? t('intake.givenTo', { name: item.chw.name }) : t('intake.notGiven')}
      </p>
      {/* The clinic's withdrawal reads as one sentence with its reason, which the CHW would otherwise hunt for. */}
      {item.statusReason && (
        <p class="row-meta">
          {item.status === 'cancelled'
            ? t('intake.cancelledLine', { reason: item.statusReason })
            : t('intake.reasonLine', { reason: item.statusReason })}
        </p>
      )}
      {item.outcome && (
        <p class="row-meta">{t('intake.outcomeLine', { outcome: t(`referrals.outcome_${item.outcome}`) })}</p>
      )}
      {mine && item.status !== 'received' && (
        <p>
          <a href={`/people/${item.clientId}`}>{t('intake.openPerson', { name: item.name })}</a>
        </p>
      )}
      {supervises && (item.status === 'received' || item.status === 'accepted') && (
        <AssignForm item={item} chws={queue.chws} onDone={onDone} />
      )}
      {mine && <AnswerForms item={item} onDone={onDone} />}
    </li>
  );
}

/**
 * Referrals clinics sent to the program over FHIR. A supervisor sees the program's queue and
 * gives each to a CHW; the CHW given one accepts it or declines it with a reason, then says how
 * it ended. The clinic reads each answer back from the referral's Task.
 */
export function IntakeScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  const supervises = roleCan(me.role, 'intake.assign');
  const [queue, setQueue] = useState<IntakeQueue>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const load = () =>
    intakeQueue()
      .then((q) => {
        setQueue(q);
        setProblem(undefined);
      })
      .catch((error) => setProblem(toProblem(error)));
  useEffect(() => {
    void load();
  }, []);
  const done = async (message: string) => {
    await load();
    setStatus(message);
  };
  return (
    <>
      <PageHeading text={t('intake.title')} />
      <p class="lead">{t(supervises ? 'intake.intro' : 'intake.introChw')}</p>
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {queue && queue.items.length === 0 && (
        <EmptyState title={t('intake.title')}>
          <p>{t(supervises ? 'intake.empty' : 'intake.emptyChw')}</p>
        </EmptyState>
      )}
      {queue && queue.items.length > 0 && (
        <ul class="rows">
          {queue.items.map((item) => (
            <IntakeCard key={item.id} item={item} queue={queue} supervises={supervises} onDone={done} />
          ))}
        </ul>
      )}
    </>
  );
}
