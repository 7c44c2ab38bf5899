import {
  LOINC,
  languageSource,
  PUENTE_ANSWERS,
  QUESTIONNAIRE_BASE,
  SDOHCC,
  translations,
} from '../extensions.js';
import type { Coding, Questionnaire } from '../fhir.js';
import { type AnswerCondition, scoringExtension } from '../rule.js';
import { choice, display, group, option, totalItem } from './build.js';
import { yesNo } from './cssrs.js';

const loinc = (code: string): Coding => ({ system: LOINC, code });
const sdoh = (code: string): Coding => ({ system: SDOHCC, code });
const anyOf = (linkId: string, codes: string[], category?: Coding): AnswerCondition[] =>
  codes.map((code) => ({ linkId, answer: loinc(code), ...(category ? { category } : {}) }));

const housingProblems: Array<[string, string, string]> = [
  ['LA31996-4', 'Pests such as bugs, ants, or mice', 'Plagas como chinches, hormigas o ratones'],
  ['LA28580-1', 'Mold', 'Moho'],
  ['LA31997-2', 'Lead paint or pipes', 'Pintura o tuberías con plomo'],
  ['LA31998-0', 'Lack of heat', 'Falta de calefacción'],
  ['LA31999-8', 'Oven or stove not working', 'El horno o la estufa no funcionan'],
  ['LA32000-4', 'Smoke detectors missing or not working', 'No hay detectores de humo o no funcionan'],
  ['LA32001-2', 'Water leaks', 'Goteras o fugas de agua'],
];

const foodAnswers = () => [
  option(LOINC, 'LA28397-0', { en: 'Often true', es: 'Con frecuencia es cierto' }),
  option(LOINC, 'LA6729-3', { en: 'Sometimes true', es: 'A veces es cierto' }),
  option(LOINC, 'LA28398-8', { en: 'Never true', es: 'Nunca es cierto' }),
];

// INSTRUMENTS.md gives no LOINC answer codes for these, so they are Puente's own codes.
const frequency = () => [
  option(PUENTE_ANSWERS, 'never', { en: 'Never', es: 'Nunca' }, 1),
  option(PUENTE_ANSWERS, 'rarely', { en: 'Rarely', es: 'Rara vez' }, 2),
  option(PUENTE_ANSWERS, 'sometimes', { en: 'Sometimes', es: 'A veces' }, 3),
  option(PUENTE_ANSWERS, 'fairly-often', { en: 'Fairly often', es: 'Bastante seguido' }, 4),
  option(PUENTE_ANSWERS, 'frequently', { en: 'Frequently', es: 'Con mucha frecuencia' }, 5),
];

const howOften = (what: { en: string; es: string }) => ({
  en: `How often does anyone, including family and friends, ${what.en}?`,
  es: `¿Con qué frecuencia alguien, incluidos familiares y amigos, ${what.es}?`,
});

const safetyItems: Array<[string, string, { en: string; es: string }]> = [
  ['safety-hurt', '95618-5', { en: 'physically hurt you', es: 'le hace daño físico' }],
  [
    'safety-insult',
    '95617-7',
    { en: 'insult or talk down to you', es: 'le insulta o le habla con desprecio' },
  ],
  ['safety-threaten', '95616-9', { en: 'threaten you with harm', es: 'le amenaza con hacerle daño' }],
  ['safety-scream', '95615-1', { en: 'scream or curse at you', es: 'le grita o le maldice' }],
];

/**
 * AHC HRSN core questions. Each domain names the SDOH category it refers to
 * (SDOH.md); a program can change the mapping in its own version. Safety maps
 * to intimate-partner-violence, the nearest category in the list.
 */
