import type { Need } from '@puente/core';
import type { SourcedRecord } from '@puente/server';
import type { Random } from '../lib/random.js';

/** Names and descriptions per need, in English and Spanish, using only that need's words. */
const kinds: Record<Need, { names: string[]; about: string[] }> = {
  food: {
    names: [
      'Food Pantry',
      'Despensa Comunitaria',
      'Community Meals',
      'Comedor Popular',
      'Food Bank',
      'Banco de Alimentos',
    ],
    about: ['Groceries and meals for families.', 'Despensa semanal de alimentos para familias.'],
  },
  housing: {
    names: [
      'Shelter',
      'Albergue',
      'Rent Assistance',
      'Ayuda con la Renta',
      'Housing Help Desk',
      'Vivienda Digna',
    ],
    about: ['Help with rent, eviction and shelter.', 'Ayuda con renta, desalojo y albergue.'],
  },
  utilities: {
    names: [
      'Energy Bill Assistance',
      'Ayuda con la Luz',
      'Utility Help',
      'Ayuda con Recibos',
      'LIHEAP Office',
    ],
    about: ['Help paying electric, gas and water bills.', 'Ayuda para pagar recibos de luz, gas y agua.'],
  },
  work: {
    names: ['Job Center', 'Centro de Empleo', 'Career Services', 'Bolsa de Trabajo', 'Employment Office'],
    about: ['Job search, resumes and hiring events.', 'Búsqueda de empleo y trabajo temporal.'],
  },
  clinic: {
    names: ['Community Clinic', 'Clínica Comunitaria', 'Health Center', 'Centro de Salud', 'Dental Clinic'],
    about: ['Doctor visits and dental care.', 'Consultas con médico y dentista.'],
  },
  'behavioral-health': {
    names: [
      'Counseling Center',
      'Consejería Familiar',
      'Therapy Services',
      'Terapia y Apoyo',
      'Mental Wellness',
    ],
    about: ['Counseling for depression and anxiety.', 'Terapia para ansiedad y depresión.'],
  },
  legal: {
    names: ['Legal Aid', 'Asesoría Legal', 'Immigration Lawyers', 'Abogados Comunitarios'],
    about: ['Free lawyers for immigration and court.', 'Abogados para inmigración y corte.'],
  },
  transit: {
    names: ['Ride Program', 'Transporte Comunitario', 'Bus Pass Office', 'Rides to Appointments'],
    about: ['Rides and bus passes.', 'Transporte y pasajes de autobús.'],
  },
  money: {
    names: ['Financial Coaching', 'Finanzas Familiares', 'Benefits Desk', 'Tax Help'],
    about: ['Help with benefits, taxes and money.', 'Ayuda con beneficios, impuestos y dinero.'],
  },
  goods: {
    names: ['Clothing Closet', 'Ropa Comunitaria', 'Diaper Bank', 'Banco de Pañales', 'Furniture Bank'],
    about: ['Clothes, diapers and furniture.', 'Ropa, pañales y muebles.'],
  },
  education: {
    names: ['Adult School', 'Escuela para Adultos', 'GED Classes', 'Clases de Inglés'],
    about: ['GED and English classes.', 'Clases de inglés y escuela.'],
  },
  care: {
    names: ['Childcare Center', 'Guardería', 'Caregiver Support', 'Cuidado de Ancianos'],
    about: ['Childcare and caregiver support.', 'Guardería y cuidado de ancianos.'],
  },
  emergency: {
    names: ['Crisis Line', 'Línea de Crisis', 'Domestic Violence Program', 'Programa contra la Violencia'],
    about: ['Emergency help after violence or abuse.', 'Ayuda de emergencia por violencia o abuso.'],
  },
};
export const needList = Object.keys(kinds) as Need[];
const places = [
  'Eastside',
  'San Joaquín',
  'Las Palmas',
  'Riverside',
  'El Centro',
  'Northgate',
  'Del Valle',
  'Hillcrest',
];
/** City centres the services cluster around: [lat, lng, first postcode]. */
export const cities = [
  [36.74, -119.79, 93701],
  [34.05, -118.24, 90001],
  [32.72, -117.16, 92101],
  [37.34, -121.89, 95110],
] as const;

