import type { PartnerAccount, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { SelectField } from '../../ui/Field';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { Input } from '../clients/controls';
import { useAction } from '../clients/useAction';
import { findOrganizations, linkPartner, partnerAccounts } from './api';

function PartnerRow({
  account: a,
  onLinked,
}: {
  account: PartnerAccount;
  onLinked: (message: string) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<{ id: string; name: string }[]>([]);
  const [chosen, setChosen] = useState('');
  const { busy, problem, run } = useAction();
  useEffect(() => {
    const timer = setTimeout(() => {
      findOrganizations(search.trim())
        .then((orgs) => {
          setFound(orgs);
          setChosen((c) => (orgs.some((o) => o.id === c) ? c : (orgs[0]?.id ?? '')));
        })
        .catch(() => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);
  const id = (name: string) => `partner-${a.userId}-${name}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const linked = await linkPartner(a.userId, chosen);
      onLinked(t('referrals.linked', { name: a.displayName, org: linked.organizationName ?? '' }));
    });
  };
  return (
    <li class="card">
      <h2 class="row-title">{a.displayName}</h2>
      <p class="row-meta">{a.email}</p>
      <p>
        {a.organizationName ? t('referrals.linkedTo', { org: a.organizationName }) : t('referrals.notLinked')}
      </p>
      <form onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} />
        <Input
          id={id('search')}
          label={t('referrals.organizationSearch')}
          value={search}
          onValue={setSearch}
        />
        <SelectField
          id={id('org')}
          label={t('referrals.organization')}
          value={chosen}
          onValue={setChosen}
          options={
            found.length > 0
              ? found.map((o) => ({ value: o.id, label: o.name }))
              : [{ value: '', label: t('referrals.chooseOrganization') }]
          }
        />
        <button type="submit" class="primary" disabled={busy || !chosen}>
          {t('referrals.link')}
        </button>
      </form>
    </li>
  );
}

/** Admin: which directory organization each partner account answers referrals for. */
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
