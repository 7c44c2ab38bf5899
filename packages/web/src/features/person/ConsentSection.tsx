import { type Consent, partnerCategories, sharedKinds } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { formatDay, formatMoment } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { revokeConsent } from './api';
import { ConsentForm } from './ConsentForm';
import { Disclosure } from './Disclosure';
import { shareKindOrder } from './ShareKindsField';
import type { SectionProps } from './section';

interface RowProps {
  consent: Consent;
  onRevoke?: (consent: Consent) => Promise<boolean>;
}

function ConsentRow({ consent: c, onRevoke }: RowProps) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const kind = t(`vocab.consentKind_${c.kind}`);
  const category = partnerCategories.find((p) => p === c.partnerCategory);
  const partner = c.partnerName ?? (category ? t(`vocab.partner_${category}`) : null);
  // What a consent to share covers, as the policy reads it (never less than name, language and the referral).
  const covered = sharedKinds(c);
  const covers = shareKindOrder
    .filter((k) => covered.includes(k))
    .map((k) => t(`person.shareKindShort_${k}`));
  const revoke = async () => {
    if (!onRevoke) return;
    setBusy(true);
    if (!(await onRevoke(c))) setBusy(false);
  };
  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title">{kind}</p>
        {partner && <p class="row-meta">{t('person.consentPartner', { partner })}</p>}
        {covers.length > 0 && (
          <p class="row-meta">{t('person.consentCovers', { kinds: covers.join(', ') })}</p>
        )}
        <p class="row-meta">
          {t('person.consentGiven', {
            method: t(`vocab.consentMethod_${c.method}`),
            date: formatDay(locale, c.givenOn),
            by: c.recordedBy,
          })}
        </p>
        {c.revokedAt && (
          <p class="row-meta">
            {t('person.consentRevokedBy', { when: formatMoment(locale, c.revokedAt), by: c.revokedBy ?? '' })}
          </p>
        )}
        {c.note && <p class="note">{c.note}</p>}
        {onRevoke && confirming && (
          <div class="confirm">
            <p id={`revoke-${c.id}`}>{t('person.revokeConfirm')}</p>
            <p class="actions">
              <button type="button" class="danger" disabled={busy} onClick={revoke}>
                {t('person.revokeYes')}
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                {t('person.revokeNo')}
              </button>
            </p>
          </div>
        )}
      </div>
      {onRevoke && !confirming && (
        <div class="row-actions">
          <button
            type="button"
            aria-label={t('person.revokeNamed', { kind })}
            onClick={() => setConfirming(true)}
          >
            {t('person.revoke')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Consent given and revoked, with who and when; record a new one, or revoke after confirming. */
export function ConsentSection({ client, onChanged }: SectionProps) {
  const { t } = useI18n();
  const current = client.consents.filter((c) => !c.revokedAt);
  const revoked = client.consents.filter((c) => c.revokedAt);
  const [open, setOpen] = useState(!current.some((c) => c.kind === 'service'));
  const { problem, run } = useAction();
  const saved = async () => {
    setOpen(false);
    await onChanged(t('person.consentSaved'));
    document.getElementById('new-consent-toggle')?.focus();
  };
  const revoke = (c: Consent) =>
    run(async () => {
      await revokeConsent(client.id, c.id);
      await onChanged(t('person.revoked'));
    });
  return (
    <section aria-labelledby="consent-title">
      <h2 id="consent-title">{t('person.consent')}</h2>
      <ProblemAlert problem={problem} />
      <Disclosure id="new-consent" label={t('person.recordConsent')} open={open} onToggle={setOpen}>
        <ConsentForm clientId={client.id} onSaved={saved} />
      </Disclosure>
      <h3>{t('person.consentCurrent')}</h3>
      {current.length === 0 ? (
        <p class="hint">{t('person.consentNone')}</p>
      ) : (
        <ul class="rows">
          {current.map((c) => (
            <ConsentRow key={c.id} consent={c} onRevoke={revoke} />
          ))}
        </ul>
      )}
      {revoked.length > 0 && (
        <>
          <h3>{t('person.consentRevoked')}</h3>
          <ul class="rows">
            {revoked.map((c) => (
              <ConsentRow key={c.id} consent={c} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
