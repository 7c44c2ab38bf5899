import type { DirectoryResult, Locale } from '@puente/core';
import { useEffect } from 'preact/hooks';
import { useI18n, useMessages } from '../../app/i18n';
import { t as tr } from '../../app/messages';
import { ResourceDetails } from './ResourceDetails';

interface Props {
  result: DirectoryResult;
  /** The person's language: the handout is written in it, whatever the app's language. */
  lang: Locale;
  onBack: () => void;
}

/** One service on paper, in the person's language; the buttons around it do not print. */
export function Handout({ result: r, lang, onBack }: Props) {
  useMessages(lang);
  const { t } = useI18n();
  // The search is gone from view: start keyboard and screen reader users on the handout.
  useEffect(() => {
    document.getElementById('handout-title')?.focus();
  }, []);
  return (
    <div class="handout-view">
      <div class="no-print">
        <h2 id="handout-title" tabIndex={-1}>
          {t('directory.shareHandout')}
        </h2>
        <p class="actions">
          <button type="button" class="primary" onClick={() => window.print()}>
            {t('directory.handoutPrint')}
          </button>
          <button type="button" onClick={onBack}>
            {t('directory.handoutBack')}
          </button>
        </p>
      </div>
      <article class="card handout" lang={lang} aria-labelledby="handout-name">
        <h2 id="handout-name">{r.name}</h2>
        {r.organizationName && r.organizationName !== r.name && <p>{r.organizationName}</p>}
        {r.description && <p>{r.description}</p>}
        <ResourceDetails resource={r} lang={lang} />
        <p class="handout-footer">{tr(lang, 'directory.handoutFooter')}</p>
      </article>
    </div>
  );
}
