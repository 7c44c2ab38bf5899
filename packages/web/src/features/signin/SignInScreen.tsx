import { locales, type Me, type Problem } from '@puente/core';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, fieldErrors, toProblem } from '../../app/api';
import { firstPaint } from '../../app/first-paint';
import { useI18n } from '../../app/i18n';
import { loadMessages } from '../../app/messages';
import { whenIdle } from '../../app/when-idle';
import { peekVault } from '../../offline/vault';
import { CurrentPasswordField, EmailField } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { PasskeySignIn } from '../two-factor/PasskeySignIn';
import { SignInFrame } from './SignInFrame';

interface Props {
  /** True when we got here because the server ended the session. */
  sessionEnded: boolean;
  /** True when the server had this phone erase its copy (a disabled device or account). */
  erased?: boolean;
  /** `noCopy`: the phone held no copy when the person signed in (the next screen need not look again). */
  onSignedIn: (me: Me, noCopy?: boolean) => void;
}

/** Email and password; the language can be chosen before signing in. */
export function SignInScreen({ sessionEnded, erased = false, onSignedIn }: Props) {
  const { t, locale } = useI18n();
  // Typed into the form painted into the page before this script arrived.
  const [painted] = useState(firstPaint);
  const [email, setEmail] = useState(painted?.email ?? '');
  const [password, setPassword] = useState(painted?.password ?? '');
  const [problem, setProblem] = useState<Problem | undefined>(() =>
    painted?.refusal ? { type: 'about:blank', status: 400, ...painted.refusal } : undefined,
  );
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = fieldErrors(problem);
  // What the next screens need, fetched while the person types: whether this phone holds a copy
  // (opening the phone's store the first time is slow on a cheap phone), and the other
  // language's words, since a phone set to English may belong to a promotora who works in Spanish.
  const vaultPeek = useRef<ReturnType<typeof peekVault> | undefined>(undefined);
  useEffect(
    () =>
      whenIdle(() => {
        vaultPeek.current = peekVault().catch(() => undefined);
        for (const other of locales) if (other !== locale) void loadMessages(other).catch(() => undefined);
      }),
    // Looked at again once the copy was erased.
    [erased],
  );

  // Keep the cursor where the person was typing when the page was taken over: before the browser
  // hands on the next keystroke (a layout effect), or a key typed in between went nowhere.
  useLayoutEffect(() => {
    if (!painted?.focused) return;
    const input = formRef.current?.querySelector<HTMLInputElement>(`#${painted.focused}`);
    input?.focus();
    try {
      input?.setSelectionRange(input.value.length, input.value.length);
    } catch {
      // Email inputs have no selection to set; the focus is what matters.
    }
  }, [painted]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitting(true);
    setProblem(undefined);
    try {
      // The phone's copy, if any, is named: only a sign-in made on it may recover its key.
      const vault = await (vaultPeek.current ?? peekVault().catch(() => undefined));
      const device = vault ? { device: vault.device } : {};
      onSignedIn(await api<Me>('POST', '/api/auth/sign-in', { email, password, ...device }), !vault);
    } catch (error) {
      const refusal = toProblem(error);
      setProblem(refusal);
      setSubmitting(false);
      // Put the person back where they need to type: the first field in error, else the password.
      const first =
        Object.keys(fieldErrors(refusal))[0] ?? (refusal.code === 'badCredentials' ? 'password' : '');
      const input = formRef.current?.querySelector<HTMLInputElement>(`#${first}`);
      input?.focus();
      input?.select();
    }
  };

  return (
    <SignInFrame>
      <PageHeading text={t('signin.title')} />
      <p class="lead">{t('signin.intro')}</p>
      <StatusMessage
        message={
          problem
            ? undefined
            : erased
              ? t('errors.deviceErased')
              : sessionEnded
                ? t('app.sessionEnded')
                : undefined
        }
      />
      <ProblemAlert problem={problem} />
      <form ref={formRef} onSubmit={submit} noValidate>
        <EmailField label={t('signin.email')} value={email} onValue={setEmail} error={errors.email} />
        <CurrentPasswordField
          id="password"
          label={t('signin.password')}
          value={password}
          onValue={setPassword}
          error={errors.password}
        />
        <button type="submit" class="primary" disabled={submitting}>
          {submitting ? t('signin.submitting') : t('signin.submit')}
        </button>
      </form>
      <PasskeySignIn onSignedIn={onSignedIn} onProblem={setProblem} />
      <p class="hint">
        {/* A page of its own, so it also works from the sign-in form painted before the script. */}
        <a href="/forgot-password">{t('signin.forgot')}</a>
      </p>
    </SignInFrame>
  );
}
