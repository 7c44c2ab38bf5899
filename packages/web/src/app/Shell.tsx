import { roleCan } from '@puente/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AlertsNavLabel, useOpenAlerts } from '../features/alerts/AlertBadge';
import { warmUp } from '../features/crisis/reference';
import { logoUrl } from '../features/settings/api';
import { NewsNotice } from '../offline/NewsNotice';
import { SyncStatus } from '../offline/SyncStatus';
import { focusPageHeading, PageHeading } from '../ui/PageHeading';
import { useI18n } from './i18n';
import { Link, navigate, usePath } from './router';
import { homePath, matchScreen, screens, warmScreens } from './screens';
import { useSession } from './session';
import { whenIdle } from './when-idle';

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading text={t('app.notFoundTitle')} />
      <p>{t('app.notFoundBody')}</p>
      <p>
        <Link href="/">{t('app.goHome')}</Link>
      </p>
    </>
  );
}

function Forbidden() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading text={t('app.forbiddenTitle')} />
      <p>{t('errors.forbidden')}</p>
      <p>
        <Link href="/">{t('app.goHome')}</Link>
      </p>
    </>
  );
}

/** Header, menu and main landmark around the screen that the path names. */
export function Shell() {
  const { me } = useSession();
  const { t } = useI18n();
  const path = usePath();
  const mainRef = useRef<HTMLElement>(null);
  const allowed = screens.filter((s) => !s.hidden && roleCan(me.role, s.permission));
  const matched = matchScreen(path);
  const screen = matched?.screen;
  const openAlerts = useOpenAlerts(me.role, path);

  // Crisis lines and questionnaires on the phone while there is signal, for the kitchen that has
  // none, and the everyday screens: once the screen being opened is shown, not in its way.
  useEffect(() => whenIdle(() => warmUp(me)), [me]);
  useEffect(() => whenIdle(() => warmScreens(me.role)), [me.role]);

  useEffect(() => {
    if (path === '/') navigate(homePath(me.role), { replace: true });
  }, [path, me.role]);

  // Tell screen reader users where they are, and start keyboard users at the top of the new screen.
  useEffect(() => focusPageHeading(mainRef.current), [path]);

  let content = null;
  if (matched && screen && roleCan(me.role, screen.permission))
    content = <screen.Component params={matched.params} />;
  else if (screen) content = <Forbidden />;
  else if (path !== '/') content = <NotFound />;

  const role = t(`roles.${me.role}`);
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="app-header">
        <div class="app-header-bar">
          <Link href="/" class="brand">
            {me.organization.logo && <ProgramLogo version={me.organization.logo} />}
            {/* The program's own name, as its admin set it: the promotoras work for it, not for an app. */}
            <span class="brand-name">{me.organization.name.trim() || t('app.name')}</span>
          </Link>
          <p class="who">
            <span class="visually-hidden">{t('app.signedInAs', { name: me.displayName, role })}</span>
            <span aria-hidden="true">
              <span class="who-name">{me.displayName}</span>
              <span class="who-role">{role}</span>
            </span>
          </p>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {allowed.map((s) => (
              <li key={s.path}>
                <Link href={s.path} aria-current={s.path === path ? 'page' : undefined}>
                  {s.path === '/alerts' ? <AlertsNavLabel count={openAlerts} /> : t(s.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SyncStatus />
      </header>
      <NewsNotice />
      <main id="main" tabIndex={-1} ref={mainRef}>
        {content}
      </main>
    </>
  );
}

/**
 * The program's logo beside its name; decorative, since the link's words say where it goes.
 * Without signal and not yet kept by the browser, it steps aside instead of showing a broken picture.
 */
function ProgramLogo({ version }: { version: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    <img
      class="brand-logo"
      src={logoUrl(version)}
      alt=""
      width={28}
      height={28}
      onError={() => setFailed(true)}
    />
  );
}
