import type { ReportFilters, ReportOptions } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';

interface SelectProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
}

function Select({ id, label, value, onValue, options }: SelectProps) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={id} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
        <option value="">{t('reports.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface FiltersProps {
  initial: ReportFilters;
  options: ReportOptions | undefined;
  onApply: (filters: ReportFilters) => void;
}

/** Period, team, promotora, neighbourhood and language. Managers see promotoras by number, not by name. */
export function Filters({ initial, options, onApply }: FiltersProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Record<keyof ReportFilters, string>>({
    from: initial.from ?? '',
    to: initial.to ?? '',
    teamId: initial.teamId ?? '',
    chwId: initial.chwId ?? '',
    neighborhood: initial.neighborhood ?? '',
    language: initial.language ?? '',
  });
  const set = (key: keyof ReportFilters) => (value: string) => setDraft({ ...draft, [key]: value });
  const submit = (event: Event) => {
    event.preventDefault();
    const chosen = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== ''));
    onApply(chosen as ReportFilters);
  };
  const same = (values: string[] = []) => values.map((v) => ({ value: v, label: v }));
  return (
    <form class="card report-filters" onSubmit={submit} aria-labelledby="report-filters">
      <h2 id="report-filters">{t('reports.filtersTitle')}</h2>
      <Field
        id="report-from"
        type="date"
        label={t('reports.from')}
        value={draft.from}
        onValue={set('from')}
      />
      <Field id="report-to" type="date" label={t('reports.to')} value={draft.to} onValue={set('to')} />
      <Select
        id="report-team"
        label={t('reports.team')}
        value={draft.teamId}
        onValue={set('teamId')}
        options={(options?.teams ?? []).map((team) => ({ value: team.id, label: team.name }))}
      />
      <Select
        id="report-chw"
        label={t('reports.chw')}
        value={draft.chwId}
        onValue={set('chwId')}
        options={(options?.chws ?? []).map((c, i) => ({
          value: c.id,
          label: c.name ?? t('reports.chwNumber', { n: i + 1 }),
        }))}
      />
      <Select
        id="report-neighborhood"
        label={t('reports.neighborhood')}
        value={draft.neighborhood}
        onValue={set('neighborhood')}
        options={same(options?.neighborhoods)}
      />
      <Select
        id="report-language"
        label={t('reports.language')}
        value={draft.language}
        onValue={set('language')}
        options={same(options?.languages)}
      />
      <button type="submit">{t('reports.apply')}</button>
    </form>
  );
}
