import { type DirectoryResult, type Locale, t as tr } from '@puente/core';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { formatHours, languageLabel } from './format';

interface Props {
  result: DirectoryResult;
  /** The person's language: the handout is written in it, whatever the app's language. */
  lang: Locale;
  onBack: () => void;
}

/** One service on paper, in the person's language; the buttons around it do not print. */
export function Handout({ result: r, lang, onBack }: Props) {
  const { t } = useI18n();
  const hours = formatHours(lang, r.hours);
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
        <dl class="details">
          {r.phone && (
            <>
              <dt>{tr(lang, 'directory.phone')}</dt>
              <dd class="handout-phone">{r.phone}</dd>
            </>
          )}
          {r.address && (
            <>
              <dt>{tr(lang, 'directory.address')}</dt>
              <dd>{r.address}</dd>
            </>
          )}
          <dt>{tr(lang, 'directory.hours')}</dt>
          <dd>
            {hours.map((line) => (
              <span key={line} class="line">
                {line}
              </span>
            ))}
            {r.hoursNote && <span class="line">{r.hoursNote}</span>}
            {hours.length === 0 && !r.hoursNote && tr(lang, 'directory.hoursUnknown')}
          </dd>
          {r.howToApply && (
            <>
              <dt>{tr(lang, 'directory.howToApply')}</dt>
              <dd>{r.howToApply}</dd>
            </>
          )}
          {r.languages.length > 0 && (
            <>
              <dt>{tr(lang, 'directory.languages')}</dt>
              <dd>{r.languages.map((code) => languageLabel(lang, code)).join(', ')}</dd>
            </>
          )}
          {r.cost && (
            <>
              <dt>{tr(lang, 'directory.cost')}</dt>
              <dd>{tr(lang, r.cost === 'free' ? 'directory.costFreeLabel' : 'directory.costLowLabel')}</dd>
            </>
          )}
          {r.url && (
            <>
              <dt>{tr(lang, 'directory.website')}</dt>
              <dd>{r.url}</dd>
            </>
          )}
        </dl>
        <p class="handout-footer">{tr(lang, 'directory.handoutFooter')}</p>
      </article>
    </div>
  );
}
