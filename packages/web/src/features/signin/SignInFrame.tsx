import type { ComponentChildren } from 'preact';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../ui/LanguageSwitch';

/**
 * The frame of every page before the app (name, language, one narrow column): signing in,
 * the second factor, and the pages around a password.
 */
export function SignInFrame({ children }: { children: ComponentChildren }) {
  const { t, setLocale } = useI18n();
  return (
    <div class="signin">
      <header class="signin-header">
        <p class="brand">{t('app.name')}</p>
        <LanguageSwitch onChoose={setLocale} />
      </header>
      <main id="main" class="signin-main">
        {children}
      </main>
    </div>
  );
}
