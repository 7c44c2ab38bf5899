import type { Locale, TwoFactorStatus } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { dateFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { type Enrolled, getTwoFactorStatus, removePasskey, removeTotp, renewRecoveryCodes } from './api';
import { PasskeyAdd } from './PasskeyAdd';
import { RecoveryCodesNotice } from './RecoveryCodesNotice';
import { TotpSetup } from './TotpSetup';
import { useStepUp } from './useStepUp';

export const shortDate = (locale: Locale, iso: string) =>
  dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

type Open = 'none' | 'app' | 'passkey';

/** One's second factors on the Account screen: the app, passkeys and recovery codes. */
export function TwoFactorSection() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<TwoFactorStatus>();
  const [open, setOpen] = useState<Open>('none');
  const [codes, setCodes] = useState<string[]>();
  const [news, setNews] = useState<string>();
  const { busy, problem, run, setProblem } = useAction();
  // Removing a factor and new recovery codes need a fresh proof of who holds this session.
  const { guard, dialog } = useStepUp();

  const load = () => getTwoFactorStatus().then(setStatus, (error) => setProblem(toProblem(error)));
  useEffect(() => void load(), []);

  const done = (message?: string) => (enrolled?: Enrolled) => {
    setOpen('none');
    setNews(message);
    if (enrolled?.recoveryCodes?.length) setCodes(enrolled.recoveryCodes);
    void load();
  };
  const act = async (action: () => Promise<unknown>, message: string) => {
    setNews(undefined);
    if (await run(async () => void (await guard(action)))) done(message)();
  };
  const newCodes = async () => {
    setNews(undefined);
    if (await run(async () => setCodes((await guard(renewRecoveryCodes)).recoveryCodes))) void load();
  };

  return (
    <section class="card" aria-labelledby="account-two-factor">
      <h2 id="account-two-factor">{t('twoFactor.statusTitle')}</h2>
      <p class="hint">{status?.required ? t('twoFactor.statusRequired') : t('twoFactor.enrolOptional')}</p>
      <StatusMessage message={news} />
      <ProblemAlert problem={problem} />
      {codes && <RecoveryCodesNotice codes={codes} onSaved={() => setCodes(undefined)} />}
      {status && !codes && (
        <>
          <p>{status.totp ? t('twoFactor.appOn') : t('twoFactor.appOff')}</p>
          {open === 'app' ? (
            <TotpSetup onConfirmed={done()} />
          ) : (
            <div class="button-row">
              {status.totp ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => act(removeTotp, t('twoFactor.appRemoved'))}
                >
                  {t('twoFactor.removeApp')}
                </button>
              ) : (
                <button type="button" onClick={() => setOpen('app')}>
                  {t('twoFactor.setUpApp')}
                </button>
              )}
            </div>
          )}
          <h3>{t('twoFactor.passkeysTitle')}</h3>
          {status.passkeys.length === 0 ? (
            <p class="hint">{t('twoFactor.noPasskeys')}</p>
          ) : (
            <ul class="rows">
              {status.passkeys.map((p) => (
                <li key={p.id} class="row">
                  <div class="row-main">
                    <p class="row-title">{p.name}</p>
                    <p class="row-meta">
                      {t('twoFactor.passkeyLine', { created: shortDate(locale, p.createdAt) })}
                      {p.lastUsedAt &&
                        ` · ${t('twoFactor.passkeyUsed', { used: shortDate(locale, p.lastUsedAt) })}`}
                    </p>
                  </div>
                  <div class="row-actions">
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('twoFactor.removePasskeyNamed', { name: p.name })}
                      onClick={() => act(() => removePasskey(p.id), t('twoFactor.passkeyRemoved'))}
                    >
                      {t('twoFactor.removePasskey')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {open === 'passkey' ? (
            <PasskeyAdd onAdded={done(t('twoFactor.passkeyAdded'))} />
          ) : (
            <button type="button" onClick={() => setOpen('passkey')}>
              {t('twoFactor.passkeyAdd')}
            </button>
          )}
          {(status.totp || status.passkeys.length > 0) && (
            <>
              <h3>{t('twoFactor.codesTitle')}</h3>
              <p>{t('twoFactor.codesLeft', { count: status.recoveryCodesLeft })}</p>
              <p class="hint">{t('twoFactor.newCodesHint')}</p>
              <button type="button" disabled={busy} onClick={newCodes}>
                {t('twoFactor.newCodes')}
              </button>
            </>
          )}
        </>
      )}
      {dialog}
    </section>
  );
}
