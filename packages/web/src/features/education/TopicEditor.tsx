import { type Locale, plainText, readability, type Topic } from '@puente/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { navigate, type ScreenParams } from '../../app/router';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { getTopic, saveTopic, topicVersions } from './api';
import { ReadingLevel } from './ReadingLevel';

/** Admin: edit a topic (each save is a new version) or write a new one, with its reading level live. */
export function TopicEditor({ params }: { params: ScreenParams }) {
  const { t } = useI18n();
  const isNew = params.topicId === 'new';
  const [loaded, setLoaded] = useState<Topic>();
  const [title, setTitle] = useState('');
  const [subject, setSubject] = useState('');
  const [language, setLanguage] = useState<Locale>('en');
  const [body, setBody] = useState('');
  const [reviewedBy, setReviewedBy] = useState('');
  const [versions, setVersions] = useState<{ version: number; savedAt: string; savedBy: string }[]>([]);
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run } = useAction();

  useEffect(() => {
    if (isNew || !params.topicId) return;
    void run(async () => {
      const topic = await getTopic(params.topicId ?? '');
      setLoaded(topic);
      setTitle(topic.title);
      setSubject(topic.topic);
      setLanguage(topic.language);
      setBody(topic.body);
      setReviewedBy(topic.reviewedBy ?? '');
      setVersions(await topicVersions(topic.id));
    });
  }, [params.topicId]);

  // Recomputed as the admin types: the score is pure and fast enough for every keystroke.
  const live = useMemo(() => readability(plainText(body), language), [body, language]);

  const save = (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    const id = `${subject.trim()}-${language}`;
    void run(async () => {
      const saved = await saveTopic(id, {
        title,
        topic: subject.trim(),
        language,
        body,
        ...(reviewedBy.trim() ? { reviewedBy: reviewedBy.trim() } : {}),
        baseVersion: loaded?.version ?? 0,
      });
      setLoaded(saved);
      setVersions(await topicVersions(saved.id));
      setStatus(t('education.saved', { version: saved.version }));
      if (isNew) navigate(`/library/${saved.id}/edit`, { replace: true });
    });
  };

  return (
    <>
      <PageHeading text={isNew ? t('education.newTitle') : t('education.editTitle')} />
      <form class="topic-editor" onSubmit={save} noValidate>
        <Field
          id="topic-title"
          label={t('education.title')}
          value={title}
          onValue={setTitle}
          error={errors.title}
          required
        />
        {isNew && (
          <>
            <Field
              id="topic-subject"
              label={t('education.subject')}
              value={subject}
              onValue={setSubject}
              error={errors.topic}
              autoCapitalize="none"
            />
            <SelectField
              id="topic-language"
              label={t('education.language')}
              value={language}
              onValue={(v) => setLanguage(v as Locale)}
              options={[
                { value: 'en', label: t('app.english') },
                { value: 'es', label: t('app.spanish') },
              ]}
            />
          </>
        )}
        <div class={errors.body ? 'field field--invalid' : 'field'}>
          <label for="topic-body">{t('education.body')}</label>
          <textarea
            id="topic-body"
            lang={language}
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
            aria-describedby="live-score"
          />
          {errors.body && <p class="field-error">{errors.body}</p>}
        </div>
        <div id="live-score" aria-live="polite">
          <span class="visually-hidden">{t('education.liveScore')}</span>
          <ReadingLevel figure={live} advice />
        </div>
        <Field
          id="topic-reviewer"
          label={t('education.reviewer')}
          value={reviewedBy}
          onValue={setReviewedBy}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('education.saving') : t('education.save')}
        </button>
      </form>
      <ProblemAlert problem={problem} />
      <StatusMessage message={status} />
      {versions.length > 0 && (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">{t('education.history')}</h2>
          <ul class="plain-list">
            {versions.map((v) => (
              <li key={v.version}>
                {t('education.version', { version: v.version })} ·{' '}
                {t('education.savedBy', { name: v.savedBy, date: v.savedAt.slice(0, 10) })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
