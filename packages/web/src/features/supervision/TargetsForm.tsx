import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import {
  type ActivityMeasure,
  type ActivityTargets,
  type ActivityTargetsView,
  getTargets,
  measures,
  setTargets,
} from './activity-api';

type Texts = Record<ActivityMeasure, string>;
const asTexts = (t: ActivityTargets): Texts => ({
  visits: t.visits === null ? '' : String(t.visits),
  screenings: t.screenings === null ? '' : String(t.screenings),
  referralsClosed: t.referralsClosed === null ? '' : String(t.referralsClosed),
});
/** An empty box is no target; anything else goes to the server as typed, which says what is wrong with it. */
const asTarget = (text: string): number | null => (text.trim() === '' ? null : Number(text));

interface ScopeFormProps {
  id: string;
  title: string;
  hint?: string;
  teamId: string | null;
  targets: ActivityTargets;
  saveLabel: string;
  onSaved: (view: ActivityTargetsView) => void;
}

/** The three weekly targets of the program or of one team, saved together. */
function ScopeForm({ id, title, hint, teamId, targets, saveLabel, onSaved }: ScopeFormProps) {
  const { t } = useI18n();
  const [texts, setTexts] = useState<Texts>(asTexts(targets));
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    await run(async () => {
      const body = {
        teamId,
        visits: asTarget(texts.visits),
        screenings: asTarget(texts.screenings),
        referralsClosed: asTarget(texts.referralsClosed),
      };
      onSaved(await setTargets(body));
      setStatus(t('activity.targetsSaved'));
    });
  };
  return (
    <form class="card targets-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {hint && <p class="hint">{hint}</p>}
      <ProblemAlert problem={problem} />
      {measures.map((m) => (
        <Field
          key={m}
          id={`${id}-${m}`}
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          label={t('activity.perWeek', { measure: t(`activity.${m}`) })}
          value={texts[m]}
          onValue={(value) => setTexts((all) => ({ ...all, [m]: value }))}
          error={errors[m]}
        />
      ))}
      <button type="submit" class="primary" disabled={busy}>
        {saveLabel}
      </button>
      <StatusMessage message={status} />
    </form>
  );
}

/**
 * Admin: the weekly targets of the whole program, and of each team that
 * wants its own (a box left empty follows the program's target).
 */
export function TargetsForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const [view, setView] = useState<ActivityTargetsView>();
  const [loadProblem, setLoadProblem] = useState<ReturnType<typeof toProblem>>();
  useEffect(() => {
    getTargets()
      .then(setView)
      .catch((error) => setLoadProblem(toProblem(error)));
  }, []);
  const saved = (next: ActivityTargetsView) => {
    setView(next);
    onChanged();
  };
  return (
    <section id="targets" aria-labelledby="targets-title" class="day-section">
      <h2 id="targets-title">{t('activity.targetsTitle')}</h2>
      <p class="hint">{t('activity.targetsIntro')}</p>
      <ProblemAlert problem={loadProblem} />
      {!view && !loadProblem && <p role="status">{t('app.loading')}</p>}
      {view && (
        <>
          <ScopeForm
            id="targets-program"
            title={t('activity.programTargets')}
            teamId={null}
            targets={view.program}
            saveLabel={t('activity.saveTargets')}
            onSaved={saved}
          />
          {view.teams.map((team) => (
            <details key={team.teamId} class="activity-weeks">
              <summary>{t('activity.teamTargets', { name: team.teamName })}</summary>
              <ScopeForm
                id={`targets-${team.teamId}`}
                title={t('activity.teamTargets', { name: team.teamName })}
                hint={t('activity.teamTargetsHint')}
                teamId={team.teamId}
                targets={team.targets}
                saveLabel={t('activity.saveTeamTargets', { name: team.teamName })}
                onSaved={saved}
              />
            </details>
          ))}
        </>
      )}
    </section>
  );
}
