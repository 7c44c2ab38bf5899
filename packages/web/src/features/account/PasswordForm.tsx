import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { changeOwnPassword } from '../password/api';
import { NewPasswordForm } from '../password/NewPasswordForm';

/** Current password, new password twice; the server checks the current one. */
export function PasswordForm() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <section class="card" aria-labelledby="account-password">
      <h2 id="account-password">{t('account.passwordTitle')}</h2>
      <NewPasswordForm
        wording="account"
        email={me.email}
        submit={t('account.changePassword')}
        submitting={t('account.changingPassword')}
        save={(newPassword, currentPassword) => changeOwnPassword(currentPassword, newPassword)}
        saved={t('account.passwordChanged')}
      />
    </section>
  );
}
