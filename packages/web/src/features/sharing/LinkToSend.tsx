import { type Client, textablePhone } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { smsLink, whatsappLink } from './links';

interface Props {
  id: string;
  url: string;
  /** The text the person receives with the link, in their language. */
  message: string;
  person: Client;
  labels: { link: string; copy: string; copied: string; sms: string; whatsapp: string };
  onStatus: (message: string) => void;
}

/** A private link made for the person: to copy, or to send by text or WhatsApp from the CHW's own phone. */
export function LinkToSend({ id, url, message, person, labels, onStatus }: Props) {
  const { t } = useI18n();
  const copy = async () => {
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    onStatus(labels.copied);
  };
  return (
    <>
      <div class="field">
        <label for={id}>{labels.link}</label>
        <input id={id} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </div>
      {!person.safeToContact && <p class="warning">{t('person.notSafeWarning')}</p>}
      <p class="actions">
        <button type="button" onClick={() => void copy()}>
          {labels.copy}
        </button>
        <a class="button" href={smsLink(message, textablePhone(person))}>
          {labels.sms}
        </a>
        <a class="button" href={whatsappLink(message)} target="_blank" rel="noopener noreferrer">
          {labels.whatsapp}
        </a>
      </p>
    </>
  );
}
