import {
  addDays,
  type Client,
  type DirectoryResult,
  isLocale,
  type Locale,
  locales,
  MAX_RESOURCES_PER_PAGE,
  MAX_SHARE_DAYS,
  type ResourceLink,
  t as tr,
} from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { formatDay } from '../clients/format';
import { useAction } from '../clients/useAction';
import { makeResourcePage } from './api';
import { readingLanguage, smsLink, whatsappLink } from './share';

/** Today on this phone, as YYYY-MM-DD; the server checks the day again in the program's time zone. */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

interface Props {
  id: string;
  result: DirectoryResult;
  /** The other results on screen, which can go on the same page. */
  others: DirectoryResult[];
  person: Client;
}

/** A private page of this service (and others from the results) for the person: language, last day, then the link. */
export function PrivatePageForm({ id, result, others, person }: Props) {
  const { t, locale } = useI18n();
  const name = person.displayName;
  const [lang, setLang] = useState<Locale>(() => readingLanguage(person.preferredLanguage, locale));
  const [expiresOn, setExpiresOn] = useState(() => addDays(today(), 30));
  const [more, setMore] = useState<string[]>([]);
  const [badDay, setBadDay] = useState(false);
  const [made, setMade] = useState<ResourceLink>();
  const [status, setStatus] = useState<string>();
  const { busy, problem, run } = useAction();
  const last = addDays(today(), MAX_SHARE_DAYS);
  const full = more.length + 1 >= MAX_RESOURCES_PER_PAGE;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!expiresOn || expiresOn < today() || expiresOn > last) return setBadDay(true);
    setStatus(undefined);
    void run(async () => {
      const link = await makeResourcePage(person.id, {
        resourceIds: [result.id, ...more],
        language: lang,
        expiresOn,
      });
      setMade(link);
      setStatus(t('directory.pageReady', { date: formatDay(locale, link.expiresOn) }));
    });
  };
  const copy = async () => {
    if (!made) return;
    await navigator.clipboard?.writeText(made.url).catch(() => undefined);
    setStatus(t('directory.pageCopied'));
  };
  const message = made
    ? tr(made.language, 'directory.pageMessage', {
        url: made.url,
        date: formatDay(made.language, made.expiresOn),
      })
    : '';
  const phone =
    person.okToText && person.safeToContact && person.phone ? person.phone.replace(/[^\d+]/g, '') : '';

  return (
    <section class="private-page" aria-labelledby={`${id}-title`}>
      <h5 id={`${id}-title`}>{t('directory.pageTitle', { name })}</h5>
      <p class="hint">{t('directory.pageHint', { name })}</p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for={`${id}-language`}>{t('directory.pageLanguage')}</label>
          <select
            id={`${id}-language`}
            value={lang}
            onChange={(e) => isLocale(e.currentTarget.value) && setLang(e.currentTarget.value)}
          >
            {locales.map((l) => (
              <option key={l} value={l}>
                {t(l === 'en' ? 'app.english' : 'app.spanish')}
              </option>
            ))}
          </select>
        </div>
        <div class={badDay ? 'field field--invalid' : 'field'}>
          <label for={`${id}-expires`}>{t('directory.pageExpiresOn')}</label>
          <input
            id={`${id}-expires`}
            type="date"
            min={today()}
            max={last}
            value={expiresOn}
            aria-invalid={badDay || undefined}
            aria-describedby={badDay ? `${id}-expires-error` : undefined}
            onInput={(e) => {
              setExpiresOn(e.currentTarget.value);
              setBadDay(false);
            }}
          />
          {badDay && (
            <p id={`${id}-expires-error`} class="field-error">
              {t('directory.pageExpiryInvalid')}
            </p>
          )}
        </div>
        {others.length > 0 && (
          <details class="more-filters">
            <summary>{t('directory.pageMore')}</summary>
            <fieldset class="checks">
              <legend class="hint">{t('directory.pageMoreHint', { max: MAX_RESOURCES_PER_PAGE })}</legend>
              {others.map((o) => {
                const checked = more.includes(o.id);
                return (
                  <label key={o.id} class="check">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={!checked && full}
                      onChange={(e) =>
                        setMore(e.currentTarget.checked ? [...more, o.id] : more.filter((x) => x !== o.id))
                      }
                    />
                    <span>{o.address ? `${o.name} (${o.address})` : o.name}</span>
                  </label>
                );
              })}
            </fieldset>
          </details>
        )}
        <ProblemAlert problem={problem} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('directory.pageMaking') : t('directory.pageMake', { name })}
        </button>
      </form>
      <StatusMessage message={status} />
      {made && (
        <>
          <div class="field">
            <label for={`${id}-link`}>{t('directory.pageLink')}</label>
            <input id={`${id}-link`} readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} />
          </div>
          {!person.safeToContact && <p class="warning">{t('person.notSafeWarning')}</p>}
          <p class="actions">
            <button type="button" onClick={() => void copy()}>
              {t('directory.pageCopy')}
            </button>
            <a class="button" href={smsLink(message, phone)}>
              {t('directory.pageSms')}
            </a>
            <a class="button" href={whatsappLink(message)} target="_blank" rel="noopener noreferrer">
              {t('directory.pageWhatsapp')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
