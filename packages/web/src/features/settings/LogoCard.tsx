import { isLogoOf, type LogoMediaType, logoMaxBytes, logoMediaTypes } from '@puente/core';
import { useRef, useState } from 'preact/hooks';
import { numberFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { fileAsBase64 } from '../../ui/files';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { logoUrl, removeLogo, saveLogo } from './api';
import './settings.css';

const isLogoType = (type: string): type is LogoMediaType =>
  (logoMediaTypes as readonly string[]).includes(type);

/**
 * The program's logo: the one there is, a picture to put in its place, and a
 * way to take it away. A picture too large or of the wrong kind is refused
 * here in words before anything is sent; the server checks again.
 */
export function LogoCard() {
  const { t, locale } = useI18n();
  const { me, update } = useSession();
  const { busy, problem, run, setProblem } = useAction();
  const [status, setStatus] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const version = me.organization.logo;

  // Everyone's header shows the logo from their session: this one's takes the new version at once.
  const showLogo = (logo: string | undefined) => {
    const { logo: _old, ...organization } = me.organization;
    update({ ...me, organization: logo ? { ...organization, logo } : organization });
  };
  const refuse = (title: string) =>
    setProblem({ type: 'about:blank', status: 400, code: 'logoRefused', title });

  const choose = async (event: Event) => {
    setStatus(undefined);
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    // The same file chosen again (after a refusal) still counts as a choice.
    if (input.current) input.current.value = '';
    if (!file) return;
    const size = numberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
    if (file.size > logoMaxBytes)
      return refuse(t('team.logoTooLarge', { size: size.format(file.size / 1024) }));
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    if (!isLogoType(file.type) || !isLogoOf(file.type, head)) return refuse(t('team.logoWrongKind'));
    const mediaType = file.type;
    const saved = await run(async () => {
      showLogo((await saveLogo({ mediaType, data: await fileAsBase64(file) })).version);
    });
    if (saved) setStatus(t('team.logoSaved'));
  };

  const remove = async () => {
    setStatus(undefined);
    if (
      await run(async () => {
        await removeLogo();
        showLogo(undefined);
      })
    )
      setStatus(t('team.logoRemoved'));
  };

  return (
    <section class="card logo-card" aria-labelledby="logo-title">
      <h2 id="logo-title">{t('team.logoTitle')}</h2>
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {version ? (
        <img class="logo-preview" src={logoUrl(version)} alt={t('team.logoCurrent')} width={96} height={96} />
      ) : (
        <p class="hint">{t('team.logoNone')}</p>
      )}
      <label for="logo-file">{t('team.logoChoose')}</label>
      <input
        ref={input}
        id="logo-file"
        type="file"
        accept={logoMediaTypes.join(',')}
        aria-describedby="logo-hint"
        disabled={busy}
        onChange={(e) => void choose(e)}
      />
      <p id="logo-hint" class="hint">
        {t('team.logoHint')}
      </p>
      {version && (
        <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
          {t('team.logoRemove')}
        </button>
      )}
    </section>
  );
}
