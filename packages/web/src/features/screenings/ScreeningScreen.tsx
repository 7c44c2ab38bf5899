import {
  type Client,
  isLocale,
  type Locale,
  locales,
  type NextStep,
  nextSteps,
  type Problem,
  type Questionnaire,
  type ResponseAnswer,
  type ScoreResult,
  score,
  textIn,
  uuidv7,
} from '@puente/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link, navigate, type ScreenParams } from '../../app/router';
import { useSession } from '../../app/session';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { ScreeningClosed, screeningClosed, useCrisisInfo } from '../crisis/Readiness';
import { deliveries, raiseAlert } from '../crisis/raise';
import { getClient } from '../person/api';
import { formKey, loadInstruments, recordScreening } from './api';
import { askedQuestions, toResponse } from './enable';
import { scoreText, stepText, titleOf } from './labels';
import { QuestionItem } from './QuestionItem';
import { ScreeningResult } from './ScreeningResult';

/** What led straight here from another screen (PHQ-9 item 9 → C-SSRS), by person. */
interface Arrival {
  step: NextStep;
  /** The earlier screen's score in words: it is shown whenever it is complete. */
  earlier: string;
  /** Its other next steps (referral, re-screen), shown again with this screen's own. */
  carried: NextStep[];
}
const arrivedBecause = new Map<string, Arrival>();

type Phase =
  | { state: 'asking' }
  | { state: 'saving' }
  | { state: 'done'; result: ScoreResult; steps: NextStep[]; saved: 'sent' | 'waiting' };

function liveScore(q: Questionnaire, answers: Map<string, ResponseAnswer[]>): ScoreResult | undefined {
  try {
    return score(q, toResponse(q, answers, 'live', false));
  } catch {
    return undefined;
  }
}

