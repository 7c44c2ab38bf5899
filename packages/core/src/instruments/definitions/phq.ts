import { type Bilingual, LOINC, languageSource, QUESTIONNAIRE_BASE, translations } from '../extensions.js';
import type { Questionnaire } from '../fhir.js';
import { scoringExtension } from '../rule.js';
import { choice, display, option, totalItem } from './build.js';

/** The four frequency answers of the PHQ and GAD (LOINC LL358-3), scored 0–3. */
export const frequencyAnswers = () => [
  option(LOINC, 'LA6568-5', { en: 'Not at all', es: 'Ningún día' }, 0),
  option(LOINC, 'LA6569-3', { en: 'Several days', es: 'Varios días' }, 1),
  option(LOINC, 'LA6570-1', { en: 'More than half the days', es: 'Más de la mitad de los días' }, 2),
  option(LOINC, 'LA6571-9', { en: 'Nearly every day', es: 'Casi todos los días' }, 3),
];

export const pfizerCopyright =
  '© Pfizer Inc. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, ' +
  'with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';

/** Pfizer publishes the English and an official Spanish (US) version; our Spanish is our own until a program loads that copy. */
/**
 * How a two-item pre-screen (PHQ-2, GAD-2) scores: the sum of its two items, 0–6,
 * positive at 3 (INSTRUMENTS.md), which leads to the full form.
 */
export const preScreenScoring = (prefix: 'phq2' | 'gad2') =>
  scoringExtension({
    method: 'sum',
    sumOf: [`${prefix}-1`, `${prefix}-2`],
    total: `${prefix}-total`,
    positiveAt: 3,
    bands: [
      { min: 0, max: 2, code: 'negative', label: 'screening.bandNegative' },
      { min: 3, max: 6, code: 'positive', label: 'screening.bandPositive' },
    ],
    flags: [],
  });

export const pfizerSources = (name: string) => [
  languageSource({ lang: 'en', status: 'official', source: `${name} English (US) wording, Pfizer Inc.` }),
  languageSource({
    lang: 'es',
    status: 'working-translation',
    source:
      `Puente working translation of the ${name}, not checked against Pfizer's official Spanish (US) ` +
      'translation; replace it with that copy.',
  }),
];

const recall: Bilingual = {
  en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  es: 'Durante las últimas 2 semanas, ¿con qué frecuencia le han molestado los siguientes problemas?',
};

/** PHQ-9 items in order: LOINC code and wording. Items 1–2 are the PHQ-2. */
const phqItems: Array<{ loinc: string; text: Bilingual }> = [
  {
    loinc: '44250-9',
    text: { en: 'Little interest or pleasure in doing things', es: 'Poco interés o placer en hacer cosas' },
  },
  {
    loinc: '44255-8',
    text: {
      en: 'Feeling down, depressed, or hopeless',
      es: 'Se ha sentido decaído(a), deprimido(a) o sin esperanza',
    },
  },
  {
    loinc: '44259-0',
    text: {
      en: 'Trouble falling or staying asleep, or sleeping too much',
      es: 'Dificultad para dormirse o para seguir durmiendo, o ha dormido demasiado',
    },
  },
  {
    loinc: '44254-1',
    text: { en: 'Feeling tired or having little energy', es: 'Se ha sentido cansado(a) o con poca energía' },
  },
  { loinc: '44251-7', text: { en: 'Poor appetite or overeating', es: 'Poco apetito o ha comido en exceso' } },
  {
    loinc: '44258-2',
    text: {
      en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      es: 'Se ha sentido mal consigo mismo(a), o que es un fracaso, o que se ha fallado a sí mismo(a) o a su familia',
    },
  },
  {
    loinc: '44252-5',
    text: {
      en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
      es: 'Dificultad para concentrarse en cosas como leer el periódico o ver la televisión',
    },
  },
  {
    loinc: '44253-3',
    text: {
      en:
        'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety ' +
        'or restless that you have been moving around a lot more than usual',
      es:
        '¿Se ha movido o ha hablado tan despacio que otras personas podrían haberlo notado? O lo contrario: ' +
        'ha estado tan inquieto(a) o agitado(a) que se ha movido mucho más de lo normal',
    },
  },
  {
    loinc: '44260-8',
    text: {
      en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      es: 'Pensamientos de que estaría mejor muerto(a) o de hacerse daño de alguna manera',
    },
  },
];

