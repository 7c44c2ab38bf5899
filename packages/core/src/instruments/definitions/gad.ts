import { type Bilingual, LOINC, QUESTIONNAIRE_BASE, translations } from '../extensions.js';
import type { Questionnaire } from '../fhir.js';
import { scoringExtension } from '../rule.js';
import { choice, display, option, totalItem } from './build.js';
import { frequencyAnswers, pfizerCopyright, pfizerSources, preScreenScoring } from './phq.js';

const recall: Bilingual = {
  en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  es: 'Durante las últimas 2 semanas, ¿con qué frecuencia le han molestado los siguientes problemas?',
};

const gadItems: Array<{ loinc: string; text: Bilingual }> = [
  {
    loinc: '69725-0',
    text: {
      en: 'Feeling nervous, anxious, or on edge',
      es: 'Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta',
    },
  },
  {
    loinc: '68509-9',
    text: {
      en: 'Not being able to stop or control worrying',
      es: 'No ha podido dejar de preocuparse o controlar su preocupación',
    },
  },
  {
    loinc: '69733-4',
    text: {
      en: 'Worrying too much about different things',
      es: 'Se ha preocupado demasiado por distintas cosas',
    },
  },
  { loinc: '69734-2', text: { en: 'Trouble relaxing', es: 'Ha tenido dificultad para relajarse' } },
  {
    loinc: '69735-9',
    text: {
      en: 'Being so restless that it is hard to sit still',
      es: 'Ha estado tan inquieto(a) que le cuesta quedarse sentado(a) tranquilo(a)',
    },
  },
  {
    loinc: '69689-8',
    text: { en: 'Becoming easily annoyed or irritable', es: 'Se ha molestado o irritado fácilmente' },
  },
  {
    loinc: '69736-7',
    text: {
      en: 'Feeling afraid, as if something awful might happen',
      es: 'Ha sentido miedo, como si algo terrible pudiera pasar',
    },
  },
];

/**
 * LOINC's answer list for 68509-9 codes its value-2 answer LA18938-3
 * ("More days than not"), unlike the other items; we keep LOINC's code and label.
 */
function answersFor(loinc: string) {
  const answers = frequencyAnswers();
  if (loinc === '68509-9') {
    answers[2] = option(
      LOINC,
      'LA18938-3',
      { en: 'More days than not', es: 'Más de la mitad de los días' },
      2,
    );
  }
  return answers;
}

const common: Pick<
  Questionnaire,
  'resourceType' | 'status' | 'version' | 'language' | 'subjectType' | 'publisher'
> = {
  resourceType: 'Questionnaire',
  status: 'active',
  version: '1.0.0',
  language: 'en',
  subjectType: ['Patient'],
  publisher: 'Puente',
};

/** GAD-7: anxiety severity, 0–21. */
export const gad7: Questionnaire = {
  ...common,
  id: 'gad-7',
  url: `${QUESTIONNAIRE_BASE}/gad-7`,
  name: 'GAD7',
  title: 'Generalized Anxiety Disorder (GAD-7)',
  _title: translations({
    en: 'Generalized Anxiety Disorder (GAD-7)',
    es: 'Trastorno de ansiedad generalizada (GAD-7)',
  }),
  description: 'Anxiety screening and severity over the last 2 weeks.',
  copyright: `GAD-7 ${pfizerCopyright}`,
  code: [{ system: LOINC, code: '69737-5' }],
  extension: [
    ...pfizerSources('GAD-7'),
    scoringExtension({
      method: 'sum',
      sumOf: gadItems.map((_, i) => `gad7-${i + 1}`),
      total: 'gad7-total',
      bands: [
        { min: 0, max: 4, code: 'minimal', label: 'screening.bandMinimal' },
        { min: 5, max: 9, code: 'mild', label: 'screening.bandMild' },
        { min: 10, max: 14, code: 'moderate', label: 'screening.bandModerate' },
        { min: 15, max: 21, code: 'severe', label: 'screening.bandSevere' },
      ],
      flags: [],
    }),
  ],
  item: [
    display('gad7-recall', recall),
    ...gadItems.map((it, i) => choice(`gad7-${i + 1}`, it.text, answersFor(it.loinc), { loinc: it.loinc })),
    totalItem('gad7-total', '70274-6'),
  ],
};

/**
 * GAD-2: the first two GAD-7 items, 0–6, positive at 3 or more. INSTRUMENTS.md
 * gives no LOINC panel or total code for it, so none is claimed here.
 */
export const gad2: Questionnaire = {
  ...common,
  id: 'gad-2',
  url: `${QUESTIONNAIRE_BASE}/gad-2`,
  name: 'GAD2',
  title: 'Generalized Anxiety Disorder (GAD-2)',
  _title: translations({
    en: 'Generalized Anxiety Disorder (GAD-2)',
    es: 'Trastorno de ansiedad generalizada (GAD-2)',
  }),
  description: 'Anxiety pre-screen over the last 2 weeks; a positive result leads to the GAD-7.',
  copyright: `GAD-2 ${pfizerCopyright}`,
  extension: [...pfizerSources('GAD-2'), preScreenScoring('gad2')],
  item: [
    display('gad2-recall', recall),
    ...gadItems
      .slice(0, 2)
      .map((it, i) => choice(`gad2-${i + 1}`, it.text, answersFor(it.loinc), { loinc: it.loinc })),
    totalItem('gad2-total'),
  ],
};
