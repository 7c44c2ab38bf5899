import type { ListingProposal, MyListings, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatMoment } from '../../ui/format';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { emptyService, ServiceFields, type ServiceValues } from '../directory/ServiceFields';
import { myListings, ownListingForm, proposeChange } from './api';
import { ProposalChanges } from './ProposalChanges';

const statusLabel = {
  pending: 'listings.statusPending',
  approved: 'listings.statusApproved',
  declined: 'listings.statusDeclined',
} as const;

function Proposal({ proposal: p }: { proposal: ListingProposal }) {
  const { t, locale } = useI18n();
  return (
    <li class="card" aria-labelledby={`mine-${p.id}`}>
      <h3 id={`mine-${p.id}`}>{p.serviceName}</h3>
      <p>
        <span class={p.status === 'declined' ? 'badge badge--warn' : 'badge'}>
          {t(statusLabel[p.status])}
        </span>
      </p>
      {p.reason && <p class="note">{t('listings.declinedBecause', { reason: p.reason })}</p>}
      <p class="hint">{t('listings.sentOn', { date: formatMoment(locale, p.proposedAt) })}</p>
      <ProposalChanges changes={p.changes} />
    </li>
  );
}

/**
 * A partner organization's own services in the program's directory: it proposes a change in the
 * same form the admin uses, and sees each proposal's answer (with the reason when declined).
 */
export function MyListingsScreen() {
  const { t } = useI18n();
  const [page, setPage] = useState<MyListings>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [editing, setEditing] = useState<{ id: string; name: string }>();
  const [values, setValues] = useState<ServiceValues>(emptyService);
  const [sent, setSent] = useState<string>();
  const opening = useAction();
  const sending = useAction();

  const load = () =>
    myListings()
      .then(setPage)
      .catch((error) => setLoadProblem(toProblem(error)));
  useEffect(() => void load(), []);

  const open = (id: string, name: string) =>
    void opening.run(async () => {
      setSent(undefined);
      sending.setProblem(undefined);
      const view = await ownListingForm(id);
      setValues({ ...emptyService, ...view.form });
      setEditing({ id, name });
    });
  const send = (event: Event) => {
    event.preventDefault();
    if (!editing) return;
    void sending.run(async () => {
      await proposeChange({ serviceId: editing.id, form: values });
      setSent(t('listings.sent', { name: editing.name }));
      setEditing(undefined);
      await load();
    });
  };

  return (
    <>
      <PageHeading text={t('listings.title')} />
      <p class="lead">{t('listings.intro')}</p>
      <ProblemAlert problem={loadProblem ?? opening.problem} />
      <StatusMessage message={sent} />
      {!page && !loadProblem && <p role="status">{t('app.loading')}</p>}
      {page?.services.length === 0 && (
        <EmptyState title={t('listings.noListingsTitle')}>
          <p>{t('listings.noListings')}</p>
        </EmptyState>
      )}
      {page && page.services.length > 0 && (
        <ul class="plain-list import-rows">
          {page.services.map((s) => (
            <li key={s.id}>
              <button type="button" disabled={opening.busy} onClick={() => open(s.id, s.name)}>
                {t('listings.propose', { name: s.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <form class="card" onSubmit={send} noValidate aria-labelledby="proposal-form-title">
          <h2 id="proposal-form-title">{t('listings.proposeTitle', { name: editing.name })}</h2>
          <p class="hint">{t('listings.proposeHint')}</p>
          <ServiceFields idPrefix="proposal" values={values} onValues={setValues} errors={sending.errors} />
          <ProblemAlert problem={sending.problem} />
          <button type="submit" class="primary" disabled={sending.busy}>
            {sending.busy ? t('listings.sending') : t('listings.send')}
          </button>{' '}
          <button type="button" onClick={() => setEditing(undefined)}>
            {t('listings.cancel')}
          </button>
        </form>
      )}
      {page && page.services.length > 0 && (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t('listings.yoursTitle')}</h2>
          {page.proposals.length === 0 ? (
            <p>{t('listings.yoursEmpty')}</p>
          ) : (
            <ul class="plain-list">
              {page.proposals.map((p) => (
                <Proposal key={p.id} proposal={p} />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
