import { figureKey, type ReportFigures } from '@puente/core';
import { spreadsheetSafe } from '../../http/spreadsheet.js';

type Cell = string | number | null | undefined;

/**
 * One CSV field: quoted when it must be, and with a leading apostrophe when a
 * spreadsheet would otherwise run it as a formula (entered text such as a
 * neighbourhood name can start with `=`).
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string') text = spreadsheetSafe(text);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines of CSV with CRLF endings, as RFC 4180 and spreadsheets expect. */
export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows]
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** The short name of an instrument's canonical url: `…/Questionnaire/phq-9` → `phq-9`. */
export const instrumentName = (url: string) => url.split('/').pop() ?? url;

/**
 * Every chart's data in one long table: chart, group, month, measure, value,
 * and `suppressed` = 1 where the value is left empty because it is a small
 * count or would give one away (see `publishFigures`). The first row says the
 * threshold, so the file explains itself when it travels alone.
 */
export function figuresCsv(f: ReportFigures): string {
  const hidden = new Set(f.smallCounts.suppressed);
  const rows: Cell[][] = [];
  const add = (chart: string, group: string, month: string, measure: string, value: Cell, key?: string[]) =>
    rows.push([chart, group, month, measure, value, key && hidden.has(figureKey(...key)) ? 1 : '']);
  add('notes', '', '', 'small_count_threshold', f.smallCounts.threshold);
  add('reached', '', '', 'people_one_to_one', f.reached.oneToOne, ['reached', 'oneToOne']);
  add('reached', '', '', 'encounters', f.reached.encounters, ['reached', 'encounters']);
  add('events', '', '', 'events_held', f.reached.atEvents.events);
  add('events', '', '', 'attendance', f.reached.atEvents.attendance, ['reached', 'attendance']);
  for (const s of f.screenings) {
    const g = instrumentName(s.instrument);
    add('screenings', g, '', 'done', s.done, ['screenings', s.instrument, 'done']);
    add('screenings', g, '', 'positive', s.positive, ['screenings', s.instrument, 'positive']);
    add('screenings', g, '', 'share_positive', s.sharePositive, [
      'screenings',
      s.instrument,
      'sharePositive',
    ]);
  }
  const a = f.alerts;
  add('alerts', '', '', 'raised', a.raised, ['alerts', 'raised']);
  add('alerts', '', '', 'acknowledged', a.acknowledged, ['alerts', 'acknowledged']);
  add('alerts', '', '', 'median_minutes_to_acknowledge', a.medianMinutesToAcknowledge, [
    'alerts',
    'medianMinutesToAcknowledge',
  ]);
  const r = f.referrals;
  add('referrals', '', '', 'made', r.made, ['referrals', 'made']);
  add('referrals', '', '', 'closed', r.closed, ['referrals', 'closed']);
  add('referrals', '', '', 'got_help', r.gotHelp, ['referrals', 'gotHelp']);
  add('referrals', '', '', 'closure_rate', r.closureRate, ['referrals', 'closureRate']);
  add('referrals', '', '', 'median_days_to_close', r.medianDaysToClose, ['referrals', 'medianDaysToClose']);
  for (const x of r.byStatus)
    add('referrals_by_status', x.status, '', 'referrals', x.count, ['referrals', 'byStatus', x.status]);
  for (const x of r.byOutcome)
    add('referrals_by_outcome', x.outcome, '', 'referrals', x.count, ['referrals', 'byOutcome', x.outcome]);
  for (const [chart, by, rows] of [
    ['referrals_by_need', 'byNeed', r.byNeed.map((x) => ({ ...x, name: x.need, median: undefined }))],
    [
      'referrals_by_partner',
      'byPartner',
      r.byPartner.map((x) => ({ ...x, name: x.partnerName, median: x.medianDaysToClose })),
    ],
  ] as const) {
    for (const x of rows) {
      add(chart, x.name, '', 'made', x.made, ['referrals', by, x.name, 'made']);
      add(chart, x.name, '', 'closed', x.closed, ['referrals', by, x.name, 'closed']);
      add(chart, x.name, '', 'got_help', x.gotHelp, ['referrals', by, x.name, 'gotHelp']);
      if (x.median !== undefined)
        add(chart, x.name, '', 'median_days_to_close', x.median, [
          'referrals',
          by,
          x.name,
          'medianDaysToClose',
        ]);
    }
  }
  for (const o of f.outcomes) {
    const g = instrumentName(o.instrument);
    for (const [measure, value, key] of [
      ['people_screened_twice', o.people, 'people'],
      ['response', o.response, 'response'],
      ['share_response', o.shareResponse, 'shareResponse'],
      ['remission', o.remission, 'remission'],
      ['share_remission', o.shareRemission, 'shareRemission'],
      ['mean_first', o.meanFirst, 'meanFirst'],
      ['mean_last', o.meanLast, 'meanLast'],
    ] as const)
      add('outcomes', g, '', measure, value, ['outcomes', o.instrument, key]);
  }
  add('safety_plans', '', '', 'people', f.safetyPlans.people, ['safetyPlans', 'people']);
  for (const m of f.months) {
    const { month, ...measures } = m;
    for (const [measure, value] of Object.entries(measures))
      add('months', '', month, measure, value, ['months', month, measure]);
  }
  return toCsv(['chart', 'group', 'month', 'measure', 'value', 'suppressed'], rows);
}
