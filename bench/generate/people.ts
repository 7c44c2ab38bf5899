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

const streets = [
  'Calle Olivo',
  'Avenida Reforma',
  'Calle Las Flores',
  'Camino del Río',
  'Avenida Juárez',
  'Maple Street',
  'Cedar Avenue',
  'Kings Canyon Road',
  'Belmont Avenue',
  'Olive Avenue',
  'Tulare Street',
  'Ventura Avenue',
];

/**
 * The program's service area (south-west corner, north-east corner), around Fresno:
 * every address falls inside it, each neighbourhood in its own cell of a 2 × 5 grid.
 */
export const serviceArea = { south: 36.68, west: -119.9, north: 36.86, east: -119.68 } as const;

export interface Address {
  line: string;
  lat: number;
  lng: number;
}

/** A street address in the neighbourhood's cell of the service area. */
export function address(r: Random, neighborhood: string): Address {
  const cell = Math.max(0, neighborhoods.indexOf(neighborhood));
  const height = (serviceArea.north - serviceArea.south) / 2;
  const width = (serviceArea.east - serviceArea.west) / 5;
  const lat = serviceArea.south + (Math.floor(cell / 5) + r.next()) * height;
  const lng = serviceArea.west + ((cell % 5) + r.next()) * width;
  const unit = r.chance(0.3) ? ` Apt ${r.int(1, 40)}` : '';
  return {
    line: `${r.int(100, 9899)} ${r.pick(streets)}${unit}, Fresno, CA 937${String(r.int(1, 28)).padStart(2, '0')}`,
    lat: Math.round(lat * 1e5) / 1e5,
    lng: Math.round(lng * 1e5) / 1e5,
  };
}

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
