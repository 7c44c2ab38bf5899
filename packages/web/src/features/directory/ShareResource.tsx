import type { Client, DirectoryResult, Locale } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n, useMessages } from '../../app/i18n';
import { LanguageField } from '../../ui/Field';
import { smsLink, whatsappLink } from '../sharing/links';
import { PrivatePageForm } from './PrivatePageForm';
import { readingLanguage, shareMessage } from './share';

interface Props {
  id: string;
  result: DirectoryResult;
  onHandout: (locale: Locale) => void;
  onClose: () => void;
  /** The person the search is for, when opened from their page: then a private page can be made for them. */
  person?: Client | undefined;
  /** The other results on screen, which can go on the same private page. */
  others?: DirectoryResult[] | undefined;
}

/**
 * The service's name, phone, address and hours as a message in the person's language, ready to send or
 * print; from a person's page, also a private page for them.
 */
export function ShareResource({ id, result, onHandout, onClose, person, others = [] }: Props) {
  const { t, locale } = useI18n();
  const [lang, setLang] = useState<Locale>(() =>
    person ? readingLanguage(person.preferredLanguage, locale) : locale,
  );
  useMessages(lang);
  const message = shareMessage(lang, result);
  return (
    <section id={id} class="card card--inner share-resource" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('directory.shareTitle', { name: result.name })}</h4>
      <p class="hint">{t('directory.shareHint')}</p>
      <LanguageField
        id={`${id}-language`}
        label={t('directory.shareLanguage')}
        value={lang}
        onValue={setLang}
      />
      <p class="field-label">{t('directory.shareMessage')}</p>
      <p class="share-message" lang={lang}>
        {message}
      </p>
      <p class="actions">
        <a class="button primary" href={smsLink(message)}>
          {t('directory.shareSms')}
        </a>
        <a class="button primary" href={whatsappLink(message)} target="_blank" rel="noopener noreferrer">
          {t('directory.shareWhatsapp')}
        </a>
        <button type="button" onClick={() => onHandout(lang)}>
          {t('directory.shareHandout')}
        </button>
        <button type="button" onClick={onClose}>
          {t('directory.close')}
        </button>
      </p>
      {person && (
        <PrivatePageForm
          id={`${id}-page`}
          result={result}
          others={others.filter((o) => o.id !== result.id)}
          person={person}
        />
      )}
    </section>
  );
}
