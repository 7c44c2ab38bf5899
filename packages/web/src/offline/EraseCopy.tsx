import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';
import { waitingChanges } from './vault';

interface Props {
  /** Erase the phone's copy and sign out. */
  onErase: () => void;
}

/**
 * "Sign out and erase": with changes that never reached the server, a first
 * press says how many will be lost and a second, named with that number, erases.
 */
export function EraseCopy({ onErase }: Props) {
  const { t } = useI18n();
  const [waiting, setWaiting] = useState<number>();
  const warning = useRef<HTMLDivElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // The warning takes the focus, so a screen reader reads it before the buttons;
  // keeping the changes puts the focus back on the button that asked.
  useEffect(() => {
    if (waiting) {
      asked.current = true;
      warning.current?.focus();
    } else if (asked.current) start.current?.focus();
  }, [waiting]);

  const first = async () => {
    const count = await waitingChanges().catch(() => 0);
    if (count === 0) return onErase();
    setWaiting(count);
  };

  if (!waiting) {
    return (
      <button ref={start} type="button" onClick={() => void first()}>
        {t('sync.signOut')}
      </button>
    );
  }
  const one = waiting === 1;
  return (
    <div ref={warning} tabIndex={-1} role="alert" class="alert">
      <p class="alert-title">
        {one ? t('sync.eraseWarningOne') : t('sync.eraseWarning', { count: waiting })}
      </p>
      <p class="actions">
        <button type="button" class="danger" onClick={onErase}>
          {one ? t('sync.eraseConfirmOne') : t('sync.eraseConfirm', { count: waiting })}
        </button>
        <button type="button" onClick={() => setWaiting(undefined)}>
          {t('sync.eraseKeep')}
        </button>
      </p>
    </div>
  );
}
