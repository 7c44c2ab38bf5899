import type { Coding, Extension, PrimitiveExtensions } from './fhir.js';

export const LOINC = 'http://loinc.org';
export const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
/** HL7's extension for a translation of a primitive string (R4 core). */
export const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
/** HL7's extension for the numeric value of a coded answer (R4 core). */
export const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

const puenteBase = 'https://puente.dev/fhir';
export const QUESTIONNAIRE_BASE = `${puenteBase}/Questionnaire`;
/** Puente's extension: where one language's wording came from and under which terms. */
export const LANGUAGE_SOURCE = `${puenteBase}/StructureDefinition/language-source`;
/** Puente's extension: how the form is scored (method, bands, flags, tiers, domains). */
export const SCORING = `${puenteBase}/StructureDefinition/scoring`;
/** Codes for answers that INSTRUMENTS.md gives no LOINC code for. */
export const PUENTE_ANSWERS = `${puenteBase}/CodeSystem/answers`;

/** Text in English with its Spanish translation, as the `text`/`_text` pair FHIR expects. */
export interface Bilingual {
  en: string;
  es: string;
}

/** The `_text` (or `_display`, `_title`) sibling carrying the Spanish translation. */
export function translations(text: Bilingual): PrimitiveExtensions {
  return {
    extension: [
      {
        url: TRANSLATION,
        extension: [
          { url: 'lang', valueCode: 'es' },
          { url: 'content', valueString: text.es },
        ],
      },
    ],
  };
}

/** A coded answer whose display is bilingual. */
export function bilingualCoding(system: string, code: string, display: Bilingual): Coding {
  return { system, code, display: display.en, _display: translations(display) };
}

/**
 * Reads the text of an element in a language, falling back to the base text
 * (the questionnaire's own language) when no translation exists.
 * @example textIn(item.text, item._text, 'es') // '¿Poco interés o placer en hacer las cosas?'
 */
export function textIn(base: string | undefined, ext: PrimitiveExtensions | undefined, lang: string): string {
  for (const translation of ext?.extension ?? []) {
    if (translation.url !== TRANSLATION) continue;
    const parts = translation.extension ?? [];
    const tag = parts.find((p) => p.url === 'lang')?.valueCode;
    const content = parts.find((p) => p.url === 'content')?.valueString;
    if (tag === lang && content !== undefined) return content;
  }
  return base ?? '';
}

/** Where one language's wording comes from: `official` copies or Puente's own working translation. */
export interface LanguageSource {
  lang: string;
  status: 'official' | 'working-translation';
  source: string;
}

export function languageSource(source: LanguageSource): Extension {
  return {
    url: LANGUAGE_SOURCE,
    extension: [
      { url: 'lang', valueCode: source.lang },
      { url: 'status', valueCode: source.status },
      { url: 'source', valueString: source.source },
    ],
  };
}

/** The recorded source of each language of a questionnaire. */
export function languageSources(extensions: readonly Extension[] = []): LanguageSource[] {
  return extensions
    .filter((e) => e.url === LANGUAGE_SOURCE)
    .map((e) => {
      const part = (name: string) => e.extension?.find((p) => p.url === name);
      const status = part('status')?.valueCode === 'official' ? 'official' : 'working-translation';
      return { lang: part('lang')?.valueCode ?? '', status, source: part('source')?.valueString ?? '' };
    });
}

/** The ordinal (score) of an answer option, from HL7's ordinalValue extension. */
export function ordinalOf(extensions: readonly Extension[] | undefined): number | undefined {
  return extensions?.find((e) => e.url === ORDINAL_VALUE)?.valueDecimal;
}

export function ordinal(value: number): Extension {
  return { url: ORDINAL_VALUE, valueDecimal: value };
}
