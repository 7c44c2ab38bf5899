import type { SafetyPlanContent } from '@puente/core';
import type { Database } from '@puente/server';
import type { Random } from '../lib/random.js';

const dayMs = 86_400_000;

type Language = 'es' | 'en';
type Words = Record<Language, string>;

/** Goals a CHW writes with a person, by need area, with the steps that usually follow. */
const goalsByNeed: Record<string, { goal: Words; steps: Words[] }> = {
  'behavioral-health': {
    goal: { en: 'Sleep better and feel less down', es: 'Dormir mejor y sentirme menos decaído' },
    steps: [
      {
        en: 'Call the counseling center for a first visit',
        es: 'Llamar al centro de consejería para una cita',
      },
      { en: 'Walk twenty minutes three days a week', es: 'Caminar veinte minutos tres días por semana' },
      { en: 'Write down what helps on hard days', es: 'Anotar lo que ayuda en los días difíciles' },
    ],
  },
  'food-insecurity': {
    goal: {
      en: 'Have enough food for the family every week',
      es: 'Tener comida suficiente para la familia cada semana',
    },
    steps: [
      { en: 'Apply for CalFresh', es: 'Solicitar CalFresh' },
      { en: 'Visit the food pantry on Saturday', es: 'Ir a la despensa el sábado' },
    ],
  },
  'housing-instability': {
    goal: {
      en: 'Keep the apartment: catch up on rent',
      es: 'Conservar el departamento: ponerse al día con la renta',
    },
    steps: [
      {
        en: 'Bring the lease and notices to legal aid',
        es: 'Llevar el contrato y los avisos a la asesoría legal',
      },
      { en: 'Apply for rent assistance', es: 'Solicitar ayuda con la renta' },
    ],
  },
  'financial-insecurity': {
    goal: { en: 'Pay the electric bill without falling behind', es: 'Pagar la luz sin atrasarse' },
    steps: [
      { en: 'Ask the utility for a payment plan', es: 'Pedir un plan de pagos a la compañía de luz' },
      { en: 'Apply for LIHEAP', es: 'Solicitar LIHEAP' },
    ],
  },
  'employment-status': {
    goal: { en: 'Find steady work', es: 'Encontrar un trabajo estable' },
    steps: [
      { en: 'Update the résumé at the job center', es: 'Actualizar el currículum en el centro de empleo' },
      { en: 'Go to the hiring fair', es: 'Ir a la feria de empleo' },
    ],
  },
  'health-insurance-coverage-status': {
    goal: { en: 'Get health coverage', es: 'Conseguir seguro médico' },
    steps: [
      { en: 'Gather documents for Medi-Cal', es: 'Juntar los documentos para Medi-Cal' },
      { en: 'Submit the application with the navigator', es: 'Entregar la solicitud con la navegadora' },
    ],
  },
  'social-connection': {
    goal: { en: 'Feel less alone', es: 'Sentirme menos solo' },
    steps: [
      { en: 'Join the Tuesday women’s group', es: 'Ir al grupo de mujeres del martes' },
      { en: 'Call a friend once a week', es: 'Llamar a una amiga una vez por semana' },
    ],
  },
  'transportation-insecurity': {
    goal: { en: 'Get to medical appointments', es: 'Llegar a las citas médicas' },
    steps: [{ en: 'Sign up for the ride program', es: 'Inscribirse en el programa de transporte' }],
  },
};
/** Need areas in rough order of how often CHWs meet them. */
const needWeights: [string, number][] = [
  ['behavioral-health', 30],
  ['food-insecurity', 18],
  ['housing-instability', 14],
  ['financial-insecurity', 10],
  ['health-insurance-coverage-status', 10],
  ['employment-status', 8],
  ['social-connection', 6],
  ['transportation-insecurity', 4],
];
const weightTotal = needWeights.reduce((n, [, w]) => n + w, 0);

function need(r: Random): string {
  let u = r.next() * weightTotal;
  for (const [area, w] of needWeights) {
    u -= w;
    if (u < 0) return area;
  }
  return 'behavioral-health';
}

export interface Goal {
  needArea: string;
  text: string;
  status: 'active' | 'achieved' | 'stopped';
  steps: {
    text: string;
    owner: 'chw' | 'client';
    dueInDays: number;
    status: 'todo' | 'done' | 'cancelled';
  }[];
}

