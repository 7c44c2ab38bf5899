import { partnerCategories } from '@puente/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { shortDate } from '../two-factor/TwoFactorSection';
import type { FhirClient } from './api';
import { ClientKeysForm } from './ClientKeysForm';

interface Props {
  client: FhirClient;
  busy: boolean;
  /** Resolves true once revoked. */
  onRevoke: (client: FhirClient) => Promise<boolean>;
  /** Its keys were registered: the row shows the client as the server now has it. */
  onKeys: (client: FhirClient) => void;
}

/** One clinic system: whose consents it reads, since when, and revoking it after a confirmation. */
export function ClientRow({ client: c, busy, onRevoke, onKeys }: Props) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [keysOpen, setKeysOpen] = useState(false);
  const keysButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLParagraphElement>(null);
  const category = partnerCategories.find((p) => p === c.partnerCategory);
  // The question is read first; the destructive button is never focused for the person.
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const keep = () => {
    setConfirming(false);
    requestAnimationFrame(() => revokeButton.current?.focus());
  };
  const revoke = async () => {
    if (await onRevoke(c)) {
      setConfirming(false);
      // Its buttons are gone: the row itself keeps the focus.
      requestAnimationFrame(() => title.current?.focus());
    }
  };

  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title" ref={title} tabIndex={-1}>
          {c.name} {c.revokedAt && <span class="badge badge--muted">{t('fhirClients.revokedBadge')}</span>}
        </p>
        {c.partnerName && <p class="row-meta">{t('fhirClients.seesNamed', { partner: c.partnerName })}</p>}
        {category && (
          <p class="row-meta">
            {t('fhirClients.seesCategory', { category: t(`vocab.partner_${category}`) })}
          </p>
        )}
        {c.authentication === 'private-key-jwt' ? (
          <p class="row-meta">{t('fhirClients.signsWithKeys', { scopes: c.scopes.join(' ') })}</p>
        ) : (
          !c.revokedAt && <p class="row-meta">{t('fhirClients.secretDeprecated')}</p>
        )}
        <p class="row-meta">{t('fhirClients.created', { date: shortDate(locale, c.createdAt) })}</p>
        {c.revokedAt && (
          <p class="row-meta">{t('fhirClients.revokedOn', { date: shortDate(locale, c.revokedAt) })}</p>
        )}
        {keysOpen && (
          <ClientKeysForm
            client={c}
            onSaved={(saved) => {
              setKeysOpen(false);
              onKeys(saved);
              requestAnimationFrame(() => keysButton.current?.focus());
            }}
          />
        )}
        {confirming && (
          <div class="card card--warn card--inner">
            <p ref={question} tabIndex={-1}>
              {t('fhirClients.revokeQuestion', { name: c.name })}
            </p>
            <div class="actions">
              <button type="button" class="danger" disabled={busy} onClick={() => void revoke()}>
                {t('fhirClients.revokeConfirm')}
              </button>
              <button type="button" onClick={keep}>
                {t('fhirClients.revokeKeep')}
              </button>
            </div>
          </div>
        )}
      </div>
      {!c.revokedAt && !confirming && (
        <div class="row-actions">
          <button
            type="button"
            ref={keysButton}
            aria-expanded={keysOpen}
            aria-label={t(
              keysOpen
                ? 'fhirClients.keysCloseNamed'
                : c.authentication === 'private-key-jwt'
                  ? 'fhirClients.keysChangeNamed'
                  : 'fhirClients.keysOpenNamed',
              { name: c.name },
            )}
            onClick={() => setKeysOpen(!keysOpen)}
          >
            {keysOpen
              ? t('fhirClients.keysClose')
              : t(c.authentication === 'private-key-jwt' ? 'fhirClients.keysChange' : 'fhirClients.keysOpen')}
          </button>
          <button
            type="button"
            ref={revokeButton}
            disabled={busy}
            aria-label={t('fhirClients.revokeNamed', { name: c.name })}
            onClick={() => setConfirming(true)}
          >
            {t('fhirClients.revoke')}
          </button>
        </div>
      )}
    </li>
  );
}
