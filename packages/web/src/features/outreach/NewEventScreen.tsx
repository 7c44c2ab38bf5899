import { eventAudiences } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { deviceToday } from '../../app/dates';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { checkForms, createEvent } from './api';

/** Plan a talk or record one just given; choose the before-and-after questions. */
export function NewEventScreen() {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(deviceToday);
  const [place, setPlace] = useState('');
  const [neighborhood, setNeighborhood] = useState('');
  const [audience, setAudience] = useState<(typeof eventAudiences)[number]>('general');
  const [language, setLanguage] = useState<'en' | 'es' | 'both'>('en');
  const [forms, setForms] = useState<{ canonical: string; title: string }[]>([]);
  const [check, setCheck] = useState('');
  const { busy, problem, errors, run } = useAction();

  useEffect(() => {
    checkForms()
      .then((list) => {
        setForms(list);
        setCheck(list[0]?.canonical ?? '');
      })
      .catch(() => setForms([]));
  }, []);

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const created = await createEvent({
        title,
        heldOn,
        place,
        audience,
        language,
        ...(neighborhood.trim() ? { neighborhood: neighborhood.trim() } : {}),
        checkQuestionnaire: check || null,
      });
      navigate(`/events/${created.id}`);
    });
  };

  return (
    <>
      <PageHeading text={t('outreach.newEventTitle')} />
      <form onSubmit={submit} noValidate>
        <Field
          id="event-title"
          label={t('outreach.title')}
          value={title}
          onValue={setTitle}
          error={errors.title}
          required
        />
        <div class={errors.heldOn ? 'field field--invalid' : 'field'}>
          <label for="event-date">{t('outreach.heldOn')}</label>
          <input
            id="event-date"
            type="date"
            value={heldOn}
            onInput={(e) => setHeldOn(e.currentTarget.value)}
          />
          {errors.heldOn && <p class="field-error">{errors.heldOn}</p>}
        </div>
        <Field
          id="event-place"
          label={t('outreach.place')}
          value={place}
          onValue={setPlace}
          error={errors.place}
          required
        />
        <Field
          id="event-neighborhood"
          label={t('outreach.neighborhood')}
          value={neighborhood}
          onValue={setNeighborhood}
        />
        <SelectField
          id="event-audience"
          label={t('outreach.audience')}
          value={audience}
          onValue={(v) => setAudience(v as typeof audience)}
          options={eventAudiences.map((a) => ({ value: a, label: t(`outreach.audience_${a}`) }))}
        />
        <SelectField
          id="event-language"
          label={t('outreach.language')}
          value={language}
          onValue={(v) => setLanguage(v as typeof language)}
          options={(['en', 'es', 'both'] as const).map((l) => ({
            value: l,
            label: t(`outreach.language_${l}`),
          }))}
        />
        <SelectField
          id="event-check"
          label={t('outreach.check')}
          value={check}
          onValue={setCheck}
          options={[
            ...forms.map((f) => ({ value: f.canonical, label: f.title })),
            { value: '', label: t('outreach.noCheckOption') },
          ]}
        />
        <p class="hint">{t('outreach.notValidated')}</p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('outreach.creating') : t('outreach.create')}
        </button>
      </form>
      <ProblemAlert problem={problem} />
    </>
  );
}
