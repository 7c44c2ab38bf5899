import { type Locale, zonedMoment } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../app/api-client';
import { dateFormat } from '../../app/formats';

const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
/** The program's zone once read (once per page load): a screen opened after the first shows its hours right away. */
let known: string | undefined;

/**
 * The zone an appointment's or a visit's hour is entered in: the program's,
 * the one its text reminders and quiet hours are read in, so "10:00" is the
 * hour the person hears in the text, whatever zone the phone is set to.
 * Without signal, the phone's own (named on the form, so the CHW sees which).
 */
export function usePlanningZone(): string {
  const [zone, setZone] = useState(() => known ?? deviceZone());
  useEffect(() => {
    if (known) return;
    let current = true;
    programZone().then(
      (z) => current && setZone(z),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return zone;
}

/** One request for the program's zone however many sections ask at once; asked again only after a failure. */
let asking: Promise<string> | undefined;
function programZone(): Promise<string> {
  asking ??= call('get', '/api/program/settings').then(
    (s) => {
      known = s.timeZone;
      return s.timeZone;
    },
    (error: unknown) => {
      asking = undefined;
      throw error;
    },
  );
  return asking;
}

/** The zone as people say it ("Pacific Time", "hora del Pacífico"); its name when the browser has none. */
export function zoneName(zone: string, locale: Locale): string {
  try {
    const said = dateFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return said ?? zone;
  } catch {
    return zone;
  }
}

/**
 * A date input's day and a time input's hour, read on the wall clock of
 * `zone`, as ISO 8601; '' when either is missing or unreadable, for the
 * server to refuse in the caller's words.
 */
export function zonedIso(day: string, time: string, zone: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const h = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !h) return '';
  const at = zonedMoment(Number(d[1]), Number(d[2]), Number(d[3]), Number(h[1]) * 60 + Number(h[2]), zone);
  return Number.isNaN(at.getTime()) ? '' : at.toISOString();
}
