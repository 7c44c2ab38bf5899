import type { SessionView } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { deviceName } from './device-name';
import { shortDate } from './TwoFactorSection';

/** Where the sessions come from and how they end: one's own (Account) or a user's (admin, Users). */
export interface SessionSource {
  load: () => Promise<{ sessions: SessionView[] }>;
  end: (id: string) => Promise<unknown>;
  /** Ends every session it may (all but this one, for one's own); how many ended. */
  endAll: () => Promise<{ ended: number }>;
}

/** What the list says, which differs between one's own sessions and a user's. */
export interface SessionWords {
  /** The accessible name of one session's sign-out button. */
  signOutNamed: (device: string) => string;
  ended: string;
  endAll: string;
  endAllNamed?: string;
  allEnded: (count: number) => string;
  /** Shown instead of the "end all" button when there is nothing it could end. */
  nothingToEnd: string;
}

/**
 * Each browser signed in, when it signed in and was last used, with a button
 * to sign out one (not the one asking) or all. Loads when it first appears.
 * @example <SessionList source={{ load: getSessions, end: endSession, endAll: endOtherSessions }} words={…} />
 */
export function SessionList({ source, words }: { source: SessionSource; words: SessionWords }) {
  const { t, locale } = useI18n();
  const [sessions, setSessions] = useState<SessionView[]>();
  const [news, setNews] = useState<string>();
  const { busy, problem, run, setProblem } = useAction();
  const load = () =>
    source.load().then(
      (r) => setSessions(r.sessions),
      (error) => setProblem(toProblem(error)),
    );
  useEffect(() => void load(), []);

  const end = async (id: string) => {
    setNews(undefined);
    if (await run(async () => void (await source.end(id)))) {
      setNews(words.ended);
      void load();
    }
  };
  const endAll = async () => {
    setNews(undefined);
    let ended = 0;
    if (
      await run(async () => {
        ({ ended } = await source.endAll());
      })
    ) {
      setNews(words.allEnded(ended));
      void load();
    }
  };
  const others = sessions?.filter((s) => !s.current) ?? [];

  return (
    <>
      <StatusMessage message={news} />
      <ProblemAlert problem={problem} />
      {!sessions && !problem && <p role="status">{t('app.loading')}</p>}
      {sessions && sessions.length > 0 && (
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
                      aria-label={words.signOutNamed(device)}
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
          <button type="button" disabled={busy} aria-label={words.endAllNamed} onClick={endAll}>
            {words.endAll}
          </button>
        ) : (
          <p class="hint">{words.nothingToEnd}</p>
        ))}
    </>
  );
}
