import type { AccountPage } from '@puente/core';
import { render } from 'preact';
import { I18nProvider } from '../../app/i18n';
import { SignInFrame } from '../signin/SignInFrame';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { SetPasswordPage } from './SetPasswordPage';

/**
 * Mounts an account page that works without signing in: no session is
 * needed, and nothing of the signed-in app (offline copy, sync) starts.
 */
export function mountAccountPage(root: HTMLElement, page: AccountPage): void {
  render(
    <I18nProvider>
      <SignInFrame>{page === '/set-password' ? <SetPasswordPage /> : <ForgotPasswordPage />}</SignInFrame>
    </I18nProvider>,
    root,
  );
}
