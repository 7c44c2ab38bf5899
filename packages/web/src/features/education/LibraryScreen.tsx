import { foldName, type Locale, type Problem, roleCan, type TopicSummary } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { EmptyState, ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { listTopics } from './api';
import { HelpPageCard } from './HelpPageCard';

/** The library: every topic in the reader's language first, searchable, with its reading level. */
export function LibraryScreen() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [topics, setTopics] = useState<TopicSummary[]>();
  const [problem, setProblem] = useState<Problem>();
  const [language, setLanguage] = useState<Locale | 'all'>(locale);
  const [q, setQ] = useState('');

  useEffect(() => {
    listTopics()
      .then(setTopics)
      .catch((error) => setProblem(toProblem(error)));
  }, []);

  const wanted = foldName(q);
  const shown = (topics ?? []).filter(
    (topic) => (language === 'all' || topic.language === language) && foldName(topic.title).includes(wanted),
  );

  return (
    <>
      <PageHeading text={t('education.libraryTitle')} />
      <p class="lead">{t('education.libraryIntro')}</p>
      {roleCan(me.role, 'education.edit') && (
        <p>
          <Link href="/library/new/edit" class="button primary">
            {t('education.newTopic')}
          </Link>
        </p>
      )}
      <Field id="topic-search" label={t('education.search')} value={q} onValue={setQ} />
      <SelectField
        id="topic-language"
        label={t('education.languageFilter')}
        value={language}
        onValue={(v) => setLanguage(v as Locale | 'all')}
        options={[
          { value: 'en', label: t('app.english') },
          { value: 'es', label: t('app.spanish') },
          { value: 'all', label: `${t('app.english')} · ${t('app.spanish')}` },
        ]}
      />
      <ProblemAlert problem={problem} />
      {topics && shown.length === 0 && (
        <EmptyState title={t('education.noTopics')}>
          <p>{t('education.libraryIntro')}</p>
        </EmptyState>
      )}
      <ul class="rows">
        {shown.map((topic) => (
          <li key={topic.id} class="row">
            <div class="row-main">
              <Link href={`/library/${topic.id}`} class="row-title">
                <span lang={topic.language}>{topic.title}</span>
              </Link>
              <p class="row-meta">
                {t('education.grade', { grade: Math.max(0, Math.round(topic.readability.grade)) })} ·{' '}
                {topic.language === 'es' ? t('app.spanish') : t('app.english')}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {roleCan(me.role, 'education.edit') && <HelpPageCard />}
    </>
  );
}
