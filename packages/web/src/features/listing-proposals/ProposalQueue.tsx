import type { ListingProposal, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { TextArea } from '../../ui/Field';
import { formatMoment } from '../../ui/format';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { Disclosure } from '../person/Disclosure';
import { approveProposal, declineProposal, pendingProposals } from './api';
import { ProposalChanges } from './ProposalChanges';

function Pending({
  proposal: p,
  onDecided,
}: {
  proposal: ListingProposal;
  onDecided: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, problem, errors, run } = useAction();
  const approve = () =>
    void run(async () => {
      await approveProposal(p.id);
      onDecided(t('listings.approved', { name: p.serviceName }));
    });
  const decline = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await declineProposal(p.id, reason.trim());
      onDecided(t('listings.declined'));
    });
  };
  return (
    <li class="flag" aria-labelledby={`proposal-${p.id}`}>
      <h3 id={`proposal-${p.id}`}>{p.serviceName}</h3>
      <p class="hint">
        {t('listings.proposedBy', { name: p.proposedByName, date: formatMoment(locale, p.proposedAt) })}
      </p>
      <ProposalChanges changes={p.changes} />
      <ProblemAlert problem={problem} />
      <p class="actions">
        <button type="button" class="primary" disabled={busy} onClick={approve}>
          {t('listings.approve')}
        </button>
      </p>
      <Disclosure
        id={`decline-${p.id}`}
        label={t('listings.decline')}
        name={t('listings.declineNamed', { name: p.serviceName })}
        open={declining}
        onToggle={setDeclining}
      >
        <form onSubmit={decline} noValidate>
          <TextArea
            id={`decline-${p.id}-reason`}
            label={t('listings.reason')}
            value={reason}
            onValue={setReason}
            error={errors.reason}
            maxLength={500}
          />
          <button type="submit" disabled={busy}>
            {t('listings.confirmDecline')}
          </button>
        </form>
      </Disclosure>
    </li>
  );
}

/** The admin's queue of changes partners proposed to their own listings: each field before and after. */
export function ProposalQueue() {
  const { t } = useI18n();
  const [proposals, setProposals] = useState<ListingProposal[]>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();

  useEffect(() => {
    pendingProposals()
      .then(setProposals)
      .catch((error) => setLoadProblem(toProblem(error)));
  }, []);

  const decided = (id: string) => (message: string) => {
    setProposals((list) => list?.filter((p) => p.id !== id));
    setStatus(message);
  };

  return (
    <section class="card" aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t('listings.queueTitle')}</h2>
      <ProblemAlert problem={loadProblem} />
      <StatusMessage message={status} />
      {!proposals && !loadProblem && <p role="status">{t('app.loading')}</p>}
      {proposals?.length === 0 && <p>{t('listings.queueEmpty')}</p>}
      {proposals && proposals.length > 0 && (
        <ul class="plain-list">
          {proposals.map((p) => (
            <Pending key={p.id} proposal={p} onDecided={decided(p.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
