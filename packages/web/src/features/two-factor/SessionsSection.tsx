import type { SessionView } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../clients/useAction';
import { endOtherSessions, endSession, getSessions } from './api';
import { deviceName } from './device-name';
import { shortDate } from './TwoFactorSection';

/** Where one is signed in: each browser, when it signed in and was last used; sign out one or all others. */
export function SessionsSection() {
  const { t, locale } = useI18n();
  const [sessions, setSessions] = useState<SessionView[]>();
  const [news, setNews] = useState<string>();
  const { busy, problem, run, setProblem } = useAction();
  const load = () =>
    getSessions().then(
      (r) => setSessions(r.sessions),
      (error) => setProblem(toProblem(error)),
    );
  useEffect(() => void load(), []);

  const end = async (id: string) => {
    setNews(undefined);
    if (await run(() => endSession(id))) {
      setNews(t('twoFactor.sessionEnded'));
      void load();
    }
  };
  const endOthers = async () => {
    setNews(undefined);
    let ended = 0;
    if (
      await run(async () => {
        ({ ended } = await endOtherSessions());
      })
    ) {
      setNews(t('twoFactor.othersEnded', { count: ended }));
      void load();
    }
  };
  const others = sessions?.filter((s) => !s.current) ?? [];

  return (
    <section class="card" aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t('twoFactor.sessionsTitle')}</h2>
      <p class="hint">{t('twoFactor.sessionsIntro')}</p>
      <StatusMessage message={news} />
      <ProblemAlert problem={problem} />
      {!sessions && !problem && <p role="status">{t('app.loading')}</p>}
      {sessions && (
        <ul class="rows">
          {sessions.map((s) => {
            const device = deviceName(s.userAgent, t('twoFactor.sessionUnknown'));
            return (
              <li key={s.id} class="row">
                <div class="row-main">
                  <p class="row-title">
                    {device} {s.current && <span class="badge">{t('twoFactor.sessionThis')}</span>}
                  </p>
                  <p class="row-meta">
                    {t('twoFactor.sessionLine', {
                      created: shortDate(locale, s.createdAt),
                      seen: shortDate(locale, s.lastSeenAt),
                    })}
                  </p>
                </div>
                {!s.current && (
                  <div class="row-actions">
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('twoFactor.sessionSignOutNamed', { device })}
                      onClick={() => end(s.id)}
                    >
                      {t('twoFactor.sessionSignOut')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {sessions &&
        (others.length > 0 ? (
          <button type="button" disabled={busy} onClick={endOthers}>
            {t('twoFactor.signOutOthers')}
          </button>
        ) : (
          <p class="hint">{t('twoFactor.noOtherSessions')}</p>
        ))}
    </section>
  );
}
