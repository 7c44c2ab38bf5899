import type { Problem, PublicTopic } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { api, toProblem } from '../../../app/api';
import { ProblemAlert } from '../../../ui/Messages';
import { TopicText } from '../TopicText';
import { CrisisLines } from './CrisisLines';
import type { PublicProps } from './public-props';

/** A topic a CHW shared: readable on a phone, printable as a handout, and it stops on its last day. */
export function LearnPage({ token, tr, setLocale }: { token: string } & PublicProps) {
  const [topic, setTopic] = useState<PublicTopic>();
  const [problem, setProblem] = useState<Problem>();

  useEffect(() => {
    api<PublicTopic>('GET', `/api/public/learn/${encodeURIComponent(token)}`)
      .then((found) => {
        setLocale(found.language);
        setTopic(found);
      })
      .catch((error) => setProblem(toProblem(error)));
  }, [token]);

  useEffect(() => {
    if (topic) document.title = topic.title;
  }, [topic]);

  if (!topic) {
    return (
      <>
        <h1>{tr('education.libraryTitle')}</h1>
        <ProblemAlert problem={problem} />
      </>
    );
  }
  return (
    <article>
      <h1>{topic.title}</h1>
      <TopicText body={topic.body} />
      <CrisisLines lines={topic.crisisLines} tr={tr} emergency={topic.emergencyNumber} />
      <p class="no-print">
        <button type="button" onClick={() => print()}>
          {tr('education.print')}
        </button>
      </p>
      <p class="hint">{tr('education.learnFooter')}</p>
    </article>
  );
}
