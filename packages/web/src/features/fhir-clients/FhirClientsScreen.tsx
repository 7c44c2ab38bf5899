import type { Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { type FhirClient, listFhirClients, revokeFhirClient } from './api';
import { ClientRow } from './ClientRow';
import { NewSecret } from './NewSecret';
import { RegisterClientForm } from './RegisterClientForm';

/** Admin: the clinic systems that read the FHIR API, registering one (its secret shown once) and revoking one. */
export function FhirClientsScreen() {
  const { t } = useI18n();
  const [clients, setClients] = useState<FhirClient[]>();
  const [formOpen, setFormOpen] = useState(false);
  const [fresh, setFresh] = useState<FhirClient & { secret: string }>();
  const [status, setStatus] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [busyId, setBusyId] = useState<string>();

  const load = () => listFhirClients().then(setClients, (error) => setProblem(toProblem(error)));
  useEffect(() => void load(), []);

  const registered = (client: FhirClient & { secret: string }) => {
    const { secret: _shownOnce, ...listed } = client;
    setClients((list) => [...(list ?? []), listed]);
    setFormOpen(false);
    setStatus(t('fhirClients.registered', { name: client.name }));
    setFresh(client);
  };

  const secretSaved = () => {
    setFresh(undefined);
    requestAnimationFrame(() => document.getElementById('add-fhir-client')?.focus());
  };

  const keysSaved = (saved: FhirClient) => {
    setClients((list) => list?.map((c) => (c.id === saved.id ? saved : c)));
    setProblem(undefined);
    setStatus(t('fhirClients.keysSaved', { name: saved.name }));
  };

  const revoke = async (client: FhirClient): Promise<boolean> => {
    setBusyId(client.id);
    setStatus(undefined);
    setProblem(undefined);
    try {
      await revokeFhirClient(client.id);
      setStatus(t('fhirClients.revoked', { name: client.name }));
      await load();
      return true;
    } catch (error) {
      setProblem(toProblem(error));
      return false;
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <>
      <PageHeading text={t('fhirClients.title')} />
      <p class="lead">{t('fhirClients.intro')}</p>
      <StatusMessage message={status} />
      {fresh && <NewSecret client={fresh} onDone={secretSaved} />}
      {!fresh && (
        <p>
          <button
            id="add-fhir-client"
            type="button"
            class={formOpen ? '' : 'primary'}
            aria-expanded={formOpen}
            aria-controls="new-fhir-client"
            onClick={() => setFormOpen(!formOpen)}
          >
            {formOpen ? t('fhirClients.closeForm') : t('fhirClients.add')}
          </button>
        </p>
      )}
      {formOpen && <RegisterClientForm onRegistered={registered} />}
      <ProblemAlert problem={problem} />
      {clients && clients.length === 0 && (
        <EmptyState title={t('fhirClients.emptyTitle')}>
          <p>{t('fhirClients.emptyBody')}</p>
        </EmptyState>
      )}
      {clients && clients.length > 0 && (
        <ul class="rows" aria-labelledby="page-heading">
          {clients.map((c) => (
            <ClientRow key={c.id} client={c} busy={busyId === c.id} onRevoke={revoke} onKeys={keysSaved} />
          ))}
        </ul>
      )}
      {!clients && !problem && <p role="status">{t('app.loading')}</p>}
    </>
  );
}
