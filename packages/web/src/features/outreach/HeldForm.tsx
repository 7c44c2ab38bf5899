import { eventStatuses, type OutreachEventDetail } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { updateEvent } from './api';

/** After the talk: mark it held, count the people who came, note the materials. */
export function HeldForm({ event, onSaved }: { event: OutreachEventDetail; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const [status, setStatus] = useState(event.status);
  const [attendance, setAttendance] = useState(String(event.attendance));
  const [materials, setMaterials] = useState(event.materials ?? '');
  const { busy, problem, errors, run } = useAction();

  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await updateEvent(event.id, { status, attendance: Number(attendance) || 0, materials });
      await onSaved();
    });
  };

  return (
    <form class="card" onSubmit={save} noValidate aria-labelledby="held-heading">
      <h2 id="held-heading">{t('outreach.status')}</h2>
      <SelectField
        id="event-status"
        label={t('outreach.status')}
        value={status}
        onValue={(v) => setStatus(v as typeof status)}
        options={eventStatuses.map((s) => ({ value: s, label: t(`outreach.status_${s}`) }))}
      />
      <Field
        id="event-attendance"
        label={t('outreach.attendance')}
        value={attendance}
        onValue={setAttendance}
        inputMode="numeric"
        error={errors.attendance}
      />
      <Field id="event-materials" label={t('outreach.materials')} value={materials} onValue={setMaterials} />
      <button type="submit" disabled={busy}>
        {t('outreach.save')}
      </button>
      <ProblemAlert problem={problem} />
    </form>
  );
}
