import type { DirectorySettings, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Check, Field } from '../../ui/Field';
import { optional } from '../../ui/format';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { getDirectorySettings, saveDirectorySettings } from './api';

/** Whether the directory is an open HSDS API, under which address, and when a listing counts as out of date. */
export function SettingsCard() {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<DirectorySettings>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [hsdsPublic, setHsdsPublic] = useState(false);
  const [slug, setSlug] = useState('');
  const [months, setMonths] = useState('');
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run } = useAction();

  useEffect(() => {
    getDirectorySettings()
      .then((s) => {
        setLoaded(s);
        setHsdsPublic(s.hsdsPublic);
        setSlug(s.publicSlug ?? '');
        setMonths(String(s.staleAfterMonths));
      })
      .catch((error) => setLoadProblem(toProblem(error)));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    const body: DirectorySettings = {
      hsdsPublic,
      publicSlug: optional(slug.toLowerCase()) ?? null,
      staleAfterMonths: Number(months),
    };
    if (await run(async () => setLoaded(await saveDirectorySettings(body))))
      setStatus(t('directory.settingsSaved'));
  };

  return (
    <section class="card" aria-labelledby="directory-settings-title">
      <h2 id="directory-settings-title">{t('directory.settingsTitle')}</h2>
      <ProblemAlert problem={loadProblem} />
      {!loaded && !loadProblem && <p role="status">{t('app.loading')}</p>}
      {loaded && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Check
            id="hsds-public"
            label={t('directory.hsdsPublic')}
            hint={t('directory.hsdsPublicHint')}
            checked={hsdsPublic}
            onChecked={setHsdsPublic}
          />
          <Field
            id="public-slug"
            label={t('directory.publicSlug')}
            hint={t('directory.publicSlugHint')}
            autocomplete="off"
            maxLength={63}
            value={slug}
            onValue={setSlug}
            error={errors.publicSlug}
          />
          <Field
            id="stale-months"
            type="number"
            inputMode="numeric"
            min={1}
            max={120}
            label={t('directory.staleMonths')}
            value={months}
            onValue={setMonths}
            error={errors.staleAfterMonths}
          />
          <ProblemAlert problem={problem} />
          <StatusMessage message={status} />
          <button type="submit" class="primary" disabled={busy}>
            {t('directory.saveSettings')}
          </button>
        </form>
      )}
    </section>
  );
}
