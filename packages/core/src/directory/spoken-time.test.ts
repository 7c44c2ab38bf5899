import { describe, expect, it } from 'vitest';
import { minutesOf } from './hours.js';
import { spokenTime } from './spoken-time.js';

describe('spokenTime', () => {
  it.each([
    ['9am', '09:00'],
    ['9 am', '09:00'],
    ['9AM', '09:00'],
    ['9 a.m.', '09:00'],
    ['9 a. m.', '09:00'],
    ['9:30am', '09:30'],
    ['9.30 am', '09:30'],
    ['4:00 PM', '16:00'],
    ['4 p.m.', '16:00'],
    ['04:15 pm', '16:15'],
    ['11:59 PM', '23:59'],
    ['12am', '00:00'],
    ['12:30 am', '00:30'],
    ['12pm', '12:00'],
    ['12:45 p.m.', '12:45'],
    ['noon', '12:00'],
    ['Noon', '12:00'],
    ['12 noon', '12:00'],
    ['midday', '12:00'],
    ['midnight', '00:00'],
    ['12 midnight', '00:00'],
    ['mediodía', '12:00'],
    ['medianoche', '00:00'],
    ['9 de la mañana', '09:00'],
    ['4 de la tarde', '16:00'],
    ['8:30 de la noche', '20:30'],
    ['14h30', '14:30'],
    ['14h', '14:00'],
    ['14:30 hrs', '14:30'],
    ['9:00', '09:00'],
    ['09:00', '09:00'],
    ['17:45', '17:45'],
    ['10:00:00', '10:00:00'],
    ['4:00:30 pm', '16:00:30'],
  ])('reads %j as %s', (text, time) => {
    expect(spokenTime(text)).toBe(time);
    // What it gives is a time the schedule reader takes.
    expect(minutesOf(time)).toBeDefined();
  });

  it.each([
    '',
    '9', // either half of the day: not guessed
    '13pm',
    '0am',
    '25:00',
    '24:00',
    '9:75am',
    '9:5am',
    '10:00:61',
    'morning',
    'closed',
    'by appointment',
    '9am-5pm',
    '0900',
  ])('says %j is no time of day', (text) => {
    expect(spokenTime(text)).toBeUndefined();
  });
});
