import { useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';
import { StatusMessage } from '../ui/Messages';
import { PinField } from './PinField';
import { lock, unlocked } from './session';
import { pinProblem } from './tries';
import { changePin } from './vault';

type Errors = Partial<Record<'current' | 'next' | 'repeat', string>>;

/**
 * Changes the PIN that protects the phone's copy: the current PIN, then the
 * new one twice. Shown only while a copy is open on this phone (roles that
 * keep nothing here have no PIN). A wrong current PIN uses up a try as at
 * unlock; with none left the app locks, and the PIN screen says what follows.
 */
export function ChangePinSection() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (!unlocked()) return null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    const problem = pinProblem(next);
    const found: Errors = {};
    if (!current) found.current = t('sync.pinCurrentMissing');
    if (problem) found.next = t(problem === 'short' ? 'sync.pinTooShort' : 'sync.pinTooLong');
    else if (next === current) found.next = t('sync.pinSameAsNow');
    else if (next !== repeat) found.repeat = t('sync.pinMismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await changePin(current, next);
      if ('wrong' in result) {
        if (result.wrong === 0) return lock();
        setErrors({ current: t('sync.pinWrong', { left: result.wrong }) });
        setCurrent('');
        return;
      }
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="account-pin">
      <h2 id="account-pin">{t('sync.pinChangeTitle')}</h2>
      <p class="hint">{t('sync.pinChangeHint')}</p>
      <form onSubmit={submit} noValidate>
        <PinField
          id="pin-current"
          label={t('sync.pinCurrent')}
          value={current}
          onValue={setCurrent}
          error={errors.current}
        />
        <PinField id="pin-next" label={t('sync.pinNew')} value={next} onValue={setNext} error={errors.next} />
        <PinField
          id="pin-next-repeat"
          label={t('sync.pinRepeat')}
          value={repeat}
          onValue={setRepeat}
          error={errors.repeat}
        />
        <StatusMessage message={busy ? t('sync.pinChanging') : done ? t('sync.pinChanged') : undefined} />
        <button type="submit" disabled={busy}>
          {t('sync.pinChange')}
        </button>
      </form>
    </section>
  );
}
