import { describe, expect, it } from 'vitest';
import { formatMoment, formatPlanned } from './format';

const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
const elsewhere = here === 'America/Los_Angeles' ? 'America/New_York' : 'America/Los_Angeles';

describe("an appointment's hour on the program's clock", () => {
  it('is the hour it was entered at, with its zone said, on a phone set to another zone', () => {
    const at = '2030-01-02T17:00:00.000Z';
    const shown = formatPlanned('es', at, 'America/Los_Angeles');
    const expected = here === 'America/Los_Angeles' ? formatMoment('es', at) : undefined;
    if (expected) expect(shown).toBe(expected);
    else expect(shown).toMatch(/9:00 \(hora del Pacífico\)$/);
  });

  it('is the plain moment when the phone keeps the program’s zone', () => {
    expect(formatPlanned('en', '2030-07-02T17:00:00.000Z', here)).toBe(
      formatMoment('en', '2030-07-02T17:00:00.000Z'),
    );
  });

  it('falls back to the phone’s clock for a zone it does not know, and keeps unreadable input', () => {
    expect(formatPlanned('en', '2030-07-02T17:00:00.000Z', 'Mars/Olympus')).toBe(
      formatMoment('en', '2030-07-02T17:00:00.000Z'),
    );
    expect(formatPlanned('en', 'not a date', elsewhere)).toBe('not a date');
  });
});
