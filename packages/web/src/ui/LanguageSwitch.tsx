import { type Locale, locales } from '@puente/core';
import { useI18n } from '../app/i18n';

const names: Record<Locale, 'app.english' | 'app.spanish'> = { en: 'app.english', es: 'app.spanish' };

interface Props {
  onChoose: (locale: Locale) => void;
  busy?: boolean;
  /** When a visible heading already says "Language", the legend is for screen readers only. */
  quietLegend?: boolean;
}

/**
 * English / Español buttons, each written in its own language so anyone can find theirs.
 * @example <LanguageSwitch onChoose={setLocale} />
 */
export function LanguageSwitch({ onChoose, busy, quietLegend }: Props) {
  const { locale, t } = useI18n();
  return (
    <fieldset class="language-switch">
      <legend class={quietLegend ? 'visually-hidden' : undefined}>{t('app.language')}</legend>
      {locales.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          disabled={busy}
          onClick={() => l !== locale && onChoose(l)}
        >
          {t(names[l])}
        </button>
      ))}
    </fieldset>
  );
}
