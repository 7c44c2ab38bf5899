import type { Random } from '../lib/random.js';

// Invented name lists for synthetic people: common given and family names in
// the communities Puente serves, in Spanish and English.
const givenEs = [
  'María',
  'José',
  'Guadalupe',
  'Juan',
  'Rosa',
  'Luis',
  'Ana',
  'Carlos',
  'Lucía',
  'Miguel',
  'Sofía',
  'Jorge',
  'Carmen',
  'Ernesto',
  'Yesenia',
  'Raúl',
  'Beatriz',
  'Alejandro',
  'Verónica',
  'Andrés',
];
const givenEn = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'Michael',
  'Linda',
  'David',
  'Grace',
  'Marcus',
  'Keisha',
  'Tyrone',
  'Emily',
  'Daniel',
  'Jasmine',
  'Kevin',
  'Ashley',
];
const family = [
  'García',
  'Hernández',
  'Martínez',
  'López',
  'González',
  'Rodríguez',
  'Pérez',
  'Sánchez',
  'Ramírez',
  'Torres',
  'Flores',
  'Rivera',
  'Gómez',
  'Díaz',
  'Reyes',
  'Cruz',
  'Morales',
  'Ortiz',
  'Gutiérrez',
  'Chávez',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Thomas',
  'Jackson',
  'White',
  'Harris',
  'Martin',
  'Thompson',
  'Moore',
];
export const neighborhoods = [
  'Centro',
  'Las Palmas',
  'El Cerrito',
  'Riverside',
  'La Colonia',
  'Eastside',
  'San Miguel',
  'Oak Park',
  'Valle Verde',
  'Northgate',
];

export interface SyntheticPerson {
  givenName: string;
  familyName: string;
  language: 'es' | 'en';
  phone: string | null;
  birthDate: string | null;
  neighborhood: string;
}

/** One synthetic person; most speak Spanish, some share no phone or birth date. */
export function person(r: Random): SyntheticPerson {
  const language = r.chance(0.65) ? 'es' : 'en';
  const phone = r.chance(0.8) ? `+1555${String(r.int(2_000_000, 9_999_999))}` : null;
  const birthDate = r.chance(0.6)
    ? `${r.int(1940, 2007)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`
    : null;
  return {
    givenName: r.pick(language === 'es' ? givenEs : givenEn),
    familyName: r.pick(family),
    language,
    phone,
    birthDate,
    neighborhood: r.pick(neighborhoods),
  };
}

export const familyNames = family;
