import { type Appointment, barriers } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { CheckGroup, Field, TextArea } from '../../ui/Field';
import { formatMoment, inputToIso, optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
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
