import type { User } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { endUserSession, endUserSessions, getUserSessions } from '../two-factor/api';
import { SessionList } from '../two-factor/SessionList';
import './users.css';

/**
 * For an admin, under a person: where they are signed in, and signing out one
 * browser (a shared computer) or all (a lost phone, someone leaving). Loaded only when opened.
 */
export function UserSessions({ user }: { user: User }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const name = user.displayName;
  return (
    <details
      class="user-sessions"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{t('twoFactor.userSessionsOf', { name })}</summary>
      {open && (
        <SessionList
          source={{
            load: () => getUserSessions(user.id),
            end: (id) => endUserSession(user.id, id),
            endAll: () => endUserSessions(user.id),
          }}
          words={{
            signOutNamed: (device) => t('twoFactor.userSessionSignOutNamed', { name, device }),
            ended: t('twoFactor.userSessionEnded', { name }),
            endAll: t('twoFactor.userSignOutAll'),
            endAllNamed: t('twoFactor.userSignOutAllNamed', { name }),
            allEnded: (count) => t('twoFactor.userSignedOut', { name, count }),
            nothingToEnd: t('twoFactor.userNoSessions', { name }),
          }}
        />
      )}
    </details>
  );
}
