import type { DirectoryResult, ServiceForm } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { searchDirectory } from './api';
import { emptyService as empty, ServiceFields, type ServiceValues } from './ServiceFields';
import { addService, loadServiceForm, saveService } from './sheet-api';

/**
 * The admin adds one service, or finds one by name and fixes it, with the template's fields in
 * the same plain words. A refusal names each field and keeps everything typed.
 */
export function ServiceFormCard() {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<DirectoryResult[]>();
  const [editing, setEditing] = useState<{ id?: string; title: string }>();
  const [values, setValues] = useState<ServiceValues>(empty);
  const [saved, setSaved] = useState<string>();
  const finding = useAction();
  const saving = useAction();

  const find = async (event: Event) => {
    event.preventDefault();
    await finding.run(async () => {
      const page = await searchDirectory({ q: query.trim(), limit: 10, offset: 0 });
      // One row per service: a service at two places shows once.
      setFound(page.results.filter((r, i, all) => all.findIndex((o) => o.serviceId === r.serviceId) === i));
    });
  };
  const open = async (id?: string) => {
    setSaved(undefined);
    saving.setProblem(undefined);
    if (!id) {
      setValues(empty);
      setEditing({ title: t('directorySheet.addTitle') });
      return;
    }
    await finding.run(async () => {
      const view = await loadServiceForm(id);
      setValues({ ...empty, ...view.form });
      setEditing({ id, title: t('directorySheet.editTitle', { name: view.form.name }) });
    });
  };
  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(undefined);
    const body: ServiceForm = values;
    await saving.run(async () => {
      const view = editing?.id ? await saveService(editing.id, body) : await addService(body);
      setValues({ ...empty, ...view.form });
      setEditing({ id: view.id, title: t('directorySheet.editTitle', { name: view.form.name }) });
      setSaved(t('directorySheet.saved', { name: view.form.name }));
    });
  };

  return (
    <section class="card" aria-labelledby="service-form-title">
      <h2 id="service-form-title">{t('directorySheet.formTitle')}</h2>
      <p>{t('directorySheet.formIntro')}</p>
      <form onSubmit={(e) => void find(e)} noValidate>
        <Field id="service-find" label={t('directorySheet.find')} value={query} onValue={setQuery} />
        <button type="submit" disabled={finding.busy}>
          {t('directorySheet.findSubmit')}
        </button>
      </form>
      <ProblemAlert problem={finding.problem} />
      {found && found.length === 0 && <p>{t('directorySheet.findNone')}</p>}
      {found && found.length > 0 && (
        <ul class="plain-list import-rows">
          {found.map((r) => (
            <li key={r.serviceId}>
              <button type="button" onClick={() => void open(r.serviceId)}>
                {t('directorySheet.edit', { name: r.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <button type="button" onClick={() => void open()}>
          {t('directorySheet.add')}
        </button>
      </p>
      {editing && (
        <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="service-edit-title">
          <h3 id="service-edit-title">{editing.title}</h3>
          <ServiceFields idPrefix="service" values={values} onValues={setValues} errors={saving.errors} />
          <ProblemAlert problem={saving.problem} />
          <button type="submit" class="primary" disabled={saving.busy}>
            {saving.busy ? t('directorySheet.saving') : t('directorySheet.save')}
          </button>{' '}
          <button type="button" onClick={() => setEditing(undefined)}>
            {t('directorySheet.cancel')}
          </button>
        </form>
      )}
      <StatusMessage message={saved} />
    </section>
  );
}
