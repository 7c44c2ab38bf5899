import {
  type Client,
  type CrisisProtocolInfo,
  isLocale,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n, useMessages } from '../../app/i18n';
import { t } from '../../app/messages';
import { Link, type ScreenParams } from '../../app/router';
import { useSession } from '../../app/session';
import { formatMoment } from '../../ui/format';
import { PageHeading } from '../../ui/PageHeading';
import { getClient } from '../person/api';
import { AlertSupervisor } from './AlertSupervisor';
import { CrisisLines, Emergency, OnCall } from './CrisisLines';
import { crisisInfo } from './reference';
import './crisis.css';

/**
 * The crisis protocol: calm, full screen, nothing to hunt for. It reads only
 * what the phone already has, so it opens with no signal. The steps can be
 * shown in the person's language; the screen itself stays in the CHW's.
 */
export function CrisisScreen({ params }: { params: ScreenParams }) {
  const { t: tr, locale } = useI18n();
  const { me } = useSession();
  const id = params.id ?? '';
  const [client, setClient] = useState<Client>();
  const [info, setInfo] = useState<{ info?: CrisisProtocolInfo; savedAt?: string }>();
  const [shown, setShown] = useState<Locale>(locale);
  useMessages(shown);

  useEffect(() => {
    getClient(id).then(setClient, (e) => toProblem(e));
    void crisisInfo(me).then(setInfo);
  }, [id, me]);

  const theirs = client && isLocale(client.preferredLanguage) ? client.preferredLanguage : undefined;
  const tp = (key: MessageKey, p?: MessageParams) => t(shown, key, p);
  const name = client?.displayName ?? '';

  return (
    <div class="protocol">
      <PageHeading text={tr('crisis.title')} />
      {client && <p class="lead">{tr('crisis.forPerson', { name })}</p>}
      {theirs && theirs !== locale && (
        <p>
          <button
            type="button"
            onClick={() => setShown(shown === locale ? theirs : locale)}
            aria-pressed={shown === theirs}
          >
            {shown === locale ? tr('crisis.personLanguage') : tr('crisis.myLanguage')}
          </button>
        </p>
      )}
      <div lang={shown}>
        <p class="protocol-calm">{tp('crisis.calm')}</p>
        <ol class="protocol-steps">
          <li>{tp('crisis.stepStay')}</li>
          <li>{tp('crisis.stepListen')}</li>
          <li>{tp('crisis.stepSafe')}</li>
        </ol>
        <CrisisLines info={info?.info} tp={tp} />
        <OnCall info={info?.info} tp={tp} />
        <Emergency info={info?.info} tp={tp} />
      </div>
      {info && !info.info && <p class="hint">{tr('crisis.notSaved')}</p>}
      {info?.savedAt && !navigator.onLine && (
        <p class="hint">{tr('crisis.savedOffline', { when: formatMoment(locale, info.savedAt) })}</p>
      )}
      <AlertSupervisor clientId={id} info={info?.info} />
      <section aria-labelledby="after-title" class="protocol-block">
        <h2 id="after-title">{tr('crisis.afterTitle')}</h2>
        <p>{tr('crisis.afterBody')}</p>
        <p>
          <Link href={`/people/${id}/safety-plan`} class="button">
            {tr('crisis.toSafetyPlan')}
          </Link>
        </p>
        <p>
          <Link href={`/people/${id}`}>{tr('crisis.backToPerson', { name: name || tr('app.loading') })}</Link>
        </p>
      </section>
    </div>
  );
}
