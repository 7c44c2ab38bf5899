import {
  type Problem,
  roleCan,
  type Task,
  TODAY_PAGE,
  type Today,
  taskTitle,
  type UpdateTaskRequest,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { useSyncedAt } from '../../offline/useSyncedAt';
import { formatDay, formatPlanned } from '../../ui/format';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { OpenAlerts, useOpenAlertList } from '../alerts/OpenAlerts';
import { TodayTexts } from '../messages/TodayTexts';
import { updateTask } from '../person/api';
import { usePlanningZone } from '../person/zone';
import { getToday } from './api';
import { TaskRow } from './TaskRow';
import { TodayActivity } from './TodayActivity';

type TaskList = 'overdue' | 'dueToday' | 'upcoming';
/** How long the confirmation offers Undo; the task can be opened again later from the person's page too. */
const UNDO_MS = 15_000;
const lists: {
  key: TaskList;
  title: 'today.overdue' | 'today.dueToday' | 'today.upcoming';
  none: 'today.nothingOverdue' | 'today.nothingToday' | 'today.nothingUpcoming';
}[] = [
  { key: 'overdue', title: 'today.overdue', none: 'today.nothingOverdue' },
  { key: 'dueToday', title: 'today.dueToday', none: 'today.nothingToday' },
  { key: 'upcoming', title: 'today.upcoming', none: 'today.nothingUpcoming' },
];

/** The first screen of the day: what is late, what is due, what is coming, one tap to each person. */
export function TodayScreen() {
  const { t, locale } = useI18n();
  const zone = usePlanningZone();
  const { me } = useSession();
  // Someone who leads a team finds the team's work on the Team screen when their own Today is empty.
  const leadsTeam = roleCan(me.role, 'team.overview');
  const [day, setDay] = useState<Today>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const [shown, setShown] = useState<Record<TaskList, number>>({
    overdue: TODAY_PAGE,
    dueToday: TODAY_PAGE,
    upcoming: TODAY_PAGE,
  });

  // Read again after each sync: on a new phone the first sign-in shows Today before the caseload arrives.
  const syncedAt = useSyncedAt();
  useEffect(() => {
    void load();
  }, [syncedAt]);

  const load = () =>
    getToday()
      .then(setDay)
      .catch((error) => setProblem(toProblem(error)));
  // The last outcome, undoable for a while from the confirmation (and always by reopening the task).
  const [last, setLast] = useState<Task>();
  useEffect(() => {
    if (!last) return;
    const timer = setTimeout(() => setLast(undefined), UNDO_MS);
    return () => clearTimeout(timer);
  }, [last]);

  const record = async (task: Task, change: UpdateTaskRequest) => {
    setBusyId(task.id);
    setProblem(undefined);
    setStatus(undefined);
    try {
      await updateTask(task.id, change);
      await load();
      const said = { title: taskTitle(t, task), name: task.clientName };
      setStatus(
        change.outcome === 'rescheduled' && change.dueOn
          ? t('followUp.recorded_rescheduled', { ...said, date: formatDay(locale, change.dueOn) })
          : t(`followUp.recorded_${change.outcome ?? 'done'}`, said),
      );
      setLast(task);
      document.getElementById('today-undo')?.focus();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusyId(undefined);
    }
  };

  const undo = async (task: Task) => {
    setLast(undefined);
    setProblem(undefined);
    try {
      await updateTask(task.id, { undo: true });
      await load();
      setStatus(t('followUp.undone', { title: taskTitle(t, task), name: task.clientName }));
    } catch (error) {
      setProblem(toProblem(error));
    }
    document.getElementById('page-heading')?.focus();
  };

  // Open alerts come first, and while one is open (or not yet known) the day is never "clear".
  const alerts = useOpenAlertList();
  const empty =
    day &&
    alerts?.length === 0 &&
    lists.every((l) => day[l.key].length === 0) &&
    day.appointments.length === 0;
  return (
    <>
      <PageHeading text={t('today.title')} />
      {alerts && <OpenAlerts alerts={alerts} />}
      <p class="lead">{t('today.greeting', { name: me.displayName })}</p>
      <p>
        <Link href="/people/new" class="button primary wide">
          {t('today.register')}
        </Link>
      </p>
      <StatusMessage message={status} />
      {last && (
        <p class="undo-notice">
          <button type="button" id="today-undo" onClick={() => void undo(last)}>
            {t('followUp.undo')}
          </button>
        </p>
      )}
      <ProblemAlert problem={problem} />
      {!day && !problem && <p role="status">{t('app.loading')}</p>}
      {empty && (
        <EmptyState title={t('today.emptyTitle')}>
          <p>{leadsTeam ? t('today.emptyBodySupervisor') : t('today.emptyBody')}</p>
          {leadsTeam && (
            <p>
              <Link href="/team" class="tap">
                {t('today.goToTeam')}
              </Link>
            </p>
          )}
        </EmptyState>
      )}
      <TodayTexts />
      <TodayActivity />
      {day &&
        !empty &&
        lists.map((l) => (
          <section key={l.key} aria-labelledby={`today-${l.key}`} class="day-section">
            <h2 id={`today-${l.key}`}>
              {t(l.title)} <span class="count">{day[l.key].length}</span>
            </h2>
            {day[l.key].length === 0 ? (
              <p class="hint">{t(l.none)}</p>
            ) : (
              <ul class="rows">
                {day[l.key].slice(0, shown[l.key]).map((task) => (
                  <TaskRow key={task.id} task={task} busy={busyId === task.id} onOutcome={record} />
                ))}
              </ul>
            )}
            {day[l.key].length > shown[l.key] && (
              <ShowMore
                rest={day[l.key].length - shown[l.key]}
                list={t(l.title)}
                onShow={() => setShown((s) => ({ ...s, [l.key]: s[l.key] + TODAY_PAGE }))}
              />
            )}
          </section>
        ))}
      {day && !empty && (
        <section aria-labelledby="today-appointments" class="day-section">
          <h2 id="today-appointments">
            {t('today.appointments')} <span class="count">{day.appointments.length}</span>
          </h2>
          {day.appointments.length === 0 ? (
            <p class="hint">{t('today.noAppointments')}</p>
          ) : (
            <ul class="rows">
              {day.appointments.map((a) => (
                <li key={a.id} class="row">
                  <div class="row-main">
                    <p class="row-title">
                      <Link href={`/people/${a.clientId}/plan`}>{a.clientName}</Link>
                    </p>
                    <p class="row-meta">
                      {t('today.appointmentAt', { place: a.place, when: formatPlanned(locale, a.at, zone) })}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** One more page of a list; the count in its words, and the list's name for a screen reader. */
function ShowMore({ rest, list, onShow }: { rest: number; list: string; onShow: () => void }) {
  const { t } = useI18n();
  const count = Math.min(rest, TODAY_PAGE);
  return (
    <p>
      <button type="button" aria-label={t('today.showMoreNamed', { count, rest, list })} onClick={onShow}>
        {t('today.showMore', { count, rest })}
      </button>
    </p>
  );
}
