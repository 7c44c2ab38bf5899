import type { User } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { keepsCaseload } from '../../offline/session';
import { UserDevices } from '../../offline/UserDevices';
import { UserSessions } from './UserSessions';

interface Props {
  user: User;
  isMe: boolean;
  busy: boolean;
  onChange: (user: User, change: { disabled?: boolean; unlock?: true }) => void;
  /** Emails a new link to choose a password, for someone who has not chosen one yet. */
  onResend: (user: User) => void;
}

/** One person in the list, with what an admin can do about their access. */
export function UserRow({ user, isMe, busy, onChange, onResend }: Props) {
  const { t } = useI18n();
  const name = user.displayName;
  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title">
          {name} {isMe && <span class="badge">{t('users.you')}</span>}
          {user.disabled && <span class="badge badge--muted">{t('users.disabled')}</span>}
          {user.locked && <span class="badge badge--warn">{t('users.locked')}</span>}
          {user.pendingSetUp && <span class="badge badge--muted">{t('users.pending')}</span>}
        </p>
        <p class="row-meta">{user.email}</p>
        <p class="row-meta">
          {t(`roles.${user.role}`)} · {user.locale === 'es' ? t('app.spanish') : t('app.english')}
        </p>
        {keepsCaseload(user.role) && <UserDevices user={user} />}
        {!isMe && <UserSessions user={user} />}
      </div>
      {!isMe && (
        <div class="row-actions">
          {user.pendingSetUp && !user.disabled && (
            <button
              type="button"
              disabled={busy}
              aria-label={t('users.resendNamed', { name })}
              onClick={() => onResend(user)}
            >
              {t('users.resend')}
            </button>
          )}
          {user.locked && (
            <button
              type="button"
              disabled={busy}
              aria-label={t('users.unlockNamed', { name })}
              onClick={() => onChange(user, { unlock: true })}
            >
              {t('users.unlock')}
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            aria-label={t(user.disabled ? 'users.enableNamed' : 'users.disableNamed', { name })}
            onClick={() => onChange(user, { disabled: !user.disabled })}
          >
            {t(user.disabled ? 'users.enable' : 'users.disable')}
          </button>
        </div>
      )}
    </li>
  );
}
