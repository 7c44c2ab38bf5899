import { isSafeUrl, type Locale, type SharedResource } from '@puente/core';
import { useMessages } from '../../app/i18n';
import { t } from '../../app/messages';
import { MapLink } from '../../ui/MapLink';
import { formatHours, languageLabel } from './format';
import { telLink } from './share';

interface Props {
  resource: SharedResource;
  /** The person's language: labels and hours are written in it, whatever the app's language. */
  lang: Locale;
  /** Tap-to-call, the address to the maps app and a link to the website on a screen; plain text on paper. */
  links?: boolean;
}

/** What a person needs to go to a service or call it: phone, address, hours, how to apply, languages, cost. */
export function ResourceDetails({ resource: r, lang, links = false }: Props) {
  useMessages(lang);
  const hours = formatHours(lang, r.hours);
  return (
    <dl class="details">
      {r.phone && (
        <>
          <dt>{t(lang, 'directory.phone')}</dt>
          <dd class="handout-phone">{links ? <a href={telLink(r.phone)}>{r.phone}</a> : r.phone}</dd>
        </>
      )}
      {r.address && (
        <>
          <dt>{t(lang, 'directory.address')}</dt>
          <dd>{links ? <MapLink address={r.address} /> : r.address}</dd>
        </>
      )}
      <dt>{t(lang, 'directory.hours')}</dt>
      <dd>
        {hours.map((line) => (
          <span key={line} class="line">
            {line}
          </span>
        ))}
        {r.hoursNote && <span class="line">{r.hoursNote}</span>}
        {hours.length === 0 && !r.hoursNote && t(lang, 'directory.hoursUnknown')}
      </dd>
      {r.howToApply && (
        <>
          <dt>{t(lang, 'directory.howToApply')}</dt>
          <dd>{r.howToApply}</dd>
        </>
      )}
      {r.languages.length > 0 && (
        <>
          <dt>{t(lang, 'directory.languages')}</dt>
          <dd>{r.languages.map((code) => languageLabel(lang, code)).join(', ')}</dd>
        </>
      )}
      {r.cost && (
        <>
          <dt>{t(lang, 'directory.cost')}</dt>
          <dd>{t(lang, r.cost === 'free' ? 'directory.costFreeLabel' : 'directory.costLowLabel')}</dd>
        </>
      )}
      {/* A listing imported before links were checked may still hold a javascript: one: never a link. */}
      {r.url && isSafeUrl(r.url) && (
        <>
          <dt>{t(lang, 'directory.website')}</dt>
          <dd>
            {links ? (
              <a href={r.url} target="_blank" rel="noopener noreferrer">
                {r.url}
              </a>
            ) : (
              r.url
            )}
          </dd>
        </>
      )}
    </dl>
  );
}
