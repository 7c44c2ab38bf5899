import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { StatusMessage } from '../../ui/Messages';
import type { FhirClient } from './api';
import './fhir-clients.css';

/**
 * The secret of a client just registered, this once: to copy now and hand to
 * the clinic. Puente keeps only its hash, so closing this loses it for good.
 */
export function NewSecret({
  client,
  onDone,
}: {
  client: FhirClient & { secret: string };
  onDone: () => void;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [news, setNews] = useState<string>();
  // The warning is the first thing read once the secret appears.
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    setNews(undefined);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(client.secret);
      setNews(t('fhirClients.copied'));
    } catch {
      setNews(t('fhirClients.copyFailed'));
      document.getElementById('fhir-client-secret')?.focus();
    }
  };

  return (
    <section
      class="card card--warn"
      aria-labelledby="fhir-secret-title"
      aria-describedby="fhir-secret-warning"
    >
      <h2 id="fhir-secret-title" ref={heading} tabIndex={-1}>
        {t('fhirClients.secretTitle')}
      </h2>
      <p id="fhir-secret-warning">{t('fhirClients.secretWarning')}</p>
      <div class="field">
        <label for="fhir-client-secret">{t('fhirClients.secretLabel', { name: client.name })}</label>
        <input
          id="fhir-client-secret"
          class="secret"
          readOnly
          value={client.secret}
          autocomplete="off"
          spellcheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <StatusMessage message={news} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => void copy()}>
          {t('fhirClients.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('fhirClients.secretDone')}
        </button>
      </div>
    </section>
  );
}
