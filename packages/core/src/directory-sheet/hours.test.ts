import { describe, expect, it } from 'vitest';
import { readHours, writeHours } from './hours.js';

const weekdays = 'MO,TU,WE,TH,FR';
const open = (...schedules: [string, string, string][]) => ({
  kind: 'open',
  schedules: schedules.map(([byday, opens_at, closes_at]) => ({ byday, opens_at, closes_at })),
});

describe('hours in plain words', () => {
  it.each([
    ['Mon–Fri 9am–5pm', open([weekdays, '09:00', '17:00'])],
    ['Lun–Vie 9–17', open([weekdays, '09:00', '17:00'])],
    ['lunes a viernes de 9 a 17', open([weekdays, '09:00', '17:00'])],
    ['Mon-Fri 9-5', open([weekdays, '09:00', '17:00'])],
    ['M-F 9-5'.replace('M-F', 'Mon-Fri'), open([weekdays, '09:00', '17:00'])],
    ['Mon–Fri 9am–5pm; Sat 10am–2pm', open([weekdays, '09:00', '17:00'], ['SA', '10:00', '14:00'])],
    ['Mon–Fri 9am–5pm, Sat 10–2', open([weekdays, '09:00', '17:00'], ['SA', '10:00', '14:00'])],
    ['Lun, Mié y Vie 8:30–12:30; Sáb 9–13', open(['MO,WE,FR', '08:30', '12:30'], ['SA', '09:00', '13:00'])],
    ['Tue 9-12, 1-5pm', open(['TU', '09:00', '12:00'], ['TU', '13:00', '17:00'])],
    ['Fri 1-5pm', open(['FR', '13:00', '17:00'])],
    ['Sat 10 a.m. - 2 p.m.', open(['SA', '10:00', '14:00'])],
    ['Fri-Mon 8pm-2am', open(['FR,SA,SU,MO', '20:00', '02:00'])],
    ['Daily 8-20', open(['MO,TU,WE,TH,FR,SA,SU', '08:00', '20:00'])],
    ['Todos los días 7:00-19:00', open(['MO,TU,WE,TH,FR,SA,SU', '07:00', '19:00'])],
    ['24/7', open(['MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59'])],
    ['24 horas', open(['MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59'])],
    ['closed', { kind: 'closed' }],
    ['Cerrado', { kind: 'closed' }],
    ['', { kind: 'blank' }],
    ['Mon-Fri 9-17; Sun closed', open([weekdays, '09:00', '17:00'])],
  ])('reads %j', (text, expected) => {
    expect(readHours(text)).toEqual(expected);
  });

  it.each([
    'by appointment',
    'cuando se pueda',
    '9-5',
    'Mon 25-26',
    'Funday 9-5',
    'Mon-Fri 9:75-10',
    'Mon-Fri 9am-9am',
  ])('does not guess at %j', (text) => {
    expect(readHours(text)).toBeUndefined();
  });

  it('writes schedules back in words it reads again', () => {
    const hours = readHours('Lun, Mié y Vie 8:30–12:30; Sáb 9–13; Mon-Fri 14-16');
    if (hours?.kind !== 'open') throw new Error('not read');
    const words = writeHours(hours.schedules);
    expect(words).toBe('Mon, Wed, Fri 08:30-12:30; Sat 09:00-13:00; Mon-Fri 14:00-16:00');
    expect(readHours(words)).toEqual(hours);
    expect(writeHours([{ description: 'Call first' }])).toBe('Call first');
  });
});
