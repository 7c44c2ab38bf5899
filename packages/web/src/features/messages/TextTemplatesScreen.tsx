import {
  placeholderSamples,
  renderTemplate,
  type TextTemplate,
  templatePlaceholders,
  textTemplateKinds,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Field, SelectField, TextArea } from '../../ui/Field';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { listTemplates, saveTemplate, type TemplateBody } from './api';
import { SegmentCounter } from './SegmentCounter';
import { TextSettingsSection } from './TextSettingsSection';
import './messages.css';

const blank: TemplateBody = { kind: 'reminder', name: '', language: 'es', body: '' };

/**
 * Admin: the program's number, reminder times and quiet hours with the
 * texts waiting for the provider (TextSettingsSection), then its templates, each with its length in texts; a form
 * to add or change one, with the counter and a preview filled with long sample
 * values (the server refuses an unknown placeholder or more than 10 texts).
 */
export function TextTemplatesScreen() {
  const { t } = useI18n();
  const [templates, setTemplates] = useState<TextTemplate[]>();
  const [loadProblem, setLoadProblem] = useState<ReturnType<typeof toProblem>>();
  const [editing, setEditing] = useState<string>();
  const [form, setForm] = useState<TemplateBody>(blank);
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run } = useAction();

  const load = () => listTemplates().then(setTemplates, (error) => setLoadProblem(toProblem(error)));
  useEffect(() => void load(), []);

  const edit = (template: TextTemplate) => {
    setEditing(template.id);
    setForm({ kind: template.kind, name: template.name, language: template.language, body: template.body });
    requestAnimationFrame(() => document.getElementById('template-name')?.focus());
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    if (await run(async () => void (await saveTemplate(form, editing)))) {
      setStatus(t('smsAdmin.saved', { name: form.name }));
      setForm(blank);
      setEditing(undefined);
      await load();
    }
  };
  const preview = renderTemplate(form.body, placeholderSamples);

  return (
    <>
      <PageHeading text={t('smsAdmin.title')} />
      <p class="lead">{t('smsAdmin.intro')}</p>
      <TextSettingsSection />
      <h2>{t('smsAdmin.templatesTitle')}</h2>
      <StatusMessage message={status} />
      <ProblemAlert problem={loadProblem} />
      {templates?.length === 0 && (
        <EmptyState title={t('smsAdmin.none')}>
          <p>{t('smsAdmin.noneHint')}</p>
        </EmptyState>
      )}
      {templates && templates.length > 0 && (
        <ul class="rows">
          {templates.map((tpl) => (
            <li key={tpl.id} class="row">
              <div class="row-main">
                <p class="row-title">{tpl.name}</p>
                <p class="row-meta">
                  {t(`smsAdmin.kind_${tpl.kind}`)} · {t(`smsAdmin.language_${tpl.language}`)} ·{' '}
                  {t('smsAdmin.length', { segments: tpl.segments, encoding: tpl.encoding })}
                </p>
                <p class="text-body">{tpl.body}</p>
              </div>
              <div class="row-actions">
                <button
                  type="button"
                  aria-label={t('smsAdmin.editNamed', { name: tpl.name })}
                  onClick={() => edit(tpl)}
                >
                  {t('smsAdmin.edit')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="template-form-title">
        <h2 id="template-form-title">{editing ? t('smsAdmin.editTitle') : t('smsAdmin.addTitle')}</h2>
        <ProblemAlert problem={problem} />
        <Field
          id="template-name"
          label={t('smsAdmin.name')}
          value={form.name}
          onValue={(name) => setForm({ ...form, name })}
          error={errors.name}
          maxLength={80}
        />
        <SelectField
          id="template-kind"
          label={t('smsAdmin.kind')}
          value={form.kind}
          onValue={(kind) =>
            setForm({ ...form, kind: textTemplateKinds.find((k) => k === kind) ?? 'reminder' })
          }
          options={textTemplateKinds.map((k) => ({
            value: k,
            label: t(`smsAdmin.kind_${k}`),
          }))}
        />
        <SelectField
          id="template-language"
          label={t('smsAdmin.language')}
          value={form.language}
          onValue={(language) => setForm({ ...form, language: language === 'en' ? 'en' : 'es' })}
          options={(['es', 'en'] as const).map((l) => ({ value: l, label: t(`smsAdmin.language_${l}`) }))}
        />
        <TextArea
          id="template-body"
          label={t('smsAdmin.body')}
          hint={t('smsAdmin.placeholders', { list: templatePlaceholders.map((p) => `{${p}}`).join(' ') })}
          value={form.body}
          onValue={(body) => setForm({ ...form, body })}
          error={errors.body}
          maxLength={1600}
        />
        <SegmentCounter id="template-count" text={preview} />
        {form.body && (
          <div class="text-bubble text-bubble--out">
            <p class="row-meta">{t('smsAdmin.preview')}</p>
            <p class="text-body">{preview}</p>
          </div>
        )}
        <p class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('sms.sending') : t('smsAdmin.save')}
          </button>
          {editing && (
            <button
              type="button"
              onClick={() => {
                setEditing(undefined);
                setForm(blank);
              }}
            >
              {t('smsAdmin.cancel')}
            </button>
          )}
        </p>
      </form>
    </>
  );
}
