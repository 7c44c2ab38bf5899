import type { SetupChecklist as Checklist, Locale, Problem, SetupStep, SetupStepId } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { dateFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { ProblemAlert } from '../../ui/Messages';
import { getSetupChecklist } from './api';
import './setup.css';

type T = ReturnType<typeof useI18n>['t'];

/** Where each step is done. CHWs are invited on the admin's home itself, by the button the caller gives. */
const screenOf: Record<Exclude<SetupStepId, 'chws'>, string> = {
  name: '/admin/program',
  logo: '/admin/program',
  timeZone: '/admin/program',
  language: '/admin/program',
  crisis: '/admin/crisis',
  teams: '/admin/teams',
  directory: '/admin/directory',
  caseload: '/admin/caseload-import',
};

/**
 * A time zone as people say it, with the name the program screen takes: "hora del Pacífico
 * (America/Los_Angeles)". Only the name when the browser cannot name the zone.
 */
function zoneLabel(zone: string, locale: Locale): string {
  try {
    const said = dateFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return said && said !== zone ? `${said} (${zone})` : zone;
  } catch {
    return zone;
  }
}

/** The step's state in plain words, from what the server found. */
function detailOf(step: SetupStep, t: T, locale: Locale): string {
  const done = step.state === 'done';
  switch (step.id) {
    case 'name':
      return t(done ? 'users.setup_nameDone' : 'users.setup_nameMissing', { name: step.value ?? '' });
    case 'logo':
      return t(done ? 'users.setup_logoDone' : 'users.setup_logoMissing');
    case 'timeZone':
      return t(done ? 'users.setup_timeZoneDone' : 'users.setup_timeZoneMissing', {
        zone: zoneLabel(step.value ?? '', locale),
      });
    case 'language':
      return done && step.language
        ? t('users.setup_languageDone', { language: t(`vocab.lang_${step.language}`) })
        : t('users.setup_languageMissing');
    case 'crisis':
      return done
        ? t('users.setup_crisisDone')
        : t('users.setup_crisisMissing', {
            items: (step.gaps ?? []).map((g) => t(`crisis.missing_${g}`)).join(', '),
          });
    case 'teams':
      return done ? t('users.setup_teamsDone', { count: step.count ?? 0 }) : t('users.setup_teamsMissing');
    case 'chws':
      return done
        ? t('users.setup_chwsDone', { count: step.count ?? 0, pending: step.pending ?? 0 })
        : t('users.setup_chwsMissing');
    case 'directory':
      return done
        ? t('users.setup_directoryDone', { count: step.count ?? 0 })
        : t('users.setup_directoryMissing');
    case 'caseload':
      return done
        ? t('caseloadImport.setup_caseloadDone', { count: step.count ?? 0 })
        : t('caseloadImport.setup_caseloadMissing');
  }
}

const stateKey = {
  done: 'users.setupDone',
  missing: 'users.setupMissing',
  unavailable: 'users.setupUnavailable',
} as const;
const mark = { done: '✓', missing: '!', unavailable: '–' } as const;

function Step({ step, onInvite }: { step: SetupStep; onInvite: () => void }) {
  const { t, locale } = useI18n();
  return (
    <li class={`setup-step setup-step--${step.state}`}>
      <span class="setup-mark" aria-hidden="true">
        {mark[step.state]}
      </span>
      <div class="setup-body">
        {/* The state is words, read with the title: never the colour or the mark alone. */}
        <p class="setup-title">
          {t(`users.setup_${step.id}`)}: <strong class="setup-state">{t(stateKey[step.state])}</strong>
        </p>
        <p class="setup-detail">{detailOf(step, t, locale)}</p>
        {step.id === 'chws' && (
          <button type="button" class={step.state === 'missing' ? 'primary' : undefined} onClick={onInvite}>
            {t('users.setup_chwsGo')}
          </button>
        )}
        {step.id !== 'chws' && (
          <Link href={screenOf[step.id]} class={step.state === 'missing' ? 'button primary' : 'button'}>
            {step.id === 'caseload' ? t('caseloadImport.setup_caseloadGo') : t(`users.setup_${step.id}Go`)}
          </Link>
        )}
      </div>
    </li>
  );
}

/**
 * The admin's first-run checklist: each step of setting the program up, done or missing in plain
 * words, with the way to the screen where it is done. Open while something is missing; once all is
 * done it folds to one line, since the admin's home is also where users are managed every day.
 */
export function SetupChecklist({
  onInvite,
  onLoaded,
  version,
}: {
  onInvite: () => void;
  onLoaded?: (list: Checklist) => void;
  version: number;
}) {
  const { t } = useI18n();
  const [list, setList] = useState<Checklist>();
  const [problem, setProblem] = useState<Problem>();
  const [attempt, setAttempt] = useState(0);
  // Counted again after a change made on this screen (an invitation), or when asked to try again.
  useEffect(() => {
    setProblem(undefined);
    getSetupChecklist()
      .then((loaded) => {
        setList(loaded);
        onLoaded?.(loaded);
      })
      .catch((error) => setProblem(toProblem(error)));
  }, [version, attempt]);
  const ready = list !== undefined && list.done === list.required;
  const steps = list && (
    <ul class="setup-steps" aria-describedby="setup-progress">
      {list.steps.map((s) => (
        <Step key={s.id} step={s} onInvite={onInvite} />
      ))}
    </ul>
  );
  return (
    <section class={list && !ready ? 'card card--warn setup' : 'card setup'} aria-labelledby="setup-heading">
      <h2 id="setup-heading">{t('users.setupTitle')}</h2>
      {!list && !problem && <p role="status">{t('app.loading')}</p>}
      {problem && (
        <>
          <ProblemAlert problem={problem} />
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('users.setupRetry')}
          </button>
        </>
      )}
      {list && (
        <p id="setup-progress">
          {ready
            ? t('users.setupAllDone')
            : t('users.setupProgress', { done: list.done, required: list.required })}
        </p>
      )}
      {list && !ready && steps}
      {ready && (
        <details class="setup-folded">
          <summary>{t('users.setupShow')}</summary>
          {steps}
        </details>
      )}
    </section>
  );
}
