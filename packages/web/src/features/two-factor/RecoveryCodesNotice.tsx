import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import './two-factor.css';

/** The ten recovery codes, shown once; the person says they saved them before going on. */
export function RecoveryCodesNotice({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Moved here from a form that just vanished: the reader starts at the codes.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="card" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" ref={heading} tabIndex={-1}>
        {t('twoFactor.codesTitle')}
      </h2>
      <p>{t('twoFactor.codesIntro')}</p>
      <ol class="recovery-codes" aria-labelledby="recovery-codes-title">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div class="button-row no-print">
        <button type="button" onClick={() => window.print()}>
          {t('twoFactor.codesPrint')}
        </button>
      </div>
      <label class="check no-print">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
        {t('twoFactor.codesSaved')}
      </label>
      <button type="button" class="primary no-print" disabled={!saved} onClick={onSaved}>
        {t('twoFactor.codesContinue')}
      </button>
    </section>
  );
}
