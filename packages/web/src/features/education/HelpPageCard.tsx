import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Check, Field } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { getHelpPageSetting, saveHelpPageSetting } from './api';

/** Admin: whether the program's public "find help" page is on, and its address. */
export function HelpPageCard() {
  const { t } = useI18n();
  const [enabled, setEnabled] = useState(false);
  const [slug, setSlug] = useState('');
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run } = useAction();

  useEffect(() => {
    getHelpPageSetting()
      .then((s) => {
        if (!s) return;
        setEnabled(s.enabled);
        setSlug(s.slug);
      })
      .catch(() => undefined);
  }, []);

  const save = (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    void run(async () => {
      await saveHelpPageSetting({ enabled, slug: slug.trim().toLowerCase() });
      setStatus(
        t('education.helpPageSaved', { url: `${location.origin}/help/${slug.trim().toLowerCase()}` }),
      );
    });
  };

  return (
    <section class="card" aria-labelledby="help-page-heading">
      <h2 id="help-page-heading">{t('education.helpPageSetting')}</h2>
      <form onSubmit={save} noValidate>
        <Field
          id="help-slug"
          label={t('education.helpPageSlug')}
          value={slug}
          onValue={setSlug}
          error={errors.slug}
          autoCapitalize="none"
          spellcheck={false}
        />
        <Check
          id="help-enabled"
          label={t('education.helpPageEnabled')}
          checked={enabled}
          onChecked={setEnabled}
        />
        <button type="submit" disabled={busy}>
          {t('education.helpPageSave')}
        </button>
      </form>
      <ProblemAlert problem={problem} />
      <StatusMessage message={status} />
    </section>
  );
}
