import type { OutreachEvent, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { EmptyState, ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { listEvents } from './api';

/** The organization's outreach events, newest first. */
export function EventsScreen() {
  const { t } = useI18n();
  const [events, setEvents] = useState<OutreachEvent[]>();
  const [problem, setProblem] = useState<Problem>();

  useEffect(() => {
    listEvents()
      .then(setEvents)
      .catch((error) => setProblem(toProblem(error)));
  }, []);

  return (
    <>
      <PageHeading text={t('outreach.eventsTitle')} />
      <p class="lead">{t('outreach.eventsIntro')}</p>
      <p>
        <Link href="/events/new" class="button primary">
          {t('outreach.newEvent')}
        </Link>
      </p>
      <ProblemAlert problem={problem} />
      {events && events.length === 0 && (
        <EmptyState title={t('outreach.noEvents')}>
          <p>{t('outreach.eventsIntro')}</p>
        </EmptyState>
      )}
      <ul class="rows">
        {(events ?? []).map((e) => (
          <li key={e.id} class="row">
            <div class="row-main">
              <Link href={`/events/${e.id}`} class="row-title">
                {e.title}
              </Link>
              <p class="row-meta">
                {e.heldOn} · {e.place} · {t(`outreach.status_${e.status}`)}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
