import { sheetFields, templateHeaders } from '@puente/core';

/** The template's Spanish header row, as a program in Spanish fills it. */
export const spanishTemplateHeader = sheetFields.map((f) => templateHeaders.es[f]);

const hours = ['Lun–Vie 9–17', 'Mon–Fri 9am–5pm', '24/7', 'cerrado', 'Lun, Mié y Vie 8:30–12:30; Sáb 9–13'];
const categories = ['Comida', 'Vivienda', 'Salud mental', 'Food, Housing'];
const languages = ['Español, Inglés', 'English', 'Spanish'];
const costs = ['Gratis', 'Sliding scale', ''];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Service row `i` of the template: a unique name and address, hours in plain words. */
export function sheetService(i: number): string[] {
  return [
    `Servicio ${pad(i, 5)}`,
    `Ayuda número ${i} para familias del condado`,
    `(512) 555-${pad(i % 10_000, 4)}`,
    `${100 + i} Main St, Austin, TX 787${pad(i % 100, 2)}`,
    hours[i % hours.length] ?? '',
    categories[i % categories.length] ?? '',
    languages[i % languages.length] ?? '',
    costs[i % costs.length] ?? '',
    'Cualquier persona del condado',
    i % 2 === 0 ? `servicio${i}.example.org` : '',
    i % 3 === 0 ? `info${i}@example.org` : '',
  ];
}

/**
 * A directory sheet of `size` services (the header is row 1, service i is row i + 2) with the
 * problems issue 17 asks the report to name: a row without a name, a phone too short, a website
 * that is a script, an email without a domain, a repeat of an earlier row, and hours no one can read.
 */
export function messyDirectory(size: number) {
  const rows = [spanishTemplateHeader, ...Array.from({ length: size }, (_, i) => sheetService(i))];
  const at = (row: number) => rows[row - 1] as string[];
  const bad = { missingName: 12, badPhone: 45, badWebsite: 78, badEmail: 181 };
  at(bad.missingName)[0] = '';
  at(bad.badPhone)[2] = '555-12';
  at(bad.badWebsite)[9] = 'javascript:alert(1)';
  at(bad.badEmail)[10] = 'nadie@';
  const repeated = { row: 150, sameAs: 100 };
  rows[repeated.row - 1] = [...at(repeated.sameAs)];
  const unreadableHours = 120;
  at(unreadableHours)[4] = 'cuando se pueda';
  return { rows, bad, repeated, unreadableHours };
}
