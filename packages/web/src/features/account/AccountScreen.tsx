import type { Locale, Me } from '@puente/core';
import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { ChangePinSection } from '../../offline/ChangePin';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { SessionsSection } from '../two-factor/SessionsSection';
import { TwoFactorSection } from '../two-factor/TwoFactorSection';
import { PasswordForm } from './PasswordForm';

function LanguageSection() {
  const { t } = useI18n();
  const { update } = useSession();
  const [saved, setSaved] = useState(false);
  const { busy, problem, run } = useAction();

  const choose = async (locale: Locale) => {
    setSaved(false);
    // The server remembers it, so every device follows; update() switches the whole UI at once.
    setSaved(await run(async () => update(await api<Me>('PUT', '/api/me/preferences', { locale }))));
  };

  return (
    <section class="card" aria-labelledby="account-language">
      <h2 id="account-language">{t('app.language')}</h2>
      <p class="hint">{t('account.languageHint')}</p>
      <LanguageSwitch onChoose={choose} busy={busy} quietLegend />
      <StatusMessage message={saved ? t('account.languageSaved') : undefined} />
      <ProblemAlert problem={problem} />
    </section>
  );
}

function SignOutSection() {
  const { t } = useI18n();
  const { signOut } = useSession();
  const { busy, problem, run } = useAction();
  const click = () => void run(signOut);

  return (
    <section class="card" aria-labelledby="account-sign-out">
      <h2 id="account-sign-out">{t('account.signOutTitle')}</h2>
      <p class="hint">{t('account.signOutHint')}</p>
      <ProblemAlert problem={problem} />
      <button type="button" onClick={click} disabled={busy}>
        {busy ? t('account.signingOut') : t('account.signOut')}
      </button>
    </section>
  );
}

/** Who I am, my language, my password, this phone's PIN, my second factors, where I am signed in, and the way out. */
export function AccountScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <PageHeading text={t('account.title')} />
      <section class="card" aria-labelledby="account-details">
        <h2 id="account-details">{t('account.detailsTitle')}</h2>
        <dl class="details">
          <dt>{t('account.name')}</dt>
          <dd>{me.displayName}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{me.email}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`roles.${me.role}`)}</dd>
          <dt>{t('account.organization')}</dt>
          <dd>{me.organization.name}</dd>
        </dl>
      </section>
      <LanguageSection />
      <PasswordForm />
      <ChangePinSection />
      <TwoFactorSection />
      <SessionsSection />
      <SignOutSection />
    </>
  );
}
