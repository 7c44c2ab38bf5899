import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { linkToken, setPasswordFromLink } from './api';
import { NewPasswordForm } from './NewPasswordForm';

/** Reads the link's token once and takes it out of the address bar and history, where others could see it. */
function takeToken(): string | undefined {
  const token = linkToken(location.hash);
  if (location.hash) history.replaceState(null, '', location.pathname);
  return token;
}

/**
 * What to do when the link cannot work: ask the admin, or ask for a link
 * yourself. The live region is always in the page, so a refusal is announced.
 */
function DeadLink({ why }: { why: 'missing' | 'invalid' | undefined }) {
  const { t } = useI18n();
  const next = useRef<HTMLAnchorElement>(null);
  // A link refused on sending takes the form away: focus goes to the way on, not to the page's start.
  useEffect(() => {
    if (why === 'invalid') next.current?.focus();
  }, [why]);
  return (
    <div role="alert" class={why ? 'alert' : 'alert alert--empty'}>
      {why && (
        <>
          <p class="alert-title">
            {t(why === 'missing' ? 'password.linkMissingTitle' : 'password.linkInvalidTitle')}
          </p>
          <p>{t(why === 'missing' ? 'password.linkMissingBody' : 'password.linkInvalidBody')}</p>
          <p>
            <a ref={next} href="/forgot-password">
              {t('signin.forgot')}
            </a>
          </p>
        </>
      )}
    </div>
  );
}

/**
 * The page an invitation or reset email links to: the new password twice,
 * then off to sign in with it (setting it ends every session of the person).
 */
export function SetPasswordPage() {
  const { t } = useI18n();
  const [token] = useState(takeToken);
  const [refused, setRefused] = useState(false);
  const [done, setDone] = useState(false);

  if (done) {
    return (
      <>
        <PageHeading text={t('password.setTitle')} />
        <StatusMessage message={t('password.setDone')} />
        <p>
          <a class="button primary" href="/">
            {t('password.signIn')}
          </a>
        </p>
      </>
    );
  }
  const dead = !token ? 'missing' : refused ? 'invalid' : undefined;
  return (
    <>
      <PageHeading text={t('password.setTitle')} />
      <DeadLink why={dead} />
      {token && !dead && (
        <>
          <p class="lead">{t('password.setIntro')}</p>
          <NewPasswordForm
            wording="password"
            submit={t('password.save')}
            submitting={t('password.saving')}
            save={async (newPassword) => {
              await setPasswordFromLink(token, newPassword);
              setDone(true);
            }}
            onRefused={(problem) => {
              const dead = problem.code === 'linkInvalid';
              setRefused(dead);
              return dead;
            }}
          />
        </>
      )}
      <p class="hint">
        <a href="/">{t('password.backToSignIn')}</a>
      </p>
    </>
  );
}