export const ahcHrsn: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'ahc-hrsn-core',
  url: `${QUESTIONNAIRE_BASE}/ahc-hrsn-core`,
  version: '1.0.0',
  name: 'AHCHRSNCore',
  title: 'Health-Related Social Needs screening (AHC HRSN core questions)',
  _title: translations({
    en: 'Health-Related Social Needs screening (AHC HRSN core questions)',
    es: 'Evaluación de necesidades sociales relacionadas con la salud (preguntas básicas AHC HRSN)',
  }),
  status: 'active',
  language: 'en',
  subjectType: ['Patient'],
  publisher: 'Puente',
  description:
    'Living situation, food, transportation, utilities and safety; each positive domain is a need to refer.',
  copyright:
    'Accountable Health Communities Health-Related Social Needs Screening Tool, Centers for Medicare & ' +
    'Medicaid Services (CMS). Public-domain status unconfirmed: keep this attribution.',
  code: [loinc('96777-8')],
  extension: [
    languageSource({
      lang: 'en',
      status: 'official',
      source: 'AHC HRSN Screening Tool, core questions, CMS.',
    }),
    languageSource({
      lang: 'es',
      status: 'working-translation',
      source:
        "Puente working translation, not checked against CMS's Spanish version; replace it with that copy.",
    }),
    scoringExtension({
      method: 'social-needs',
      domains: [
        {
          name: 'living-situation',
          category: sdoh('housing-instability'),
          when: [
            ...anyOf('living-situation', ['LA31994-9']),
            ...anyOf('living-situation', ['LA31995-6'], sdoh('homelessness')),
          ],
          sumOf: [],
        },
        {
          name: 'housing-quality',
          category: sdoh('inadequate-housing'),
          when: anyOf(
            'housing-problems',
            housingProblems.map(([code]) => code),
          ),
          sumOf: [],
        },
        {
          name: 'food',
          category: sdoh('food-insecurity'),
          when: [
            ...anyOf('food-worry', ['LA28397-0', 'LA6729-3']),
            ...anyOf('food-did-not-last', ['LA28397-0', 'LA6729-3']),
          ],
          sumOf: [],
        },
        {
          name: 'transportation',
          category: sdoh('transportation-insecurity'),
          when: anyOf('transportation', ['LA33-6']),
          sumOf: [],
        },
        {
          name: 'utilities',
          category: sdoh('utility-insecurity'),
          when: anyOf('utilities', ['LA33-6', 'LA32002-0']),
          sumOf: [],
        },
        {
          name: 'safety',
          category: sdoh('intimate-partner-violence'),
          when: [],
          sumOf: safetyItems.map(([linkId]) => linkId),
          total: 'safety-total',
          positiveAt: 11,
        },
      ],
    }),
  ],
  item: [
    choice(
      'living-situation',
      { en: 'What is your living situation today?', es: '¿Cuál es su situación de vivienda hoy?' },
      [
        option(LOINC, 'LA31993-1', {
          en: 'I have a steady place to live',
          es: 'Tengo un lugar estable donde vivir',
        }),
        option(LOINC, 'LA31994-9', {
          en: 'I have a place to live today, but I am worried about losing it in the future',
          es: 'Hoy tengo un lugar donde vivir, pero me preocupa perderlo en el futuro',
        }),
        option(LOINC, 'LA31995-6', {
          en:
            'I do not have a steady place to live (I am temporarily staying with others, in a hotel, in a shelter, ' +
            'living outside on the street, on a beach, in a car, abandoned building, bus or train station, or in a park)',
          es:
            'No tengo un lugar estable donde vivir (me estoy quedando temporalmente con otras personas, en un hotel, ' +
            'en un albergue, vivo en la calle, en una playa, en un carro, en un edificio abandonado, en una estación ' +
            'de autobús o de tren, o en un parque)',
        }),
      ],
      { loinc: '71802-3' },
    ),
    choice(
      'housing-problems',
      {
        en: 'Think about the place you live. Do you have problems with any of the following? (Choose all that apply)',
        es: 'Piense en el lugar donde vive. ¿Tiene problemas con alguna de estas cosas? (Elija todas las que apliquen)',
      },
      [
        ...housingProblems.map(([code, en, es]) => option(LOINC, code, { en, es })),
        option(LOINC, 'LA9-3', { en: 'None of the above', es: 'Ninguna de las anteriores' }),
      ],
      { loinc: '96778-6', repeats: true },
    ),
    choice(
      'food-worry',
      {
        en: 'Within the past 12 months, you worried that your food would run out before you got money to buy more.',
        es: 'En los últimos 12 meses, le preocupó que la comida se acabara antes de tener dinero para comprar más.',
      },
      foodAnswers(),
      { loinc: '88122-7' },
    ),
    choice(
      'food-did-not-last',
      {
        en: "Within the past 12 months, the food you bought just didn't last and you didn't have money to get more.",
        es: 'En los últimos 12 meses, la comida que compró no le alcanzó y no tenía dinero para comprar más.',
      },
      foodAnswers(),
      { loinc: '88123-5' },
    ),
    choice(
      'transportation',
      {
        en:
          'In the past 12 months, has lack of reliable transportation kept you from medical appointments, ' +
          'meetings, work or from getting things needed for daily living?',
        es:
          'En los últimos 12 meses, ¿la falta de transporte confiable le ha impedido ir a citas médicas, reuniones ' +
          'o al trabajo, o conseguir lo que necesita para el día a día?',
      },
      yesNo(),
      { loinc: '93030-5' },
    ),
    choice(
      'utilities',
      {
        en: 'In the past 12 months has the electric, gas, oil, or water company threatened to shut off services in your home?',
        es: 'En los últimos 12 meses, ¿la compañía de luz, gas, petróleo o agua ha amenazado con cortarle el servicio en su casa?',
      },
      [...yesNo(), option(LOINC, 'LA32002-0', { en: 'Already shut off', es: 'Ya me lo cortaron' })],
      { loinc: '96779-4' },
    ),
    group('safety', { en: 'Safety', es: 'Seguridad' }, [
      display('safety-intro', {
        en: 'Because violence and abuse happens to a lot of people and affects their health we are going to ask you the following questions.',
        es: 'Como la violencia y el maltrato les pasan a muchas personas y afectan su salud, le vamos a hacer las siguientes preguntas.',
      }),
      ...safetyItems.map(([linkId, code, what]) =>
        choice(linkId, howOften(what), frequency(), { loinc: code }),
      ),
      totalItem('safety-total', '95614-4'),
    ]),
  ],
};
