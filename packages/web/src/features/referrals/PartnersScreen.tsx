import type { PartnerAccount, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { partnerAccounts } from './api';
import { PartnerServicesForm } from './PartnerServicesForm';

const serviceList = (a: PartnerAccount) => a.services.map((s) => s.name).join(', ');

function PartnerRow({
  account: a,
  onLinked,
}: {
  account: PartnerAccount;
  onLinked: (message: string) => void;
}) {
  const { t } = useI18n();
  return (
    <li class="card">
      <h2 class="row-title">{a.displayName}</h2>
      <p class="row-meta">{a.email}</p>
      <p>
        {a.services.length > 0
          ? t('referrals.linkedTo', { services: serviceList(a) })
          : t('referrals.notLinked')}
      </p>
      <PartnerServicesForm
        account={a}
        onSaved={(linked) =>
          onLinked(
            linked.services.length > 0
              ? t('referrals.linked', { name: linked.displayName, services: serviceList(linked) })
              : t('referrals.unlinked', { name: linked.displayName }),
          )
        }
      />
    </li>
  );
}

/** Admin: which directory services each partner account answers referrals for. */
export function PartnersScreen() {
  const { t } = useI18n();
  const [accounts, setAccounts] = useState<PartnerAccount[]>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const load = () =>
    partnerAccounts()
      .then(setAccounts)
      .catch((error) => setProblem(toProblem(error)));
  useEffect(() => {
    void load();
  }, []);
  return (
    <>
      <PageHeading text={t('referrals.partnersTitle')} />
      <p class="lead">{t('referrals.partnersIntro')}</p>
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {accounts && accounts.length === 0 && (
        <EmptyState title={t('referrals.partnersTitle')}>
          <p>{t('referrals.noPartners')}</p>
        </EmptyState>
      )}
      {accounts && accounts.length > 0 && (
        <ul class="rows">
          {accounts.map((a) => (
            <PartnerRow
              key={a.userId}
              account={a}
              onLinked={(message) => {
                setStatus(message);
                void load();
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}
