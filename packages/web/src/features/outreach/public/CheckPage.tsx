import {
  type CheckPhase,
  canonicalOf,
  isLocale,
  type Problem,
  type Questionnaire,
  textIn,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { api, toProblem } from '../../../app/api';
import { Field } from '../../../ui/Field';
import { ProblemAlert } from '../../../ui/Messages';
import type { PublicProps } from '../../education/public/public-props';
import { loadSession, saveSession } from './session-code';

interface Check {
  title: string;
  language: string;
  phase: CheckPhase;
  questionnaire: Questionnaire;
}

/**
 * An attendee's phone: the open half of the event's questions, answered
 * anonymously. The session code that pairs before and after is kept on this
 * phone for this event only, and shown so it can be typed on another phone.
 */
export function CheckPage({ code, locale, setLocale, tr }: { code: string } & PublicProps) {
  const [check, setCheck] = useState<Check>();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [typedCode, setTypedCode] = useState('');
  const [session, setSession] = useState(() => loadSession(code));
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const load = () =>
    api<Check>('GET', `/api/public/checks/${encodeURIComponent(code)}`)
      .then((found) => {
        setProblem(undefined);
        setCheck(found);
        if (isLocale(found.language)) setLocale(found.language);
      })
      .catch((error) => setProblem(toProblem(error)));
  useEffect(() => {
    void load();
  }, [code]);

  useEffect(() => {
    document.title = tr('outreach.checkTitle');
  }, [locale]);

  if (!check) {
    return (
      <>
        <h1>{tr('outreach.checkTitle')}</h1>
        <ProblemAlert problem={problem} />
      </>
    );
  }
  const phase = check.phase;
  const done = phase !== 'closed' && session.answered.includes(phase);
  const questions = check.questionnaire.item.filter((i) => i.type === 'choice');
  const intro = check.questionnaire.item.find((i) => i.type === 'display');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (phase === 'closed') return;
    if (questions.some((q) => !answers[q.linkId])) {
      setProblem({ type: 'about:blank', title: tr('outreach.answerAll'), status: 422, code: 'answerAll' });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const sessionCode = session.sessionCode ?? (typedCode.trim() || undefined);
      const reply = await api<{ sessionCode: string }>(
        'POST',
        `/api/public/checks/${encodeURIComponent(code)}/answers`,
        {
          phase,
          ...(sessionCode ? { sessionCode } : {}),
          response: {
            resourceType: 'QuestionnaireResponse',
            questionnaire: canonicalOf(check.questionnaire),
            status: 'completed',
            item: questions.map((q) => ({
              linkId: q.linkId,
              answer: [
                {
                  valueCoding: q.answerOption?.find((o) => o.valueCoding.code === answers[q.linkId])
                    ?.valueCoding,
                },
              ],
            })),
          },
        },
      );
      const next = { sessionCode: reply.sessionCode, answered: [...session.answered, phase] };
      saveSession(code, next);
      setSession(next);
      setAnswers({});
    } catch (error) {
      // The answers stay on the screen: fix the code, or try again.
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>{check.title}</p>
      <h1>{phase === 'post' ? tr('outreach.checkAfter') : tr('outreach.checkBefore')}</h1>
      {session.sessionCode && (
        <section class="card" aria-labelledby="code-heading">
          <h2 id="code-heading" class="session-code">
            {tr('outreach.yourCode', { code: session.sessionCode })}
          </h2>
          <p>{tr('outreach.yourCodeHint')}</p>
        </section>
      )}
      {phase === 'closed' && <p>{tr('outreach.checkClosed')}</p>}
      {done && (
        <>
          <p role="status">{phase === 'pre' ? tr('outreach.waitForPost') : tr('outreach.checkThanks')}</p>
          {phase === 'pre' && (
            <button type="button" onClick={() => void load()}>
              {tr('outreach.reload')}
            </button>
          )}
        </>
      )}
      {!done && phase !== 'closed' && (
        <form class="questionnaire" onSubmit={(e) => void submit(e)} noValidate>
          <p>{intro ? textIn(intro.text, intro._text, locale) : tr('outreach.checkIntro')}</p>
          {questions.map((q, n) => (
            <fieldset key={q.linkId} class="question">
              <legend>
                {n + 1}. {textIn(q.text, q._text, locale)}
              </legend>
              <div class="answers">
                {(q.answerOption ?? []).map((o) => {
                  const value = o.valueCoding.code ?? '';
                  const id = `${q.linkId}-${value}`;
                  return (
                    <label key={id} class="answer" for={id}>
                      <input
                        id={id}
                        type="radio"
                        name={q.linkId}
                        value={value}
                        checked={answers[q.linkId] === value}
                        onChange={() => setAnswers({ ...answers, [q.linkId]: value })}
                      />
                      {textIn(o.valueCoding.display, o.valueCoding._display, locale)}
                    </label>
                  );
                })}
              </div>
            </fieldset>
          ))}
          {phase === 'post' && !session.sessionCode && (
            <Field
              id="typed-code"
              label={tr('outreach.haveCode')}
              value={typedCode}
              onValue={setTypedCode}
              autoCapitalize="characters"
              autocomplete="off"
            />
          )}
          <ProblemAlert problem={problem} />
          <button type="submit" class="primary" disabled={busy}>
            {busy ? tr('outreach.checkSending') : tr('outreach.checkSubmit')}
          </button>
        </form>
      )}
      {(done || phase === 'closed') && <ProblemAlert problem={problem} />}
    </>
  );
}
