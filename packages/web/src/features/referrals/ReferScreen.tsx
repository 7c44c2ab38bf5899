import type { Client, DirectoryResult, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link, navigate, type ScreenParams } from '../../app/router';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { DirectorySearch } from '../directory/DirectorySearch';
import { getClient } from '../person/api';
import '../directory/directory.css';
import { ReferForm } from './ReferForm';

/** Find a service for one person, then refer them to it from the result. */
export function ReferScreen({ params }: { params: ScreenParams }) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const [client, setClient] = useState<Client>();
  const [problem, setProblem] = useState<Problem>();
  const [picked, setPicked] = useState<DirectoryResult>();
  const load = () =>
    getClient(id)
      .then(setClient)
      .catch((error) => setProblem(toProblem(error)));
  useEffect(() => {
    void load();
  }, [id]);

  // The form replaces the results; bring keyboard and screen reader users to it.
  useEffect(() => {
    if (picked) document.getElementById('refer-title')?.focus();
  }, [picked?.id]);

  if (!client) {
    return (
      <>
        <PageHeading text={t('directory.title')} />
        <ProblemAlert problem={problem} />
      </>
    );
  }
  const back = `/people/${encodeURIComponent(client.id)}/referrals`;
  return (
    <>
      <p class="crumb">
        <Link href={back}>{client.displayName}</Link>
      </p>
      <PageHeading text={t('referrals.findService', { name: client.displayName })} />
      {picked ? (
        <>
          <ReferForm client={client} service={picked} onClientChanged={load} onSent={() => navigate(back)} />
          <p>
            <button type="button" onClick={() => setPicked(undefined)}>
              {t('referrals.backToResults')}
            </button>
          </p>
        </>
      ) : (
        <DirectorySearch
          person={client}
          need={new URLSearchParams(location.search).get('need') ?? undefined}
          resultActions={(r) => (
            <button type="button" class="primary" onClick={() => setPicked(r)}>
              {t('referrals.referTo', { name: client.displayName })}
            </button>
          )}
        />
      )}
    </>
  );
}
