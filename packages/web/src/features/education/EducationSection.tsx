import type { TopicSummary } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import type { SectionProps } from '../person/section';
import { listTopics } from './api';
import { ShareForm } from './ShareForm';

/** The "Learn" tab of a person's page: share a topic; it goes in the person's language. */
export function EducationSection({ client }: SectionProps) {
  const { t } = useI18n();
  const [topics, setTopics] = useState<TopicSummary[]>();
  const language = client.preferredLanguage.toLowerCase().startsWith('es') ? 'es' : 'en';

  useEffect(() => {
    listTopics()
      .then((all) => setTopics(all.filter((x) => x.language === language)))
      .catch(() => setTopics([]));
  }, [language]);

  return (
    <section aria-labelledby="learn-heading">
      <h2 id="learn-heading">{t('education.share')}</h2>
      <p>
        {t('education.shareFromPerson', {
          language: language === 'es' ? t('app.spanish') : t('app.english'),
        })}
      </p>
      {topics && topics.length > 0 && (
        <ShareForm topics={topics} client={{ id: client.id, name: client.displayName }} />
      )}
    </section>
  );
}
