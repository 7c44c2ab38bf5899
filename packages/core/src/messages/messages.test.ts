import { describe, expect, it } from 'vitest';
import { type Keyword, parseKeyword, replyAction } from './keywords.js';
import { segmentCount } from './segments.js';
import { renderTemplate, unknownPlaceholders } from './template.js';
import { dueSlot, reminderDue, sendableAt } from './zoned.js';

describe('segmentCount', () => {
  const a = (n: number, ch = 'a') => ch.repeat(n);
  it.each([
    ['empty', '', 'GSM-7', 0, 0],
    ['one GSM character', 'a', 'GSM-7', 1, 1],
    ['160 GSM characters fit one segment', a(160), 'GSM-7', 160, 1],
    ['161 need two of 153', a(161), 'GSM-7', 161, 2],
    ['306 fill two of 153', a(306), 'GSM-7', 306, 2],
    ['307 need three', a(307), 'GSM-7', 307, 3],
    ['extension characters count twice', '€'.repeat(80), 'GSM-7', 160, 1],
    ['81 euros are 162 septets: two segments', '€'.repeat(81), 'GSM-7', 162, 2],
    ['é ñ ü à are in the GSM alphabet', 'éñüà¿¡', 'GSM-7', 6, 1],
    ['á forces UCS-2', 'Cómo está', 'UCS-2', 9, 1],
    ['70 UCS-2 characters fit one segment', `${a(69)}á`, 'UCS-2', 70, 1],
    ['71 need two of 67', `${a(70)}á`, 'UCS-2', 71, 2],
    ['an emoji is two UTF-16 units', '👍', 'UCS-2', 2, 1],
    ['a curly apostrophe forces UCS-2', 'it’s', 'UCS-2', 4, 1],
  ] as const)('%s', (_name, text, encoding, units, segments) => {
    const c = segmentCount(text);
    expect(c.encoding).toBe(encoding);
    expect(c.units).toBe(units);
    expect(c.segments).toBe(segments);
  });

  it('never splits an extension character across segments', () => {
    // 152 plain characters then a euro: the euro's two septets do not fit the first segment's last one.
    const c = segmentCount(`${a(152)}€${a(10)}`);
    expect(c.segments).toBe(2);
    expect(c.remaining).toBe(153 - 12);
  });

  it('names the characters that forced UCS-2', () => {
    expect(segmentCount('Mañana a las 3, ¿está bien? Sí').unicodeCharacters).toEqual(['á', 'í']);
  });
});

describe('parseKeyword', () => {
  it.each([
    ['STOP', 'stop'],
    [' stop ', 'stop'],
    ['Parar', 'stop'],
    ['¡PARAR!', 'stop'],
    ['cancelar', 'stop'],
    ['UNSUBSCRIBE', 'stop'],
    ['START', 'start'],
    ['unstop', 'start'],
    ['HELP', 'help'],
    ['Ayuda', 'help'],
    ['1', 'yes'],
    ['1.', 'yes'],
    ['sí', 'yes'],
    ['Si', 'yes'],
    ['SÍ!', 'yes'],
    ['yes', 'yes'],
    ['2', 'no'],
    ['No', 'no'],
    ['please stop texting me at night', null],
    ['si puedo llegar a las 3', null],
    ['12', null],
    ['', null],
  ] as const)('%j is %s', (text, keyword) => {
    expect(parseKeyword(text)).toBe(keyword as Keyword | null);
  });
});

describe('replyAction', () => {
  const active = { optedOut: false, awaitingAnswer: true };
  it.each([
    ['STOP', active, 'opt-out'],
    ['STOP', { optedOut: true, awaitingAnswer: false }, 'opt-out'],
    ['sí', active, 'confirm'],
    ['1', active, 'confirm'],
    ['2', active, 'call-me'],
    ['no', active, 'call-me'],
    ['sí', { optedOut: true, awaitingAnswer: true }, 'opt-in'],
    ['START', active, 'opt-in'],
    ['ayuda', active, 'help'],
    ['sí', { optedOut: false, awaitingAnswer: false }, 'thread'],
    ['2', { optedOut: true, awaitingAnswer: true }, 'thread'],
    ['Gracias, allí estaré', active, 'thread'],
  ] as const)('%j %j → %s', (text, state, action) => {
    expect(replyAction(text, state)).toBe(action);
  });
});

describe('templates', () => {
  it('finds placeholders Puente cannot fill', () => {
    expect(unknownPlaceholders('Hola {name}, {diagnosis} el {date} {date} {}')).toEqual(['diagnosis', '']);
    expect(unknownPlaceholders('Hola {name}, su cita es el {date} a las {time}.')).toEqual([]);
  });
  it('fills the known ones and leaves unknown ones as written', () => {
    expect(renderTemplate('{name}: {time} {other}', { name: 'Ana', time: '10:00' })).toBe(
      'Ana: 10:00 {other}',
    );
  });
});

describe('reminder times and quiet hours in the program’s zone', () => {
  const zone = 'America/Los_Angeles';
  it('puts the day-before reminder at 18:00 local, across a change to summer time', () => {
    // 2026-03-09 09:00 PDT is 16:00Z; the day before (8 March, the change) at 18:00 PDT is 01:00Z on the 9th.
    expect(
      reminderDue(new Date('2026-03-09T16:00:00Z'), { daysBefore: 1, at: '18:00' }, zone).toISOString(),
    ).toBe('2026-03-09T01:00:00.000Z');
    // In winter (PST, UTC-8): 18:00 is 02:00Z.
    expect(
      reminderDue(new Date('2026-01-15T17:00:00Z'), { daysBefore: 1, at: '18:00' }, zone).toISOString(),
    ).toBe('2026-01-15T02:00:00.000Z');
  });
  it('holds a message in quiet hours until they end, and lets others go at once', () => {
    const quiet = { start: '21:00', end: '08:00' };
    // 22:30 PST on 14 January → 08:00 PST on the 15th.
    expect(sendableAt(new Date('2026-01-15T06:30:00Z'), zone, quiet).toISOString()).toBe(
      '2026-01-15T16:00:00.000Z',
    );
    // 06:00 PST → 08:00 PST the same day.
    expect(sendableAt(new Date('2026-01-15T14:00:00Z'), zone, quiet).toISOString()).toBe(
      '2026-01-15T16:00:00.000Z',
    );
    const noon = new Date('2026-01-15T20:00:00Z');
    expect(sendableAt(noon, zone, quiet)).toBe(noon);
  });
  it('sends only the latest slot already due, and nothing once the appointment has passed', () => {
    const slots = [{ daysBefore: 1, at: '18:00' }, { hoursBefore: 2 }] as const;
    const appt = new Date('2026-01-15T18:00:00Z'); // 10:00 PST
    expect(dueSlot(appt, slots, zone, new Date('2026-01-15T01:00:00Z'))).toBeUndefined();
    expect(dueSlot(appt, slots, zone, new Date('2026-01-15T02:00:00Z'))?.slot).toEqual(slots[0]);
    expect(dueSlot(appt, slots, zone, new Date('2026-01-15T16:30:00Z'))?.slot).toEqual(slots[1]);
    expect(dueSlot(appt, slots, zone, new Date('2026-01-15T18:00:00Z'))).toBeUndefined();
  });
});
