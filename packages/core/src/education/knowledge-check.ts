import { choice, display, option } from '../instruments/definitions/build.js';
import {
  type Bilingual,
  languageSource,
  PUENTE_ANSWERS,
  QUESTIONNAIRE_BASE,
  translations,
} from '../instruments/extensions.js';
import type { Questionnaire } from '../instruments/fhir.js';
import { scoringExtension } from '../instruments/rule.js';

const agree: Bilingual = { en: 'Agree', es: 'De acuerdo' };
const unsure: Bilingual = { en: 'Not sure', es: 'No estoy seguro/a' };
const disagree: Bilingual = { en: 'Disagree', es: 'En desacuerdo' };

/** Points for agree / not sure / disagree: 2-1-0, or 0-1-2 when the statement is a myth. */
function answers(myth: boolean) {
  const [a, d] = myth ? [0, 2] : [2, 0];
  return [
    option(PUENTE_ANSWERS, 'agree', agree, a),
    option(PUENTE_ANSWERS, 'not-sure', unsure, 1),
    option(PUENTE_ANSWERS, 'disagree', disagree, d),
  ];
}

// Written for Puente. Not adapted from any published stigma scale (MAKS, RIBS and others may not ship).
const statements: Array<{ text: Bilingual; myth: boolean }> = [
  {
    text: {
      en: 'Depression is a health problem, not a sign of weakness.',
      es: 'La depresión es un problema de salud, no una señal de debilidad.',
    },
    myth: false,
  },
  {
    text: {
      en: 'Only people with a very serious illness need to talk with a counselor.',
      es: 'Solo las personas con una enfermedad muy grave necesitan hablar con un consejero.',
    },
    myth: true,
  },
  {
    text: {
      en: 'People with a mental illness can get better and live full lives.',
      es: 'Las personas con una enfermedad mental pueden mejorar y vivir una vida plena.',
    },
    myth: false,
  },
  {
    text: {
      en: 'If someone I know talked about wanting to die, I would know where to call for help.',
      es: 'Si alguien que conozco hablara de querer morir, yo sabría a dónde llamar para pedir ayuda.',
    },
    myth: false,
  },
  {
    text: {
      en: 'I would feel OK asking for help if stress became too much for me.',
      es: 'Me sentiría bien pidiendo ayuda si el estrés fuera demasiado para mí.',
    },
    myth: false,
  },
];

export const TALK_CHECK_MAX = statements.length * 2;

/**
 * Five agree/disagree statements about mental health, for before and after a
 * talk. Written for this project and NOT a validated scale: it shows whether a
 * group's answers moved, not how much stigma anyone holds.
 */
export const talkCheck: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'puente-talk-check',
  url: `${QUESTIONNAIRE_BASE}/puente-talk-check`,
  version: '1.0.0',
  name: 'PuenteTalkCheck',
  title: 'Before-and-after talk check (not a validated scale)',
  _title: translations({
    en: 'Before-and-after talk check (not a validated scale)',
    es: 'Preguntas de antes y después de la charla (no es una escala validada)',
  }),
  status: 'active',
  language: 'en',
  publisher: 'Puente',
  description:
    'Five statements written for Puente to see whether a group’s knowledge and attitudes moved after a talk. Not a validated scale; not for judging any one person.',
  copyright: 'Written for Puente; Apache-2.0 like the rest of the project.',
  extension: [
    languageSource({ lang: 'en', status: 'official', source: 'Written for Puente' }),
    languageSource({ lang: 'es', status: 'official', source: 'Escrito para Puente' }),
    scoringExtension({
      method: 'sum',
      sumOf: statements.map((_, i) => `talk-${i + 1}`),
      bands: [],
      flags: [],
    }),
  ],
  item: [
    display('talk-intro', {
      en: 'There are no right or wrong answers about you. We do not ask your name.',
      es: 'No hay respuestas buenas o malas sobre usted. No le pedimos su nombre.',
    }),
    ...statements.map((s, i) => choice(`talk-${i + 1}`, s.text, answers(s.myth))),
  ],
};
