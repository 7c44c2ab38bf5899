import {
  type Client,
  isLocale,
  type Locale,
  locales,
  MAX_SHARE_DAYS,
  type Problem,
  t as tr,
} from '@puente/core';
import { useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { formatDay } from '../clients/format';
import { sharePlan } from './api';

const dayAfter = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A private link for the person: an end date (≤ 90 days), their language, then copy or send it. */
export function SharePanel({ client, planLanguage }: { client: Client; planLanguage: string }) {
  const { t, locale } = useI18n();
  const start = isLocale(planLanguage)
    ? planLanguage
    : isLocale(client.preferredLanguage)
      ? client.preferredLanguage
      : locale;
  const [lang, setLang] = useState<Locale>(start);
  const [expiresOn, setExpiresOn] = useState(dayAfter(30));
  const [share, setShare] = useState<{ url: string; expiresOn: string; lang: Locale }>();
  const [problem, setProblem] = useState<Problem>();
  const [tooFar, setTooFar] = useState(false);
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const max = dayAfter(MAX_SHARE_DAYS);

  const make = async (event: Event) => {
    event.preventDefault();
    if (!expiresOn || expiresOn > max || expiresOn < dayAfter(0)) {
      setTooFar(true);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const made = await sharePlan(client.id, { expiresOn, language: lang });
      setShare({ url: made.url, expiresOn: made.expiresOn, lang });
      setStatus(t('safetyPlan.linkReady', { date: formatDay(locale, made.expiresOn) }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!share) return;
    await navigator.clipboard?.writeText(share.url).catch(() => undefined);
    setStatus(t('safetyPlan.copied'));
  };
  const message = share ? tr(share.lang, 'safetyPlan.message', { url: share.url }) : '';
  const phone = client.okToText && client.phone ? client.phone.replace(/[^\d+]/g, '') : '';

  return (
    <section aria-labelledby="share-title" class="card no-print">
      <h3 id="share-title">{t('safetyPlan.shareTitle')}</h3>
      <p class="hint">{t('safetyPlan.shareHint')}</p>
      <form onSubmit={(e) => void make(e)} noValidate>
        <div class={tooFar ? 'field field--invalid' : 'field'}>
          <label for="share-expires">{t('safetyPlan.expiresOn')}</label>
          <input
            id="share-expires"
            type="date"
            min={dayAfter(0)}
            max={max}
            value={expiresOn}
            aria-invalid={tooFar || undefined}
            aria-describedby={tooFar ? 'share-expires-error' : undefined}
            onInput={(e) => {
              setExpiresOn(e.currentTarget.value);
              setTooFar(false);
            }}
          />
          {tooFar && (
            <p id="share-expires-error" class="field-error">
              {t('safetyPlan.expiryTooFar')}
            </p>
          )}
        </div>
        <div class="field">
          <label for="share-language">{t('safetyPlan.shareLanguage')}</label>
          <select
            id="share-language"
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
        <ProblemAlert problem={problem} />
        <button type="submit" class="primary" disabled={busy}>
          {t('safetyPlan.makeLink')}
        </button>
      </form>
      <StatusMessage message={status} />
      {share && (
        <>
          <div class="field">
            <label for="share-link">{t('safetyPlan.link')}</label>
            <input id="share-link" readOnly value={share.url} onFocus={(e) => e.currentTarget.select()} />
          </div>
          {!client.safeToContact && <p class="warning">{t('person.notSafeWarning')}</p>}
          <p class="actions">
            <button type="button" onClick={() => void copy()}>
              {t('safetyPlan.copy')}
            </button>
            <a
              class="button"
              href={`https://wa.me/?text=${encodeURIComponent(message)}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('safetyPlan.sendWhatsApp')}
            </a>
            <a class="button" href={`sms:${phone}?body=${encodeURIComponent(message)}`}>
              {t('safetyPlan.sendSms')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
