import type { User } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../clients/useAction';
import { endUserSessions } from './api';

/** An admin ends every session of a user: a lost phone, someone leaving. */
export function SignOutEverywhere({ user }: { user: User }) {
  const { t } = useI18n();
  const [news, setNews] = useState<string>();
  const { busy, problem, run } = useAction();
  const name = user.displayName;
  const click = async () => {
    setNews(undefined);
    let ended = 0;
    if (
      await run(async () => {
        ({ ended } = await endUserSessions(user.id));
      })
    ) {
      setNews(t('twoFactor.userSignedOut', { name, count: ended }));
    }
  };
  return (
    <>
      <button
        type="button"
        disabled={busy}
        aria-label={t('twoFactor.userSignOutAllNamed', { name })}
        onClick={click}
      >
        {t('twoFactor.userSignOutAll')}
      </button>
      <StatusMessage message={news} />
      <ProblemAlert problem={problem} />
    </>
  );
}