const difficulty = choice(
  'phq9-difficulty',
  {
    en:
      'If you checked off any problems, how difficult have these problems made it for you to do your work, ' +
      'take care of things at home, or get along with other people?',
    es:
      'Si marcó alguno de estos problemas, ¿qué tan difícil le han hecho estos problemas hacer su trabajo, ' +
      'ocuparse de las cosas de la casa o llevarse bien con otras personas?',
  },
  [
    option(LOINC, 'LA6572-7', { en: 'Not difficult at all', es: 'No ha sido difícil' }),
    option(LOINC, 'LA6573-5', { en: 'Somewhat difficult', es: 'Un poco difícil' }),
    option(LOINC, 'LA6575-0', { en: 'Very difficult', es: 'Muy difícil' }),
    option(LOINC, 'LA6574-3', { en: 'Extremely difficult', es: 'Extremadamente difícil' }),
  ],
  { loinc: '69722-7', required: false },
);

const title = (en: string, es: string) => ({ title: en, _title: translations({ en, es }) });

/** PHQ-9: depression severity, 0–27, with item 9 flagged whatever the total. */
export const phq9: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'phq-9',
  url: `${QUESTIONNAIRE_BASE}/phq-9`,
  version: '1.0.0',
  name: 'PHQ9',
  ...title('Patient Health Questionnaire (PHQ-9)', 'Cuestionario sobre la salud del paciente (PHQ-9)'),
  status: 'active',
  language: 'en',
  subjectType: ['Patient'],
  publisher: 'Puente',
  description:
    'Depression screening and severity over the last 2 weeks. Not scored: the difficulty question.',
  copyright: `PHQ-9 ${pfizerCopyright}`,
  code: [{ system: LOINC, code: '44249-1' }],
  extension: [
    ...pfizerSources('PHQ-9'),
    scoringExtension({
      method: 'sum',
      sumOf: phqItems.map((_, i) => `phq9-${i + 1}`),
      total: 'phq9-total',
      bands: [
        { min: 0, max: 4, code: 'minimal', label: 'screening.bandMinimal' },
        { min: 5, max: 9, code: 'mild', label: 'screening.bandMild' },
        { min: 10, max: 14, code: 'moderate', label: 'screening.bandModerate' },
        { min: 15, max: 19, code: 'moderately-severe', label: 'screening.bandModeratelySevere' },
        { min: 20, max: 27, code: 'severe', label: 'screening.bandSevere' },
      ],
      flags: [{ name: 'phq9Item9', linkId: 'phq9-9', above: 0 }],
    }),
  ],
  item: [
    display('phq9-recall', recall),
    ...phqItems.map((it, i) => choice(`phq9-${i + 1}`, it.text, frequencyAnswers(), { loinc: it.loinc })),
    difficulty,
    totalItem('phq9-total', '44261-6'),
  ],
};

/** PHQ-2: the first two PHQ-9 items, 0–6, positive at 3 or more. */
export const phq2: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'phq-2',
  url: `${QUESTIONNAIRE_BASE}/phq-2`,
  version: '1.0.0',
  name: 'PHQ2',
  ...title('Patient Health Questionnaire (PHQ-2)', 'Cuestionario sobre la salud del paciente (PHQ-2)'),
  status: 'active',
  language: 'en',
  subjectType: ['Patient'],
  publisher: 'Puente',
  description: 'Depression pre-screen over the last 2 weeks; a positive result leads to the PHQ-9.',
  copyright: `PHQ-2 ${pfizerCopyright}`,
  code: [{ system: LOINC, code: '55757-9' }],
  extension: [...pfizerSources('PHQ-2'), preScreenScoring('phq2')],
  item: [
    display('phq2-recall', recall),
    ...phqItems
      .slice(0, 2)
      .map((it, i) => choice(`phq2-${i + 1}`, it.text, frequencyAnswers(), { loinc: it.loinc })),
    totalItem('phq2-total', '55758-7'),
  ],
};
