import { type Bilingual, LOINC, languageSource, QUESTIONNAIRE_BASE, translations } from '../extensions.js';
import type { Coding, EnableWhen, Questionnaire } from '../fhir.js';
import { type AnswerCondition, scoringExtension } from '../rule.js';
import { choice, display, option } from './build.js';

export const yes: Coding = { system: LOINC, code: 'LA33-6' };
export const no: Coding = { system: LOINC, code: 'LA32-8' };
export const yesNo = () => [
  option(LOINC, 'LA33-6', { en: 'Yes', es: 'Sí' }),
  option(LOINC, 'LA32-8', { en: 'No', es: 'No' }),
];

const whenYes = (question: string): EnableWhen[] => [{ question, operator: '=', answerCoding: yes }];
const answered = (linkId: string, answer: Coding): AnswerCondition => ({ linkId, answer });

const texts = {
  intro: { en: 'In the past month:', es: 'En el último mes:' },
  q1: {
    en: 'Have you wished you were dead or wished you could go to sleep and not wake up?',
    es: '¿Ha deseado estar muerto(a) o poder dormirse y no despertar?',
  },
  q2: {
    en: 'Have you actually had any thoughts of killing yourself?',
    es: '¿De verdad ha tenido pensamientos de quitarse la vida?',
  },
  q3: {
    en: 'Have you been thinking about how you might do this?',
    es: '¿Ha estado pensando en cómo podría hacerlo?',
  },
  q4: {
    en: 'Have you had these thoughts and had some intention of acting on them?',
    es: '¿Ha tenido estos pensamientos y alguna intención de llevarlos a cabo?',
  },
  q5: {
    en:
      'Have you started to work out or worked out the details of how to kill yourself? ' +
      'Do you intend to carry out this plan?',
    es:
      '¿Ha empezado a planear, o ha planeado, los detalles de cómo quitarse la vida? ' +
      '¿Tiene la intención de llevar a cabo ese plan?',
  },
  q6: {
    en: 'Have you ever done anything, started to do anything, or prepared to do anything to end your life?',
    es: '¿Alguna vez ha hecho algo, empezado a hacer algo o se ha preparado para hacer algo para terminar con su vida?',
  },
  examples: {
    en:
      'For example: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out ' +
      "pills but didn't swallow any, held a gun but changed your mind or it was grabbed from your hand, went to " +
      "the roof but didn't jump; or actually took pills, tried to shoot yourself, cut yourself, tried to hang yourself.",
    es:
      'Por ejemplo: juntó pastillas, consiguió un arma, regaló cosas de valor, escribió un testamento o una carta ' +
      'de despedida, sacó pastillas pero no se las tomó, tuvo un arma en la mano pero cambió de opinión o se la ' +
      'quitaron, subió a un techo pero no saltó; o de verdad tomó pastillas, intentó dispararse, se cortó o ' +
      'intentó ahorcarse.',
  },
  q6b: { en: 'Was this within the past 3 months?', es: '¿Fue en los últimos 3 meses?' },
} satisfies Record<string, Bilingual>;

const ask = (linkId: string, text: Bilingual, enableWhen?: EnableWhen[]) =>
  choice(linkId, text, yesNo(), enableWhen ? { enableWhen } : {});

/**
 * C-SSRS Screener (recent). Skip logic: no to Q2 skips Q3–Q5; Q6 is always
 * asked; Q6b only after yes to Q6. High risk is Columbia's threshold; the
 * moderate and low tiers are common practice, unconfirmed, so they live here
 * as data a program's clinical lead can change in its own version.
 */
export const cssrs: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'cssrs-screener',
  url: `${QUESTIONNAIRE_BASE}/cssrs-screener`,
  version: '1.0.0',
  name: 'CSSRSScreener',
  title: 'Columbia Suicide Severity Rating Scale (C-SSRS) Screener',
  _title: translations({
    en: 'Columbia Suicide Severity Rating Scale (C-SSRS) Screener',
    es: 'Escala Columbia para evaluar la gravedad del riesgo suicida (C-SSRS), versión de tamizaje',
  }),
  status: 'active',
  language: 'en',
  subjectType: ['Patient'],
  publisher: 'Puente',
  description:
    'Six yes/no questions about suicidal thoughts (past month) and behaviour (lifetime, then past 3 months). ' +
    'High risk needs safety precautions now and evaluation by a mental health professional.',
  copyright:
    'C-SSRS © The Research Foundation for Mental Hygiene, Inc. (Posner et al.), Columbia University. ' +
    'Free to use for health and community use; terms for commercial apps are unconfirmed.',
  extension: [
    languageSource({
      lang: 'en',
      status: 'official',
      source: 'C-SSRS Screener, Screen Version – Recent, English, Columbia Lighthouse Project.',
    }),
    languageSource({
      lang: 'es',
      status: 'working-translation',
      source:
        "Puente working translation, not checked against Columbia's official Spanish translation; " +
        'replace it with that copy.',
    }),
    scoringExtension({
      method: 'risk-tiers',
      tiers: [
        {
          level: 'high',
          label: 'screening.riskHigh',
          when: [answered('cssrs-4', yes), answered('cssrs-5', yes), answered('cssrs-6b', yes)],
        },
        {
          level: 'moderate',
          label: 'screening.riskModerate',
          // Q6b "no" means behaviour more than 3 months ago.
          when: [answered('cssrs-3', yes), answered('cssrs-6b', no)],
        },
        {
          level: 'low',
          label: 'screening.riskLow',
          when: [answered('cssrs-1', yes), answered('cssrs-2', yes)],
        },
      ],
      noneLabel: 'screening.riskNone',
    }),
  ],
  item: [
    display('cssrs-intro', texts.intro),
    ask('cssrs-1', texts.q1),
    ask('cssrs-2', texts.q2),
    ask('cssrs-3', texts.q3, whenYes('cssrs-2')),
    ask('cssrs-4', texts.q4, whenYes('cssrs-2')),
    ask('cssrs-5', texts.q5, whenYes('cssrs-2')),
    ask('cssrs-6', texts.q6),
    display('cssrs-6-examples', texts.examples),
    ask('cssrs-6b', texts.q6b, whenYes('cssrs-6')),
  ],
};
