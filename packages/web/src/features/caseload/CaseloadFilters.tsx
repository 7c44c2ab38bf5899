import {
  activeFilters,
  type CaseloadFilter,
  type CaseloadSort,
  type CaseloadView,
  caseloadSorts,
  contactGaps,
} from '@puente/core';
import { useI18n } from '../../app/i18n';
import type { CaseloadChoices } from '../../offline/data';
import { languageName } from '../../ui/format';
import { needLabel } from '../screenings/labels';

/**
 * Sort and filters for the caseload: native selects and checkboxes with
 * labels, so a keyboard and a screen reader work them as any form. The filters
 * fold away (open when one is on) to keep the list near the top at 360 px.
 */
export function CaseloadFilters({
  view,
  choices,
  onView,
}: {
  view: CaseloadView;
  choices: CaseloadChoices;
  onView: (view: CaseloadView) => void;
}) {
  const { t } = useI18n();
  const on = activeFilters(view.filter);
  const setFilter = (change: Partial<CaseloadFilter>) => {
    const filter: CaseloadFilter = { ...view.filter, ...change };
    for (const key of Object.keys(change) as (keyof CaseloadFilter)[])
      if (filter[key] === undefined || filter[key] === false || filter[key] === '') delete filter[key];
    onView({ ...view, filter });
  };
  const text = (value: string) => (value ? value : undefined);
  // A value from the address that no one has now (a link kept from before) stays shown as chosen, so the
  // select never says "Any" while a filter is on.
  const offer = (list: readonly string[], chosen: string | undefined) =>
    chosen && !list.includes(chosen) ? [...list, chosen] : list;
  const needs = offer(choices.needs, view.filter.need);
  const languages = offer(choices.languages, view.filter.language);
  const neighborhoods = offer(choices.neighborhoods, view.filter.neighborhood);

  return (
    <div class="caseload-view">
      <div class="field">
        <label for="people-sort">{t('people.sortLabel')}</label>
        <select
          id="people-sort"
          value={view.sort}
          onChange={(e) => onView({ ...view, sort: e.currentTarget.value as CaseloadSort })}
        >
          {caseloadSorts.map((s) => (
            <option key={s} value={s}>
              {t(`people.sort_${s}`)}
            </option>
          ))}
        </select>
      </div>
      <details class="caseload-filters" open={on > 0}>
        <summary>
          {t('people.filtersTitle')}
          {on > 0 && (
            <span class="badge">
              {on === 1 ? t('people.filterOn') : t('people.filtersOn', { count: on })}
            </span>
          )}
        </summary>
        <fieldset class="checks">
          <legend class="visually-hidden">{t('people.filtersTitle')}</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={Boolean(view.filter.risk)}
              onChange={(e) => setFilter({ risk: e.currentTarget.checked })}
            />
            <span>{t('people.filterRisk')}</span>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={Boolean(view.filter.openReferrals)}
              onChange={(e) => setFilter({ openReferrals: e.currentTarget.checked })}
            />
            <span>{t('people.filterOpenReferrals')}</span>
          </label>
        </fieldset>
        <div class="field">
          <label for="people-quiet">{t('people.filterQuiet')}</label>
          <select
            id="people-quiet"
            value={String(view.filter.noContactDays ?? '')}
            onChange={(e) => setFilter({ noContactDays: Number(e.currentTarget.value) || undefined })}
          >
            <option value="">{t('people.filterAny')}</option>
            {contactGaps.map((days) => (
              <option key={days} value={String(days)}>
                {t('people.quietDays', { days })}
              </option>
            ))}
          </select>
        </div>
        {needs.length > 0 && (
          <div class="field">
            <label for="people-need">{t('people.filterNeed')}</label>
            <select
              id="people-need"
              value={view.filter.need ?? ''}
              onChange={(e) => setFilter({ need: text(e.currentTarget.value) })}
            >
              <option value="">{t('people.filterAny')}</option>
              {needs.map((n) => (
                <option key={n} value={n}>
                  {needLabel(t, n)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="people-language">{t('people.filterLanguage')}</label>
          <select
            id="people-language"
            value={view.filter.language ?? ''}
            onChange={(e) => setFilter({ language: text(e.currentTarget.value) })}
          >
            <option value="">{t('people.filterAny')}</option>
            {languages.map((l) => (
              <option key={l} value={l}>
                {languageName(t, l)}
              </option>
            ))}
          </select>
        </div>
        {neighborhoods.length > 0 && (
          <div class="field">
            <label for="people-area">{t('people.filterNeighborhood')}</label>
            <select
              id="people-area"
              value={view.filter.neighborhood ?? ''}
              onChange={(e) => setFilter({ neighborhood: text(e.currentTarget.value) })}
            >
              <option value="">{t('people.filterAny')}</option>
              {neighborhoods.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        )}
      </details>
    </div>
  );
}
