import type { Client, MessageKey, Problem } from '@puente/core';
import { roleCan } from '@puente/core';
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link, type ScreenParams } from '../../app/router';
import { useSession } from '../../app/session';
import { data } from '../../offline/data';
import { useSyncedAt } from '../../offline/useSyncedAt';
import { lazy } from '../../ui/Lazy';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { getClient } from './api';
import { BreakGlassForm } from './BreakGlassForm';
import { ClientHeader } from './ClientHeader';
import { ConsentSection } from './ConsentSection';
import { DetailsSection } from './DetailsSection';
import { FollowUpsSection } from './FollowUpsSection';
import { HandoverSection } from './HandoverSection';
import { LinksSection } from './LinksSection';
import { PlanSection } from './PlanSection';
import { RiskFlagBanner } from './RiskFlagBanner';
import type { SectionProps } from './section';
import { VisitsSection } from './VisitsSection';
import './person.css';

const ScreeningSection = lazy(() => import('../screenings/ScreeningSection').then((m) => m.ScreeningSection));
const SafetyPlanSection = lazy(() =>
  import('../safety-plans/SafetyPlanSection').then((m) => m.SafetyPlanSection),
);
const EducationSection = lazy(() => import('../education/EducationSection').then((m) => m.EducationSection));
const ReferralsSection = lazy(() => import('../referrals/ReferralsSection').then((m) => m.ReferralsSection));
const MessagesSection = lazy(() => import('../messages/MessagesSection').then((m) => m.MessagesSection));

/** Sections only the people who screen (CHWs, supervisors) see. */
const screeningTabs = new Set(['screening', 'safety-plan', 'learn', 'referrals']);

const tabs: { path: string; label: MessageKey; Section: FunctionComponent<SectionProps> }[] = [
  { path: 'visits', label: 'person.visits', Section: VisitsSection },
  { path: 'plan', label: 'person.plan', Section: PlanSection },
  { path: 'screening', label: 'screening.tab', Section: ScreeningSection },
  { path: 'safety-plan', label: 'safetyPlan.tab', Section: SafetyPlanSection },
  { path: 'learn', label: 'education.tab', Section: EducationSection },
  { path: 'referrals', label: 'referrals.tab', Section: ReferralsSection },
  { path: 'follow-ups', label: 'person.followUps', Section: FollowUpsSection },
  { path: 'messages', label: 'sms.tab', Section: MessagesSection },
  { path: 'consent', label: 'person.consent', Section: ConsentSection },
  { path: 'links', label: 'links.tab', Section: LinksSection },
  { path: 'details', label: 'person.details', Section: DetailsSection },
  { path: 'handover', label: 'person.handover', Section: HandoverSection },
];

/** One person's page: who they are, then visits, plan, follow-ups, consent, details (and handover for supervisors). */
export function ClientScreen({ params }: { params: ScreenParams }) {
  const { t } = useI18n();
  const { me } = useSession();
  const id = params.id ?? '';
  const [client, setClient] = useState<Client>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();

  const reload = () =>
    getClient(id)
      .then((c) => {
        setClient(c);
        setProblem(undefined);
      })
      .catch((error) => {
        const refused = toProblem(error);
        // Gone from this phone (transferred, access ended): the record leaves the screen too.
        if (refused.status === 404) setClient(undefined);
        setProblem(refused);
      });

  useEffect(() => {
    setClient(undefined);
    setStatus(undefined);
    void reload();
  }, [id]);

  // A sync may bring changes made elsewhere (a partner's answer, a colleague's visit) or take the
  // person off this phone; read again without clearing what is on screen, so no form loses typing.
  const syncedAt = useSyncedAt();
  useEffect(() => {
    if (client) void reload();
  }, [syncedAt]);

  // The loading heading that had focus is gone once the record arrives; keep screen readers on the page.
  useEffect(() => {
    if (client && (!document.activeElement || document.activeElement === document.body)) {
      document.getElementById('page-heading')?.focus();
    }
  }, [client?.id]);

  useEffect(() => setStatus(undefined), [params.tab]);

  const changed = async (message: string) => {
    await reload();
    setStatus(message);
  };

  const canHandOver = roleCan(me.role, 'clients.handover');
  const screens = roleCan(me.role, 'screenings.work');
  const texts = roleCan(me.role, 'texts.work');
  const shown = tabs.filter(
    (tab) =>
      (tab.path !== 'handover' || canHandOver) &&
      (!screeningTabs.has(tab.path) || screens) &&
      (tab.path !== 'messages' || texts),
  );
  const current = shown.find((tab) => tab.path === params.tab) ?? shown[0];

  if (!client) {
    const notFound = problem?.status === 404;
    return (
      <>
        <PageHeading text={notFound ? t('person.notFoundTitle') : t('app.loading')} />
        {notFound ? <p>{t('person.notFoundBody')}</p> : <ProblemAlert problem={problem} />}
        {notFound && canHandOver && <BreakGlassForm clientId={id} onOpened={() => void reload()} />}
      </>
    );
  }
  return (
    <>
      <ClientHeader client={client} />
      <RiskFlagBanner client={client} onChanged={changed} />
      {data().households && (
        <p class="household-link">
          <Link href={`/people/${id}/household`} class="button">
            {t('households.link')}
          </Link>
        </p>
      )}
      {screens && (
        <p class="crisis-entry">
          <Link href={`/people/${id}/crisis`} class="button crisis-button">
            {t('crisis.button')}
          </Link>
        </p>
      )}
      <nav aria-label={t('person.sections')} class="tabs">
        <ul>
          {shown.map((tab) => (
            <li key={tab.path}>
              <Link href={`/people/${id}/${tab.path}`} aria-current={tab === current ? 'page' : undefined}>
                {t(tab.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {current && <current.Section client={client} onChanged={changed} />}
    </>
  );
}