const uuid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A synthetic bilingual directory, the same for the same seed: services with
 * one location each, address, phone, schedule, languages, cost and, for half,
 * an Open Eligibility taxonomy term. Returns the records and each service's need.
 */
export function generateDirectory(r: Random, services: number): { records: SourcedRecord[]; needOf: Need[] } {
  const records: SourcedRecord[] = [];
  const add = (entity: string, record: Record<string, unknown>) => {
    records.push({ entity, record, source: { file: 'generated', row: String(records.length) } });
  };
  add('taxonomy', { id: uuid(1, 0), name: 'Open Eligibility', description: 'Open Eligibility top level' });
  for (const [i, need] of needList.entries()) {
    add('taxonomy_term', { id: uuid(2, i), name: need, description: need, taxonomy_id: uuid(1, 0) });
  }
  const needOf: Need[] = [];
  for (let i = 0; i < services; i++) {
    const need = r.pick(needList);
    needOf.push(need);
    const kind = kinds[need];
    const [lat, lng, zip] = r.pick(cities);
    const orgId = uuid(3, Math.floor(i / 5));
    if (i % 5 === 0)
      add('organization', {
        id: orgId,
        name: `${r.pick(places)} Community Network ${i / 5}`,
        description: 'Nonprofit',
      });
    const id = uuid(4, i);
    const minAge = r.chance(0.1) ? 60 : r.chance(0.1) ? 12 : undefined;
    add('service', {
      id,
      organization_id: orgId,
      name: `${r.pick(kind.names)} ${r.pick(places)}`,
      description: r.pick(kind.about),
      status: 'active',
      application_process: r.chance(0.5) ? 'Walk in with ID.' : 'Llame para una cita.',
      ...(r.chance(0.2) ? { fees_description: 'Sliding scale' } : {}),
      ...(minAge !== undefined ? { minimum_age: minAge, maximum_age: minAge === 12 ? 18 : 120 } : {}),
      assured_date: `202${r.int(3, 6)}-0${r.int(1, 9)}-15`,
    });
    const loc = uuid(5, i);
    add('location', {
      id: loc,
      location_type: 'physical',
      latitude: lat + (r.next() - 0.5) * 0.6,
      longitude: lng + (r.next() - 0.5) * 0.6,
    });
    add('service_at_location', { id: uuid(6, i), service_id: id, location_id: loc });
    add('address', {
      id: uuid(7, i),
      location_id: loc,
      address_1: `${r.int(1, 9999)} Main St`,
      city: 'City',
      state_province: 'CA',
      postal_code: String(zip + r.int(0, 40)),
      country: 'US',
      address_type: 'physical',
    });
    add('phone', { id: uuid(8, i), service_id: id, number: `555-${r.int(200, 999)}-${r.int(1000, 9999)}` });
    const open = r.int(7, 10);
    add('schedule', {
      id: uuid(9, i),
      service_id: id,
      freq: 'WEEKLY',
      byday: r.pick(['MO,TU,WE,TH,FR', 'MO,WE,FR', 'TU,TH,SA', 'SA,SU']),
      opens_at: `${String(open).padStart(2, '0')}:00`,
      closes_at: `${open + r.int(3, 9)}:00`,
    });
    add('language', { id: uuid(10, i * 2), service_id: id, code: 'en' });
    if (r.chance(0.6)) add('language', { id: uuid(10, i * 2 + 1), service_id: id, code: 'es' });
    if (r.chance(0.6))
      add('cost_option', {
        id: uuid(11, i),
        service_id: id,
        amount: r.chance(0.8) ? 0 : 40,
        currency: 'USD',
      });
    if (r.chance(0.5))
      add('attribute', {
        id: uuid(12, i),
        link_id: id,
        link_entity: 'service',
        taxonomy_term_id: uuid(2, needList.indexOf(need)),
      });
  }
  return { records, needOf };
}
