import {
  type Appointment,
  type AppointmentTextReminders,
  barriers,
  type MessageKey,
  roleCan,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { CheckGroup, Field, TextArea } from '../../ui/Field';
import { formatMoment, inputToIso, optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { useOnline } from '../../ui/useOnline';
import { getAppointmentReminders } from '../messages/api';
import { addAppointment, updateAppointment } from './api';
import { Disclosure } from './Disclosure';

type Barrier = (typeof barriers)[number];

function AppointmentForm({ clientId, onSaved }: { clientId: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [place, setPlace] = useState('');
  const [purpose, setPurpose] = useState('');
  const [at, setAt] = useState('');
  const [chosen, setChosen] = useState<Barrier[]>([]);
  const [note, setNote] = useState('');
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = {
      place,
      at: inputToIso(at),
      barriers: chosen,
      ...(optional(purpose) ? { purpose } : {}),
      ...(optional(note) ? { note } : {}),
    };
    if (await run(async () => void (await addAppointment(clientId, body)))) onSaved();
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-appointment-toggle">
      <ProblemAlert problem={problem} />
      <Field
        id="appt-place"
        label={t('plan.place')}
        maxLength={200}
        value={place}
        onValue={setPlace}
        error={errors.place}
      />
      <Field
        id="appt-purpose"
        label={t('plan.purpose')}
        maxLength={300}
        value={purpose}
        onValue={setPurpose}
        error={errors.purpose}
      />
      <Field
        id="appt-at"
        type="datetime-local"
        label={t('plan.at')}
        value={at}
        onValue={setAt}
        error={errors.at}
      />
      <CheckGroup
        id="appt-barriers"
        legend={t('plan.barriers')}
        options={barriers}
        labelOf={(b) => t(`vocab.barrier_${b}`)}
        values={chosen}
        onValues={setChosen}
        error={errors.barriers}
      />
      <TextArea
        id="appt-note"
        label={t('plan.appointmentNote')}
        maxLength={2000}
        value={note}
        onValue={setNote}
        error={errors.note}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('plan.saving') : t('plan.saveAppointment')}
      </button>
    </form>
  );
}

/**
 * Text reminders of the person's appointments, read from the server while
 * online (refusals and STOPs are not on the phone's copy); undefined offline,
 * for someone who does not text people, or while the program sends none.
 */
function useTextReminders(clientId: string, appointments: Appointment[]) {
  const { me } = useSession();
  const online = useOnline();
  const [reminders, setReminders] = useState<AppointmentTextReminders>();
  const allowed = roleCan(me.role, 'texts.work');
  useEffect(() => {
    if (!allowed || !online) return;
    let current = true;
    getAppointmentReminders(clientId).then(
      (r) => current && setReminders(r),
      // Only a note beside the appointments: without it they show as before.
      () => current && setReminders(undefined),
    );
    return () => {
      current = false;
    };
  }, [clientId, online, allowed, appointments]);
  return online && reminders?.enabled ? reminders : undefined;
}

/** Why no reminder goes, in the CHW's words: the server's reasons the catalog explains. */
const whyKeys: Record<string, MessageKey> = {
  noServiceConsent: 'sms.why_noServiceConsent',
  noTextConsent: 'sms.why_noTextConsent',
  textOptedOut: 'sms.why_textOptedOut',
  textNotSafe: 'sms.why_textNotSafe',
  textNoPhone: 'sms.why_textNoPhone',
  textBadNumber: 'sms.why_textBadNumber',
  textTooLong: 'sms.why_textTooLong',
};
const whyKey = (reason: string | null): MessageKey | undefined => (reason ? whyKeys[reason] : undefined);

/**
 * The line under an appointment about its text reminder: the latest one's
 * status, or that none was sent and why; before any is due, whether one will
 * go, and if not why, so the CHW who books it knows to call instead.
 */
function ReminderNote({
  appointment: a,
  texts,
}: {
  appointment: Appointment;
  texts: AppointmentTextReminders;
}) {
  const { t, locale } = useI18n();
  const latest = texts.reminders.find((r) => r.appointmentId === a.id);
  const why = (reason: string | null) => {
    const key = whyKey(reason);
    return key ? ` ${t(key)}` : '';
  };
  if (latest?.status === 'refused')
    return (
      <p class="row-meta reminder-note">
        {t('sms.reminderRefused')}
        {why(latest.reason)}
      </p>
    );
  if (latest)
    return (
      <p class="row-meta reminder-note">
        {t('sms.reminderLine', {
          status: t(`sms.status_${latest.status}`),
          when: formatMoment(locale, latest.at),
        })}
      </p>
    );
  if (a.status !== 'scheduled' || Date.parse(a.at) <= Date.now()) return null;
  return (
    <p class="row-meta reminder-note">
      {texts.canText ? t('sms.reminderWill') : `${t('sms.reminderWillNot')}${why(texts.reason)}`}
    </p>
  );
}

interface Props {
  clientId: string;
  appointments: Appointment[];
  onChanged: (message: string) => Promise<void>;
}

/** Appointments being navigated: where, when, barriers, and whether they were kept. */
export function Appointments({ clientId, appointments, onChanged }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const { busy, problem, run } = useAction();
  const texts = useTextReminders(clientId, appointments);
  const mark = (a: Appointment, status: 'kept' | 'missed') =>
    run(async () => {
      await updateAppointment(clientId, a.id, { status });
      await onChanged(t('plan.appointmentChanged'));
    });
  const saved = async () => {
    setOpen(false);
    await onChanged(t('plan.appointmentSaved'));
  };
  return (
    <section aria-labelledby="appointments-title">
      <h3 id="appointments-title">{t('plan.appointments')}</h3>
      <ProblemAlert problem={problem} />
      {appointments.length === 0 ? (
        <p class="hint">{t('plan.noAppointments')}</p>
      ) : (
        <ul class="rows">
          {appointments.map((a) => {
            const chosen = barriers.filter((b) => a.barriers.includes(b));
            return (
              <li key={a.id} class="row">
                <div class="row-main">
                  <p class="row-title">{a.place}</p>
                  {a.purpose && <p class="row-meta">{a.purpose}</p>}
                  <p class="row-meta">
                    {t('plan.appointmentLine', {
                      when: formatMoment(locale, a.at),
                      status: t(`vocab.appointmentStatus_${a.status}`),
                    })}
                  </p>
                  {texts && <ReminderNote appointment={a} texts={texts} />}
                  {a.textReply && (
                    <p class="row-meta">
                      <span class={a.textReply === 'confirmed' ? 'badge' : 'badge badge--warn'}>
                        {t(`sms.reply_${a.textReply}`)}
                      </span>
                    </p>
                  )}
                  {chosen.length > 0 && (
                    <p class="row-meta">
                      {t('plan.barriersLine', {
                        list: chosen.map((b) => t(`vocab.barrier_${b}`)).join(', '),
                      })}
                    </p>
                  )}
                </div>
                {a.status === 'scheduled' && (
                  <div class="row-actions">
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('plan.markKeptNamed', { place: a.place })}
                      onClick={() => mark(a, 'kept')}
                    >
                      {t('plan.markKept')}
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('plan.markMissedNamed', { place: a.place })}
                      onClick={() => mark(a, 'missed')}
                    >
                      {t('plan.markMissed')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Disclosure id="new-appointment" label={t('plan.addAppointment')} open={open} onToggle={setOpen}>
        <AppointmentForm clientId={clientId} onSaved={saved} />
      </Disclosure>
    </section>
  );
}
