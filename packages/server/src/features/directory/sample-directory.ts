/** A small bilingual directory: the demo organization's, and the one tests search. In the HSDS tabular form as JSON. */

const id = (kind: number, n: number) =>
  `00000000-0000-4000-8000-${String(kind * 1000 + n).padStart(12, '0')}`;

interface Place {
  name: string;
  description: string;
  lat: number;
  lng: number;
  postcode: string;
  languages: string[];
  days: string;
  opens: string;
  closes: string;
  fees?: string;
  amount?: number;
  minAge?: number;
  maxAge?: number;
  term?: string;
}

export const places: Place[] = [
  {
    name: 'Community Food Pantry',
    description: 'Despensa de alimentos: groceries every week.',
    lat: 36.74,
    lng: -119.78,
    postcode: '93701',
    languages: ['en', 'es'],
    days: 'MO,WE,FR',
    opens: '09:00',
    closes: '13:00',
    amount: 0,
    term: 'Food',
  },
  {
    name: 'Casa Esperanza Shelter',
    description: 'Emergency shelter and help finding housing.',
    lat: 36.75,
    lng: -119.8,
    postcode: '93701',
    languages: ['en', 'es'],
    days: 'MO,TU,WE,TH,FR,SA,SU',
    opens: '18:00',
    closes: '08:00',
    amount: 0,
  },
  {
    name: 'Ayuda con la Luz (LIHEAP)',
    description: 'Help paying electric and gas bills.',
    lat: 36.8,
    lng: -119.7,
    postcode: '93710',
    languages: ['es'],
    days: 'TU,TH',
    opens: '10:00',
    closes: '16:00',
    amount: 0,
    term: 'utility-insecurity',
  },
  {
    name: 'Centro de Empleo',
    description: 'Job search, resumes, trabajo temporal.',
    lat: 36.7,
    lng: -119.75,
    postcode: '93702',
    languages: ['es', 'en'],
    days: 'MO,TU,WE,TH,FR',
    opens: '08:00',
    closes: '17:00',
    fees: 'Free',
  },
  {
    name: 'Clínica del Pueblo',
    description: 'Primary care clinic with a sliding scale.',
    lat: 36.76,
    lng: -119.77,
    postcode: '93701',
    languages: ['es'],
    days: 'MO,TU,WE,TH,FR',
    opens: '08:00',
    closes: '18:00',
    fees: 'Sliding scale',
  },
  {
    name: 'Consejería Familiar',
    description: 'Counseling for adults and families.',
    lat: 36.9,
    lng: -119.9,
    postcode: '93720',
    languages: ['es'],
    days: 'SA',
    opens: '09:00',
    closes: '12:00',
    amount: 60,
    minAge: 18,
  },
  {
    name: 'Legal Aid Society',
    description: 'Free immigration and tenant lawyers.',
    lat: 37.3,
    lng: -120.5,
    postcode: '95340',
    languages: ['en'],
    days: 'MO,WE',
    opens: '09:00',
    closes: '17:00',
    amount: 0,
  },
  {
    name: 'Ride to Care Program',
    description: 'Transportation to medical appointments.',
    lat: 36.74,
    lng: -119.79,
    postcode: '93701',
    languages: ['en'],
    days: 'MO,TU,WE,TH,FR',
    opens: '07:00',
    closes: '19:00',
    amount: 0,
    minAge: 60,
  },
  {
    name: 'Youth Food Bank',
    description: 'Meals for teens after school.',
    lat: 37.8,
    lng: -122.27,
    postcode: '94612',
    languages: ['en'],
    days: 'MO,TU,WE,TH,FR',
    opens: '15:00',
    closes: '18:00',
    amount: 0,
    minAge: 12,
    maxAge: 18,
  },
];

export const serviceId = (i: number) => id(2, i);
export const ORG_ID = id(1, 0);

/** The directory as `{ "services.csv": [...], ... }`. */
export function sampleDirectory(): Record<string, Record<string, unknown>[]> {
  const terms = [...new Set(places.flatMap((p) => (p.term ? [p.term] : [])))];
  return {
    'organizations.csv': [{ id: ORG_ID, name: 'Red Comunitaria', description: 'Community network' }],
    'services.csv': places.map((p, i) => ({
      id: serviceId(i),
      organization_id: ORG_ID,
      name: p.name,
      description: p.description,
      status: 'active',
      application_process: 'Walk in or call.',
      ...(p.fees ? { fees_description: p.fees } : {}),
      ...(p.minAge !== undefined ? { minimum_age: p.minAge } : {}),
      ...(p.maxAge !== undefined ? { maximum_age: p.maxAge } : {}),
      assured_date: '2020-01-15',
    })),
    'locations.csv': places.map((p, i) => ({
      id: id(3, i),
      location_type: 'physical',
      name: p.name,
      latitude: p.lat,
      longitude: p.lng,
    })),
    'service_at_location.csv': places.map((_, i) => ({
      id: id(4, i),
      service_id: serviceId(i),
      location_id: id(3, i),
    })),
    'addresses.csv': places.map((p, i) => ({
      id: id(5, i),
      location_id: id(3, i),
      address_1: `${100 + i} Main St`,
      city: 'Fresno',
      state_province: 'CA',
      postal_code: p.postcode,
      country: 'US',
      address_type: 'physical',
    })),
    'phones.csv': places.map((_, i) => ({
      id: id(6, i),
      service_id: serviceId(i),
      number: `559-555-01${String(i).padStart(2, '0')}`,
    })),
    'schedules.csv': places.map((p, i) => ({
      id: id(7, i),
      service_id: serviceId(i),
      freq: 'WEEKLY',
      byday: p.days,
      opens_at: p.opens,
      closes_at: p.closes,
    })),
    'languages.csv': places.flatMap((p, i) =>
      p.languages.map((code, j) => ({ id: id(8, i * 10 + j), service_id: serviceId(i), code })),
    ),
    'cost_options.csv': places.flatMap((p, i) =>
      p.amount === undefined
        ? []
        : [{ id: id(9, i), service_id: serviceId(i), amount: p.amount, currency: 'USD' }],
    ),
    'taxonomies.csv': [{ id: id(10, 0), name: 'Open Eligibility', description: 'Open Eligibility taxonomy' }],
    'taxonomy_terms.csv': terms.map((t, i) => ({
      id: id(11, i),
      name: t,
      description: t,
      taxonomy_id: id(10, 0),
    })),
    'attributes.csv': places.flatMap((p, i) =>
      p.term
        ? [
            {
              id: id(12, i),
              link_id: serviceId(i),
              link_entity: 'service',
              taxonomy_term_id: id(11, terms.indexOf(p.term)),
            },
          ]
        : [],
    ),
  };
}
