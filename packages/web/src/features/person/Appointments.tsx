import { type Appointment, barriers, type Referral } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { CheckGroup, Field, SelectField, TextArea } from '../../ui/Field';
import { formatPlanned, optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { ReminderNote, useTextReminders } from '../messages/ReminderNote';
import { clientReferrals } from '../referrals/api';
import { addAppointment, updateAppointment } from './api';
import { Disclosure } from './Disclosure';
import { usePlanningZone, zonedIso, zoneName } from './zone';

type Barrier = (typeof barriers)[number];

function AppointmentForm({ clientId, onSaved }: { clientId: string; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const zone = usePlanningZone();
  const [place, setPlace] = useState('');
  const [purpose, setPurpose] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [referralId, setReferralId] = useState('');
  const [chosen, setChosen] = useState<Barrier[]>([]);
  const [note, setNote] = useState('');
  const referrals = useOpenReferrals(clientId);
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = {
      place,
      at: zonedIso(day, time, zone),
      barriers: chosen,
      ...(optional(purpose) ? { purpose } : {}),
      ...(optional(note) ? { note } : {}),
      ...(referralId ? { referralId } : {}),
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
      {referrals.length > 0 && (
        <SelectField
          id="appt-referral"
          label={t('plan.fromReferral')}
          hint={t('plan.fromReferralHint')}
          value={referralId}
          onValue={setReferralId}
          options={[
            { value: '', label: t('plan.noReferral') },
            ...referrals.map((r) => ({ value: r.id, label: r.serviceName })),
          ]}
          error={errors.referralId}
        />
      )}
      <Field id="appt-day" type="date" label={t('plan.day')} value={day} onValue={setDay} />
      <Field
        id="appt-time"
        type="time"
        label={t('plan.timeIn', { zone: zoneName(zone, locale) })}
        value={time}
        onValue={setTime}
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

/** The person's open referrals, which an appointment may come from; none offline or unreadable. */
function useOpenReferrals(clientId: string): Referral[] {
  const [open, setOpen] = useState<Referral[]>([]);
  useEffect(() => {
    let current = true;
    clientReferrals(clientId).then(
      (all) => current && setOpen(all.filter((r) => r.closedAt === null)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [clientId]);
  return open;
}

interface Props {
  clientId: string;
  appointments: Appointment[];
  onChanged: (message: string) => Promise<void>;
}

/** Appointments being navigated: where, when, barriers, and whether they were kept. */
export function Appointments({ clientId, appointments, onChanged }: Props) {
  const { t, locale } = useI18n();
  const zone = usePlanningZone();
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
                      when: formatPlanned(locale, a.at, zone),
                      status: t(`vocab.appointmentStatus_${a.status}`),
                    })}
                  </p>
                  {texts && (
                    <ReminderNote
                      subject={{ kind: 'appointment', id: a.id, at: a.at, ahead: a.status === 'scheduled' }}
                      texts={texts}
                    />
                  )}
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
