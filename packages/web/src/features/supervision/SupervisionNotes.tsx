import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { TextArea } from '../../ui/Field';
import { formatMoment } from '../../ui/format';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addSupervisionNote, listSupervisionNotes, type SupervisionNote } from './api';

/** The supervisor's notes about one CHW: read them, write a new one. */
export function SupervisionNotes({ chwId, chwName }: { chwId: string; chwName: string }) {
  const { t, locale } = useI18n();
  const [notes, setNotes] = useState<SupervisionNote[]>();
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run, setProblem } = useAction();
  useEffect(() => {
    listSupervisionNotes(chwId)
      .then(setNotes)
      .catch((error) => setProblem(toProblem(error)));
  }, [chwId]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    const saved = await run(async () => {
      const created = await addSupervisionNote({ chwId, note });
      setNotes((list) => [created, ...(list ?? [])]);
    });
    if (saved) {
      setNote('');
      setStatus(t('team.noteSaved'));
    }
  };
  const id = `note-${chwId}`;
  return (
    <div class="notes">
      <h4>{t('team.notesFor', { name: chwName })}</h4>
      {notes && notes.length === 0 && <p class="hint">{t('team.noNotes')}</p>}
      {notes && notes.length > 0 && (
        <ul class="plain-list">
          {notes.map((n) => (
            <li key={n.id}>
              <p class="note">{n.note}</p>
              <p class="row-meta">
                {t('team.noteBy', { author: n.authorName, when: formatMoment(locale, n.createdAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate aria-label={t('team.notesFor', { name: chwName })}>
        <StatusMessage message={status} />
        <ProblemAlert problem={problem} />
        <TextArea
          id={id}
          label={t('team.newNote')}
          maxLength={8000}
          value={note}
          onValue={setNote}
          error={errors.note}
        />
        <button type="submit" disabled={busy}>
          {busy ? t('team.saving') : t('team.saveNote')}
        </button>
      </form>
    </div>
  );
}
