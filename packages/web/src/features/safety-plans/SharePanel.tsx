import { type Client, isLocale, type Locale, type Problem } from '@puente/core';
import { useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n, useMessages } from '../../app/i18n';
import { t as tr } from '../../app/messages';
import { Field, LanguageField } from '../../ui/Field';
import { formatDay } from '../../ui/format';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { LinkToSend } from '../sharing/LinkToSend';
import { shareDays, withinShareDays } from '../sharing/links';
import { sharePlan } from './api';

/** A private link for the person: an end date (≤ 90 days), their language, then copy or send it. */
export function SharePanel({ client, planLanguage }: { client: Client; planLanguage: string }) {
  const { t, locale } = useI18n();
  const start = isLocale(planLanguage)
    ? planLanguage
    : isLocale(client.preferredLanguage)
      ? client.preferredLanguage
      : locale;
  const [lang, setLang] = useState<Locale>(start);
  useMessages(lang);
  const [expiresOn, setExpiresOn] = useState(() => shareDays().suggested);
  const [share, setShare] = useState<{ url: string; expiresOn: string; lang: Locale }>();
  const [problem, setProblem] = useState<Problem>();
  const [tooFar, setTooFar] = useState(false);
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const days = shareDays();

  const make = async (event: Event) => {
    event.preventDefault();
    if (!withinShareDays(expiresOn)) {
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
  const message = share ? tr(share.lang, 'safetyPlan.message', { url: share.url }) : '';

  return (
    <section aria-labelledby="share-title" class="card no-print">
      <h3 id="share-title">{t('safetyPlan.shareTitle')}</h3>
      <p class="hint">{t('safetyPlan.shareHint')}</p>
      <form onSubmit={(e) => void make(e)} noValidate>
        <Field
          id="share-expires"
          type="date"
          label={t('safetyPlan.expiresOn')}
          min={days.first}
          max={days.last}
          value={expiresOn}
          onValue={(day) => {
            setExpiresOn(day);
            setTooFar(false);
          }}
          error={tooFar ? t('safetyPlan.expiryTooFar') : undefined}
        />
        <LanguageField
          id="share-language"
          label={t('safetyPlan.shareLanguage')}
          value={lang}
          onValue={setLang}
        />
        <ProblemAlert problem={problem} />
        <button type="submit" class="primary" disabled={busy}>
          {t('safetyPlan.makeLink')}
        </button>
      </form>
      <StatusMessage message={status} />
      {share && (
        <LinkToSend
          id="share-link"
          url={share.url}
          message={message}
          person={client}
          labels={{
            link: t('safetyPlan.link'),
            copy: t('safetyPlan.copy'),
            copied: t('safetyPlan.copied'),
            sms: t('safetyPlan.sendSms'),
            whatsapp: t('safetyPlan.sendWhatsApp'),
          }}
          onStatus={setStatus}
        />
      )}
    </section>
  );
}
