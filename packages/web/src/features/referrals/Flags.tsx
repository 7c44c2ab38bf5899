import type { PartnerReferral, Referral } from '@puente/core';
import { useI18n } from '../../app/i18n';

/** Status in words (with its reason), urgency and "do not contact": read first on both sides. */
export function ReferralFlags({ referral: r }: { referral: Referral | PartnerReferral }) {
  const { t } = useI18n();
  const status = t(`referrals.status_${r.status}`);
  const outcome = r.outcome && r.outcome !== 'got-help' ? t(`referrals.outcome_${r.outcome}`) : undefined;
  const why = [outcome, r.statusReason].filter(Boolean).join(' — ');
  return (
    <>
      <p class={`referral-status referral-status--${r.status}`}>
        <strong>{why ? t('referrals.statusWithReason', { status, reason: why }) : status}</strong>
        {r.urgency === 'urgent' && <span class="badge">{t('referrals.urgent')}</span>}
      </p>
      {r.result && <p class="row-meta">{t('referrals.resultLine', { result: r.result })}</p>}
      {r.capacity && <p class="row-meta">{t(`referrals.capacity_${r.capacity}`)}</p>}
      {r.enrollment && <p class="row-meta">{t(`referrals.enrollment_${r.enrollment}`)}</p>}
    </>
  );
}