/** A person's care plan: one to three goals in their language, each with its steps; achieved goals have their steps done. */
export function carePlan(r: Random, language: Language): Goal[] {
  const areas = new Set(Array.from({ length: r.int(1, 3) }, () => need(r)));
  return [...areas].map((area) => {
    const template = goalsByNeed[area] ?? goalsByNeed['behavioral-health'];
    const u = r.next();
    const status = u < 0.6 ? 'active' : u < 0.9 ? 'achieved' : 'stopped';
    return {
      needArea: area,
      text: template?.goal[language] ?? '',
      status,
      steps: (template?.steps ?? []).map((s) => ({
        text: s[language],
        owner: r.chance(0.6) ? 'client' : 'chw',
        dueInDays: r.int(-60, 30),
        status: status === 'achieved' || r.chance(0.4) ? 'done' : status === 'stopped' ? 'cancelled' : 'todo',
      })),
    };
  });
}

const planWords: Record<Language, SafetyPlanContent> = {
  es: {
    warningSigns: ['No duermo', 'Me encierro en mi cuarto'],
    copingOnMyOwn: ['Salir a caminar', 'Escuchar música'],
    peopleAndPlaces: ['La casa de mi hermana', 'El parque'],
    peopleToAsk: ['Mi hermana', 'Mi promotora'],
    professionals: ['Línea 988', 'Centro de consejería'],
    safeSurroundings: ['Guardar las medicinas con mi hermana'],
    likelyToUse: 'yes',
  },
  en: {
    warningSigns: ['I stop sleeping', 'I shut myself in my room'],
    copingOnMyOwn: ['Go for a walk', 'Listen to music'],
    peopleAndPlaces: ['My sister’s house', 'The park'],
    peopleToAsk: ['My sister', 'My CHW'],
    professionals: ['988 line', 'Counseling center'],
    safeSurroundings: ['Keep medicines at my sister’s'],
    likelyToUse: 'unsure',
  },
};

/** A safety plan as written with the person after a crisis screen, in their language. */
export const safetyPlan = (language: Language): SafetyPlanContent => planWords[language];

/** Care plans for two people in five, and an open follow-up for one in three. */
export async function insertCarePlans(
  db: Database,
  r: Random,
  orgId: string,
  people: { id: string; chw: string; language: 'es' | 'en'; createdAt: number }[],
  today: number,
) {
  const goals = people
    .filter(() => r.chance(0.4))
    .flatMap((p) =>
      carePlan(r, p.language).map((g) => ({ ...g, id: r.uuid(p.createdAt + dayMs), person: p })),
    );
  const steps = goals.flatMap((g) =>
    g.steps.map((s) => ({ ...s, id: r.uuid(g.person.createdAt + dayMs), goal: g.id })),
  );
  const dueOn = (days: number) => new Date(today + days * dayMs).toISOString().slice(0, 10);
  await db.query(
    `insert into goal (id, org_id, client_id, text, need_area, status, created_by, created_at)
     select id, $1, cid, text, area, status, chw, at::timestamptz
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
         as t(id, cid, text, area, status, chw, at)`,
    [
      orgId,
      goals.map((g) => g.id),
      goals.map((g) => g.person.id),
      goals.map((g) => g.text),
      goals.map((g) => g.needArea),
      goals.map((g) => g.status),
      goals.map((g) => g.person.chw),
      goals.map((g) => new Date(g.person.createdAt + dayMs).toISOString()),
    ],
  );
  await db.query(
    `insert into goal_step (id, org_id, goal_id, text, owner, due_on, status)
     select id, $1, gid, text, owner, due::date, status
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) as t(id, gid, text, owner, due, status)`,
    [
      orgId,
      steps.map((s) => s.id),
      steps.map((s) => s.goal),
      steps.map((s) => s.text),
      steps.map((s) => s.owner),
      steps.map((s) => dueOn(s.dueInDays)),
      steps.map((s) => s.status),
    ],
  );
  const followed = people.filter(() => r.chance(0.33));
  await db.query(
    `insert into task (id, org_id, client_id, assignee_id, title, due_on, source, created_by)
     select id, $1, cid, chw, 'follow-up-after-visit', due::date, 'rule:after-visit', chw
       from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[]) as t(id, cid, chw, due)`,
    [
      orgId,
      followed.map(() => r.uuid(today)),
      followed.map((p) => p.id),
      followed.map((p) => p.chw),
      followed.map(() => dueOn(r.int(-20, 30))),
    ],
  );
  return { goals: goals.length, steps: steps.length, tasks: followed.length };
}
