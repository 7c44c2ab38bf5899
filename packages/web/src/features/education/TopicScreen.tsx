import type { Problem, Topic } from '@puente/core';
import { roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link, type ScreenParams } from '../../app/router';
import { useSession } from '../../app/session';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { getTopic } from './api';
import { ReadingLevel } from './ReadingLevel';
import { ShareForm } from './ShareForm';
import { TopicText } from './TopicText';

/** One topic: its text, reading level and review, sharing for caseworkers, editing for admins. */
export function TopicScreen({ params }: { params: ScreenParams }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [topic, setTopic] = useState<Topic>();
  const [problem, setProblem] = useState<Problem>();
  const id = params.topicId ?? '';

  useEffect(() => {
    setTopic(undefined);
    getTopic(id)
      .then(setTopic)
      .catch((error) => setProblem(toProblem(error)));
  }, [id]);

  if (!topic) {
    return (
      <>
        <PageHeading text={t('education.libraryTitle')} />
        <ProblemAlert problem={problem} />
      </>
    );
  }
  const caseworker = roleCan(me.role, 'education.share');
  return (
    <article lang={topic.language}>
      <p class="crumb no-print">
        <Link href="/library">{t('education.libraryTitle')}</Link>
      </p>
      <PageHeading text={topic.title} />
      <ReadingLevel figure={topic.readability} />
      <p class="hint">
        {topic.version === 0 ? t('education.shipped') : t('education.version', { version: topic.version })}
        {topic.reviewedBy && topic.reviewedOn && (
          <> · {t('education.reviewedBy', { name: topic.reviewedBy, date: topic.reviewedOn })}</>
        )}
      </p>
      {topic.otherLanguage && (
        <p class="no-print">
          <Link href={`/library/${topic.otherLanguage}`}>
            {topic.language === 'en' ? t('education.otherLanguage') : 'Read in English'}
          </Link>
        </p>
      )}
      {roleCan(me.role, 'education.edit') && (
        <p class="no-print">
          <Link href={`/library/${topic.id}/edit`} class="button">
            {t('education.edit')}
          </Link>
        </p>
      )}
      <TopicText body={topic.body} />
      {caseworker && (
        <section aria-labelledby="share-heading" lang={me.locale}>
          <h2 id="share-heading" class="no-print">
            {t('education.share')}
          </h2>
          <ShareForm topicId={topic.id} />
        </section>
      )}
    </article>
  );
}
