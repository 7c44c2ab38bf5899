import type { Me } from '@puente/core';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { PageHeading } from '../../ui/PageHeading';
import { SignInFrame } from '../signin/SignInFrame';
import { changeOwnPassword } from './api';
import { NewPasswordForm } from './NewPasswordForm';

interface Props {
  me: Me;
  /** The password is the person's own now: on to the app. */
  onDone: (me: Me) => void;
  signOut: () => void;
}

/**
 * After signing in with a password someone else set (the first admin's, an
 * operator's reset): the person chooses their own before anything else. The
 * server refuses every other request until they do.
 */
export function ChooseOwnPassword({ me, onDone, signOut }: Props) {
  const { t } = useI18n();
  return (
    <SignInFrame>
      <PageHeading text={t('password.mustTitle')} />
      <p class="lead">{t('password.mustIntro')}</p>
      <NewPasswordForm
        wording="password"
        email={me.email}
        submit={t('password.mustSave')}
        submitting={t('password.saving')}
        save={async (newPassword, currentPassword) => {
          await changeOwnPassword(currentPassword, newPassword);
          onDone(await api<Me>('GET', '/api/auth/me'));
        }}
      />
      <p class="hint">
        {me.email} ·{' '}
        <button type="button" onClick={signOut}>
          {t('password.signOut')}
        </button>
      </p>
    </SignInFrame>
  );
}
