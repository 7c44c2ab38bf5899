import { type DirectoryFlagRequest, type DirectoryResult, flagReasons } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { TextArea } from '../../ui/Field';
import { optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { flagService } from './api';

type Reason = DirectoryFlagRequest['reason'];
export const reasonLabel = {
  'phone-not-working': 'directory.reason_phone_not_working',
  closed: 'directory.reason_closed',
  'wrong-info': 'directory.reason_wrong_info',
} as const satisfies Record<Reason, string>;

interface Props {
  id: string;
  result: DirectoryResult;
  onSent: (message: string) => void;
  onCancel: () => void;
}

/** "Number doesn't work / closed / wrong info", an optional note, and it goes to the admins' queue. */
export function ReportForm({ id, result, onSent, onCancel }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState<Reason>('phone-not-working');
  const [note, setNote] = useState('');
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const body: DirectoryFlagRequest = { reason };
    const text = optional(note);
    if (text) body.note = text;
    if (await run(async () => void (await flagService(result.serviceId, body))))
      onSent(t('directory.reportSent', { name: result.name }));
  };
  return (
    <form id={id} class="card card--inner" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset class="checks">
        <legend>{t('directory.reportTitle', { name: result.name })}</legend>
        {flagReasons.map((r) => (
          <label key={r} class="check">
            <input
              type="radio"
              name={`${id}-reason`}
              value={r}
              checked={reason === r}
              onChange={() => setReason(r)}
            />
            <span>{t(reasonLabel[r])}</span>
          </label>
        ))}
      </fieldset>
      <TextArea
        id={`${id}-note`}
        label={t('directory.reportNote')}
        hint={t('directory.reportNoteHint')}
        value={note}
        onValue={setNote}
        maxLength={500}
        error={errors.note}
      />
      <ProblemAlert problem={problem} />
      <p class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('directory.reportSending') : t('directory.reportSend')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('directory.cancel')}
        </button>
      </p>
    </form>
  );
}
