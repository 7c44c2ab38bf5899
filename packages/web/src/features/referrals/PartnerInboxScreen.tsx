import type { PartnerReferral, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { SelectField } from '../../ui/Field';
import { formatDay, languageName } from '../../ui/format';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { Disclosure } from '../person/Disclosure';
import { answerReferral, type ListState, partnerInbox } from './api';
import { ReferralFlags } from './Flags';
import { MoveForm } from './MoveForm';

function InboxCard({
  referral: r,
  onAnswered,
}: {
  referral: PartnerReferral;
  onAnswered: () => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const p = r.person;
  return (
    <li class="card referral">
      <h2 class="row-title">{p.name}</h2>
      <p class="row-meta">
        {t('referrals.fromLine', {
          name: r.referredByName,
          program: r.programName,
          date: formatDay(locale, r.createdAt.slice(0, 10)),
        })}
      </p>
      <p class="row-meta">
        {r.serviceName} · {t(`vocab.needArea_${r.need}`)}
      </p>
      <ReferralFlags referral={r} />
      <p>{r.reason}</p>
      <p class="row-meta">
        {t('referrals.personLanguage', { language: languageName(t, p.language) })}
        {p.ageRange ? ` · ${t('referrals.personAge', { range: p.ageRange })}` : ''}
      </p>
      {r.doNotContact ? (
        <p class="warning">{t('referrals.partnerDoNotContact')}</p>
      ) : p.phone ? (
        <p>
          <a href={`tel:${p.phone}`}>{t('referrals.personPhone', { phone: p.phone })}</a>
        </p>
      ) : (
        <p class="row-meta">{t('referrals.personNoPhone')}</p>
      )}
      {r.nextStatuses.length > 0 && (
        <Disclosure
          id={`answer-${r.id}`}
          label={t('referrals.answer')}
          name={t('referrals.answerNamed', { name: p.name })}
          open={open}
          onToggle={setOpen}
        >
          <MoveForm
            id={`answer-${r.id}`}
            moves={r.nextStatuses}
            onSave={(body) => answerReferral(r.id, body)}
            onSaved={() => {
              setOpen(false);
              void onAnswered();
            }}
          />
        </Disclosure>
      )}
    </li>
  );
}

/** The partner's inbox: the referrals sent to their organization, urgent first, with the minimum about each person. */
export function PartnerInboxScreen() {
  const { t } = useI18n();
  const [state, setState] = useState<ListState>('open');
  const [referrals, setReferrals] = useState<PartnerReferral[]>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const load = () =>
    partnerInbox(state)
      .then((list) => {
        setReferrals(list);
        setProblem(undefined);
      })
      .catch((error) => setProblem(toProblem(error)));
  useEffect(() => {
    setReferrals(undefined);
    void load();
  }, [state]);
  const answered = async () => {
    await load();
    setStatus(t('referrals.answered'));
  };
  return (
    <>
      <PageHeading text={t('referrals.inboxTitle')} />
      <p class="lead">{t('referrals.inboxIntro')}</p>
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      <SelectField
        id="inbox-state"
        label={t('referrals.filterLabel')}
        value={state}
        onValue={(v) => setState(v === 'closed' || v === 'all' ? v : 'open')}
        options={[
          { value: 'open', label: t('referrals.filterOpen') },
          { value: 'closed', label: t('referrals.filterClosed') },
          { value: 'all', label: t('referrals.filterAll') },
        ]}
      />
      {referrals && referrals.length === 0 && (
        <EmptyState title={t('referrals.inboxTitle')}>
          <p>{t('referrals.inboxEmpty')}</p>
        </EmptyState>
      )}
      {referrals && referrals.length > 0 && (
        <ul class="rows">
          {referrals.map((r) => (
            <InboxCard key={r.id} referral={r} onAnswered={answered} />
          ))}
        </ul>
      )}
    </>
  );
}
