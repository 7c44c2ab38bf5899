import {
  type Client,
  type DirectoryResult,
  type Locale,
  MAX_RESOURCES_PER_PAGE,
  type ResourceLink,
} from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n, useMessages } from '../../app/i18n';
import { t as tr } from '../../app/messages';
import { Field, LanguageField } from '../../ui/Field';
import { formatDay } from '../../ui/format';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { LinkToSend } from '../sharing/LinkToSend';
import { shareDays, withinShareDays } from '../sharing/links';
import { makeResourcePage } from './api';
import { readingLanguage } from './share';

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
  useMessages(lang);
  const [expiresOn, setExpiresOn] = useState(() => shareDays().suggested);
  const [more, setMore] = useState<string[]>([]);
  const [badDay, setBadDay] = useState(false);
  const [made, setMade] = useState<ResourceLink>();
  const [status, setStatus] = useState<string>();
  const { busy, problem, run } = useAction();
  const days = shareDays();
  const full = more.length + 1 >= MAX_RESOURCES_PER_PAGE;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!withinShareDays(expiresOn)) return setBadDay(true);
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
  const message = made
    ? tr(made.language, 'directory.pageMessage', {
        url: made.url,
        date: formatDay(made.language, made.expiresOn),
      })
    : '';
  return (
    <section class="private-page" aria-labelledby={`${id}-title`}>
      <h5 id={`${id}-title`}>{t('directory.pageTitle', { name })}</h5>
      <p class="hint">{t('directory.pageHint', { name })}</p>
      <form onSubmit={submit} noValidate>
        <LanguageField
          id={`${id}-language`}
          label={t('directory.pageLanguage')}
          value={lang}
          onValue={setLang}
        />
        <Field
          id={`${id}-expires`}
          type="date"
          label={t('directory.pageExpiresOn')}
          min={days.first}
          max={days.last}
          value={expiresOn}
          onValue={(day) => {
            setExpiresOn(day);
            setBadDay(false);
          }}
          error={badDay ? t('directory.pageExpiryInvalid') : undefined}
        />
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
        <LinkToSend
          id={`${id}-link`}
          url={made.url}
          message={message}
          person={person}
          labels={{
            link: t('directory.pageLink'),
            copy: t('directory.pageCopy'),
            copied: t('directory.pageCopied'),
            sms: t('directory.pageSms'),
            whatsapp: t('directory.pageWhatsapp'),
          }}
          onStatus={setStatus}
        />
      )}
    </section>
  );
}
