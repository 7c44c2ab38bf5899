import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { TextArea } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { useStepUp } from '../two-factor/useStepUp';
import { breakGlass } from './api';

/** Open a record outside one's scope: a stated reason, time-limited, audited and shown to the supervisor. */
export function BreakGlassForm({ clientId, onOpened }: { clientId: string; onOpened: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { busy, problem, errors, run } = useAction();
  // Opening someone else's record needs a fresh proof of who holds this session.
  const { guard, dialog } = useStepUp();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await run(async () => void (await guard(() => breakGlass(clientId, reason))))) onOpened();
  };
  return (
    <>
      <form class="card card--warn" onSubmit={submit} noValidate aria-labelledby="break-glass-title">
        <h2 id="break-glass-title">{t('team.breakGlass')}</h2>
        <ProblemAlert problem={problem} />
        <TextArea
          id="break-glass-reason"
          label={t('team.breakGlassReason')}
          hint={t('team.breakGlassHint')}
          maxLength={500}
          value={reason}
          onValue={setReason}
          error={errors.reason}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('team.saving') : t('team.breakGlassSubmit')}
        </button>
      </form>
      {/* Outside the form: the dialog's own form must not submit this one. */}
      {dialog}
    </>
  );
}
