import { locales, type HelpPage as Page, type Problem, type PublicTopic } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { api, toProblem } from '../../../app/api';
import { Link } from '../../../app/router';
import { ProblemAlert } from '../../../ui/Messages';
import { TopicText } from '../TopicText';
import { CrisisLines } from './CrisisLines';
import type { PublicProps } from './public-props';

const languageNames = { en: 'English', es: 'Español' } as const;

/** A program's "find help" page: crisis lines first, then the library. It asks nothing and keeps nothing. */
export function HelpPage({
  slug,
  topicId,
  locale,
  setLocale,
  tr,
}: { slug: string; topicId?: string | undefined } & PublicProps) {
  const [page, setPage] = useState<Page>();
  const [topic, setTopic] = useState<PublicTopic>();
  const [problem, setProblem] = useState<Problem>();
  const base = `/api/public/help/${encodeURIComponent(slug)}`;

  useEffect(() => {
    setProblem(undefined);
    api<Page>('GET', `${base}?lang=${locale}`)
      .then(setPage)
      .catch((error) => setProblem(toProblem(error)));
  }, [slug, locale]);

  useEffect(() => {
    setTopic(undefined);
    if (!topicId) return;
    api<PublicTopic>('GET', `${base}/topics/${encodeURIComponent(topicId)}`)
      .then(setTopic)
      .catch((error) => setProblem(toProblem(error)));
  }, [slug, topicId]);

  useEffect(() => {
    document.title = topic?.title ?? tr('education.helpTitle');
  }, [topic, locale]);

  return (
    <>
      <header>
        <p>{page?.program}</p>
        <fieldset class="language-switch">
          <legend>{tr('education.publicLanguage')}</legend>
          {locales.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={l === locale} onClick={() => setLocale(l)}>
              {languageNames[l]}
            </button>
          ))}
        </fieldset>
      </header>
      <ProblemAlert problem={problem} />
      {topic ? (
        <article lang={topic.language}>
          <p>
            <Link href={`/help/${slug}`}>{tr('education.back')}</Link>
          </p>
          <h1>{topic.title}</h1>
          <TopicText body={topic.body} />
          <CrisisLines lines={topic.crisisLines} tr={tr} emergency={topic.emergencyNumber} />
        </article>
      ) : (
        <>
          <h1>{tr('education.helpTitle')}</h1>
          <p class="lead">{tr('education.helpIntro')}</p>
          {page && <CrisisLines lines={page.crisisLines} tr={tr} emergency={page.emergencyNumber} />}
          {page && (
            <section aria-labelledby="topics-heading">
              <h2 id="topics-heading">{tr('education.topicsTitle')}</h2>
              <ul class="plain-list">
                {page.topics.map((x) => (
                  <li key={x.id}>
                    <Link href={`/help/${slug}/${x.id}`}>{x.title}</Link>
                  </li>
                ))}
              </ul>
              {page.directoryUrl && (
                <p>
                  <a href={page.directoryUrl}>{tr('education.directory')}</a>
                </p>
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}
