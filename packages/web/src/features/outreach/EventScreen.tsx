import type { CheckPhase, OutreachEventDetail, Problem } from '@puente/core';
import { roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link, type ScreenParams } from '../../app/router';
import { useSession } from '../../app/session';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import '../education/education.css';
import { getEvent, updateEvent } from './api';
import { ChangeCard } from './ChangeCard';
import { HeldForm } from './HeldForm';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';

const nextPhase: Record<
  CheckPhase,
  { to: CheckPhase; label: 'outreach.openPost' | 'outreach.closeCheck' | 'outreach.openPre' }[]
> = {
  pre: [{ to: 'post', label: 'outreach.openPost' }],
  post: [
    { to: 'closed', label: 'outreach.closeCheck' },
    { to: 'pre', label: 'outreach.openPre' },
  ],
  closed: [{ to: 'post', label: 'outreach.openPost' }],
};

/** One event: the attendees' link and QR code, what changed, who asked to be contacted. */
export function EventScreen({ params }: { params: ScreenParams }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [event, setEvent] = useState<OutreachEventDetail>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const { busy, problem, run } = useAction();
  const id = params.id ?? '';

  const reload = () =>
    getEvent(id)
      .then(setEvent)
      .catch((error) => setLoadProblem(toProblem(error)));
  useEffect(() => {
    void reload();
  }, [id]);

  if (!event) {
    return (
      <>
        <PageHeading text={t('outreach.eventsTitle')} />
        <ProblemAlert problem={loadProblem} />
      </>
    );
  }
  const changed = async (message: string) => {
    await reload();
    setStatus(message);
  };
  const setPhase = (to: CheckPhase) =>
    run(async () => {
      await updateEvent(event.id, { checkPhase: to });
      await changed(t(`outreach.phase_${to}`));
    });

  return (
    <>
      <p class="crumb">
        <Link href="/events">{t('outreach.eventsTitle')}</Link>
      </p>
      <PageHeading text={event.title} />
      <p class="lead">
        {event.heldOn} · {event.place} · {t(`outreach.status_${event.status}`)}
      </p>
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {event.checkUrl && (
        <section class="card" aria-labelledby="attendee-heading">
          <h2 id="attendee-heading">{t('outreach.attendeeLink')}</h2>
          <p class="hint">{t('outreach.attendeeLinkHint')}</p>
          {event.checkQr && (
            <img class="qr" src={event.checkQr} alt={t('outreach.qrAlt', { url: event.checkUrl })} />
          )}
          <p class="short-link">{event.checkUrl.replace(/^https?:\/\//, '')}</p>
          <p class="hint">{event.checkTitle}</p>
          <p>
            {t('outreach.openHalf')}: <strong>{t(`outreach.phase_${event.checkPhase}`)}</strong>
          </p>
          <p class="actions">
            {nextPhase[event.checkPhase].map((n) => (
              <button key={n.to} type="button" disabled={busy} onClick={() => void setPhase(n.to)}>
                {t(n.label)}
              </button>
            ))}
          </p>
          <button type="button" onClick={() => void reload()}>
            {t('outreach.reload')}
          </button>
        </section>
      )}
      {event.change && <ChangeCard change={event.change} />}
      <HeldForm event={event} onSaved={() => changed(t('outreach.saved'))} />
      {roleCan(me.role, 'clients.register') && (
        <SignUpForm event={event} onAdded={(name) => changed(t('outreach.signUpAdded', { name }))} />
      )}
      <SignInForm event={event} onAdded={() => changed(t('outreach.signInAdded'))} />
    </>
  );
}
