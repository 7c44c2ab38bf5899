import { needKeys } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Check, Field, SelectField } from '../../ui/Field';
import { languageChoices } from '../../ui/format';
import { kmAndMiles, languageLabel } from './format';
import type { LocationStatus } from './location';
import { filtersOn, type Near, type SearchForm } from './search-state';

const radii = ['2', '5', '10', '25', '50'];
const nears: Near[] = ['anywhere', 'me', 'postcode'];
const nearLabel = {
  anywhere: 'directory.nearAnywhere',
  me: 'directory.nearMe',
  postcode: 'directory.nearPostcode',
} as const;
const locationMessage = {
  locating: 'directory.locating',
  located: 'directory.located',
  denied: 'directory.locationDenied',
  unavailable: 'directory.locationUnavailable',
  unsupported: 'directory.locationUnsupported',
} as const;

interface Props {
  form: SearchForm;
  onForm: (form: SearchForm) => void;
  location: LocationStatus;
  onLocate: () => void;
  errors: Record<string, string>;
  busy: boolean;
  onSubmit: () => void;
  onStartOver: () => void;
}

/** The words, the kind of help as chips, and the other filters folded away until wanted. */
export function SearchFields({
  form,
  onForm,
  location,
  onLocate,
  errors,
  busy,
  onSubmit,
  onStartOver,
}: Props) {
  const { t, locale } = useI18n();
  const set =
    <K extends keyof SearchForm>(key: K) =>
    (value: SearchForm[K]) =>
      onForm({ ...form, [key]: value });
  const chooseNear = (near: Near) => {
    onForm({ ...form, near });
    if (near === 'me' && location !== 'located' && location !== 'locating') onLocate();
  };
  const on = filtersOn(form);
  // Open when coming back to filters already set; never closed under the CHW's thumb after that.
  const [openAtFirst] = useState(on > 0);
  const submit = (event: Event) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <search>
      <form class="card directory-search" onSubmit={submit} noValidate>
        <div class="field">
          <label for="directory-q">{t('directory.searchLabel')}</label>
          <p id="directory-q-hint" class="hint">
            {t('directory.searchHint')}
          </p>
          <input
            id="directory-q"
            name="q"
            type="search"
            autocomplete="off"
            maxLength={200}
            value={form.q}
            aria-describedby="directory-q-hint"
            onInput={(e) => set('q')(e.currentTarget.value)}
          />
        </div>
        <fieldset class="chips">
          <legend>{t('directory.needLegend')}</legend>
          <Chip label={t('directory.needAny')} value="" form={form} onForm={onForm} />
          {needKeys.map((need) => (
            <Chip key={need} label={t(`directory.need_${need}`)} value={need} form={form} onForm={onForm} />
          ))}
        </fieldset>
        <details class="more-filters" open={openAtFirst}>
          <summary>
            {t('directory.moreFilters')}
            {on > 0 && (
              <span class="badge">
                {on === 1 ? t('directory.filterOn') : t('directory.filtersOn', { count: on })}
              </span>
            )}
          </summary>
          <fieldset class="checks">
            <legend>{t('directory.nearLegend')}</legend>
            {nears.map((near) => (
              <label key={near} class="check">
                <input
                  type="radio"
                  name="near"
                  value={near}
                  checked={form.near === near}
                  onChange={() => chooseNear(near)}
                />
                <span>{t(nearLabel[near])}</span>
              </label>
            ))}
            {form.near === 'me' && location !== 'idle' && (
              <p
                id="directory-location"
                class={location === 'located' || location === 'locating' ? 'hint' : 'warning'}
                role="status"
              >
                {t(locationMessage[location])}
              </p>
            )}
            {errors.position && <p class="field-error">{errors.position}</p>}
          </fieldset>
          {form.near === 'postcode' && (
            <Field
              id="postcode"
              label={t('directory.postcode')}
              inputMode="numeric"
              autocomplete="postal-code"
              maxLength={12}
              value={form.postcode}
              onValue={set('postcode')}
              error={errors.postcode}
            />
          )}
          {form.near !== 'anywhere' && (
            <SelectField
              id="directory-radius"
              label={t('directory.radius')}
              value={form.radiusKm}
              onValue={set('radiusKm')}
              options={[
                { value: '', label: t('directory.radiusAny') },
                ...radii.map((km) => ({
                  value: km,
                  label: t('directory.radiusOption', kmAndMiles(locale, Number(km))),
                })),
              ]}
            />
          )}
          <SelectField
            id="directory-language"
            label={t('directory.language')}
            value={form.language}
            onValue={set('language')}
            options={[
              { value: '', label: t('directory.languageAny') },
              ...languageChoices.map((code) => ({ value: code, label: languageLabel(locale, code) })),
            ]}
          />
          <SelectField
            id="directory-cost"
            label={t('directory.cost')}
            value={form.cost}
            onValue={(v) => set('cost')(v === 'free' || v === 'low' ? v : '')}
            options={[
              { value: '', label: t('directory.costAny') },
              { value: 'free', label: t('directory.costFree') },
              { value: 'low', label: t('directory.costLow') },
            ]}
          />
          <Check
            id="directory-open-now"
            label={t('directory.openNow')}
            checked={form.openNow}
            onChecked={set('openNow')}
          />
          <Field
            id="directory-age"
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            label={t('directory.age')}
            hint={t('directory.ageHint')}
            value={form.age}
            onValue={set('age')}
            error={errors.age}
          />
        </details>
        <p class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('directory.searching') : t('directory.search')}
          </button>
          <button type="button" onClick={onStartOver}>
            {t('directory.startOver')}
          </button>
        </p>
      </form>
    </search>
  );
}

interface ChipProps {
  label: string;
  value: string;
  form: SearchForm;
  onForm: (form: SearchForm) => void;
}

/** One kind of help: a radio button that looks like a chip and stays one for screen readers. */
function Chip({ label, value, form, onForm }: ChipProps) {
  return (
    <label class="chip">
      <input
        type="radio"
        name="need"
        value={value}
        checked={form.need === value}
        onChange={() => onForm({ ...form, need: value })}
      />
      <span>{label}</span>
    </label>
  );
}