/** One screen, for any Questionnaire: questions in the person's language, scored on the phone. */
export function ScreeningScreen({ params }: { params: ScreenParams }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const clientId = params.id ?? '';
  const [client, setClient] = useState<Client>();
  const [forms, setForms] = useState<readonly Questionnaire[]>();
  const [answers, setAnswers] = useState(new Map<string, ResponseAnswer[]>());
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [phase, setPhase] = useState<Phase>({ state: 'asking' });
  const [problem, setProblem] = useState<Problem>();
  const [lang, setLang] = useState<Locale>(locale);
  const responseId = useMemo(() => uuidv7(), [params.form, clientId]);
  const because = useMemo(() => arrivedBecause.get(clientId), [params.form, clientId]);

  useEffect(() => {
    setAnswers(new Map());
    setMissing(new Set());
    setPhase({ state: 'asking' });
    setProblem(undefined);
    getClient(clientId).then(
      (c) => {
        setClient(c);
        if (isLocale(c.preferredLanguage)) setLang(c.preferredLanguage);
      },
      (e) => setProblem(toProblem(e)),
    );
    void loadInstruments(me).then(setForms);
    return () => arrivedBecause.delete(clientId);
  }, [clientId, params.form, me]);

  const q = forms?.find((f) => formKey(f) === params.form);
  const live = useMemo(() => (q ? liveScore(q, answers) : undefined), [q, answers]);
  const crisis = useCrisisInfo();
  if (!forms || !client) {
    return (
      <>
        <PageHeading text={t('screening.title')} />
        <ProblemAlert problem={problem} />
        {!problem && <p role="status">{t('screening.loadingForms')}</p>}
      </>
    );
  }
  if (!q) {
    return (
      <>
        <PageHeading text={t('screening.title')} />
        <p>{t('screening.unknownForm')}</p>
        <Link href={`/people/${clientId}/screening`}>
          {t('screening.backToPerson', { name: client.displayName })}
        </Link>
      </>
    );
  }
  // Not before the program has set where a crisis goes: a screen can end in one.
  if (screeningClosed(crisis) && phase.state === 'asking') {
    return (
      <>
        <PageHeading text={titleOf(q, locale)} />
        <ScreeningClosed info={crisis} />
        <Link href={`/people/${clientId}/screening`}>
          {t('screening.backToPerson', { name: client.displayName })}
        </Link>
      </>
    );
  }

  const asked = askedQuestions(q.item, answers);
  const answeredCount = asked.filter((i) => (answers.get(i.linkId) ?? []).length > 0).length;
  const onAnswer = (linkId: string, given: ResponseAnswer[]) => {
    const next = new Map(answers);
    next.set(linkId, given);
    setAnswers(next);
    if (missing.has(linkId)) setMissing(new Set([...missing].filter((m) => m !== linkId)));
  };

  const finish = async (event: Event) => {
    event.preventDefault();
    const unanswered = asked.filter((i) => i.required && (answers.get(i.linkId) ?? []).length === 0);
    if (unanswered.length > 0) {
      setMissing(new Set(unanswered.map((i) => i.linkId)));
      document
        .getElementById(`q-${unanswered[0]?.linkId}`)
        ?.closest('fieldset, .field')
        ?.querySelector<HTMLElement>('input, textarea')
        ?.focus();
      return;
    }
    setPhase({ state: 'saving' });
    setProblem(undefined);
    try {
      const response = toResponse(q, answers, responseId, true);
      const result = score(q, response);
      const steps = nextSteps(result);
      const saved = await recordScreening(clientId, q, response);
      if (steps.some((s) => s.kind === 'crisisProtocol')) {
        // Not on the server yet: the alert is queued on its own, and goes before the screen (one alert, joined).
        deliveries.set(
          clientId,
          saved.alerted ? 'sent' : await raiseAlert(clientId).catch(() => 'queued' as const),
        );
        navigate(`/people/${clientId}/crisis`);
        return;
      }
      const urgent = steps.find((s) => s.kind === 'offerInstrument' && s.urgent);
      const next =
        urgent?.kind === 'offerInstrument' ? forms.find((f) => f.url === urgent.questionnaire) : undefined;
      if (urgent && next) {
        arrivedBecause.set(clientId, {
          step: urgent,
          earlier: scoreText(t, titleOf(q, locale), result),
          carried: steps.filter((s) => s !== urgent && s.kind !== 'offerInstrument'),
        });
        navigate(`/people/${clientId}/screen/${formKey(next)}`);
        return;
      }
      const all = [...steps, ...(because?.carried ?? [])];
      setPhase({ state: 'done', result, steps: all, saved: saved.sent ? 'sent' : 'waiting' });
    } catch (error) {
      setProblem(toProblem(error));
      setPhase({ state: 'asking' });
    }
  };

  const title = titleOf(q, locale);
  if (phase.state === 'done') {
    return (
      <>
        <PageHeading text={title} />
        <p class="lead">{client.displayName}</p>
        <ScreeningResult
          clientId={clientId}
          result={phase.result}
          steps={phase.steps}
          forms={forms}
          saved={phase.saved}
          earlier={because?.earlier}
        />
      </>
    );
  }
  return (
    <>
      <p class="crumb">
        <Link href={`/people/${clientId}/screening`}>
          {t('screening.backToPerson', { name: client.displayName })}
        </Link>
      </p>
      <PageHeading text={title} />
      {because && (
        <div class="notice notice--urgent">
          <p>{stepText(t, because.step)}</p>
          <p>{because.earlier}</p>
        </div>
      )}
      <fieldset class="language-switch">
        <legend>{t('screening.askIn')}</legend>
        {locales.map((l) => (
          <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
            {t(l === 'en' ? 'app.english' : 'app.spanish')}
          </button>
        ))}
      </fieldset>
      {live?.flags.cssrsRisk === 'high' && (
        <p class="notice notice--urgent">
          {t('screening.stepCrisisProtocol')}{' '}
          <Link href={`/people/${clientId}/crisis`}>{t('screening.openProtocol')}</Link>
        </p>
      )}
      <form class="questionnaire" onSubmit={(e) => void finish(e)} noValidate>
        {q.item.map((item) => (
          <QuestionItem
            key={item.linkId}
            item={item}
            answers={answers}
            lang={lang}
            onAnswer={onAnswer}
            missing={missing}
          />
        ))}
        <div role="alert">
          {missing.size > 0 && (
            <p class="field-error">
              {t('screening.incomplete', {
                items: asked
                  .filter((i) => missing.has(i.linkId))
                  .map((i) => textIn(i.text, i._text, lang))
                  .join('; '),
              })}
            </p>
          )}
        </div>
        <ProblemAlert problem={problem} />
        <p class="hint">{t('screening.answered', { count: answeredCount, total: asked.length })}</p>
        <button type="submit" class="primary wide" disabled={phase.state === 'saving'}>
          {phase.state === 'saving' ? t('screening.saving') : t('screening.finish')}
        </button>
      </form>
    </>
  );
}
