import { useI18n } from '../../app/i18n';
import { endOtherSessions, endSession, getSessions } from './api';
import { SessionList } from './SessionList';

const ownSessions = { load: getSessions, end: endSession, endAll: endOtherSessions };

/** Where one is signed in: each browser, when it signed in and was last used; sign out one or all others. */
export function SessionsSection() {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t('twoFactor.sessionsTitle')}</h2>
      <p class="hint">{t('twoFactor.sessionsIntro')}</p>
      <SessionList
        source={ownSessions}
        words={{
          signOutNamed: (device) => t('twoFactor.sessionSignOutNamed', { device }),
          ended: t('twoFactor.sessionEnded'),
          endAll: t('twoFactor.signOutOthers'),
          allEnded: (count) => t('twoFactor.othersEnded', { count }),
          nothingToEnd: t('twoFactor.noOtherSessions'),
        }}
      />
    </section>
  );
}
