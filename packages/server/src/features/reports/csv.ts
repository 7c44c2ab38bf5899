import type { ReportFigures } from '@puente/core';

type Cell = string | number | null | undefined;

/**
 * One CSV field: quoted when it must be, and with a leading apostrophe when a
 * spreadsheet would otherwise run it as a formula (entered text such as a
 * neighbourhood name can start with `=`).
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
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
 * Every chart's data in one long table: chart, group, month, measure, value.
 */
export function figuresCsv(f: ReportFigures): string {
  const rows: Cell[][] = [
    ['reached', '', '', 'people_one_to_one', f.reached.oneToOne],
    ['reached', '', '', 'encounters', f.reached.encounters],
    ['events', '', '', 'events_held', f.reached.atEvents.events],
    ['events', '', '', 'attendance', f.reached.atEvents.attendance],
  ];
  for (const s of f.screenings) {
    const g = instrumentName(s.instrument);
    rows.push(
      ['screenings', g, '', 'done', s.done],
      ['screenings', g, '', 'positive', s.positive],
      ['screenings', g, '', 'share_positive', s.sharePositive],
    );
  }
  rows.push(
    ['alerts', '', '', 'raised', f.alerts.raised],
    ['alerts', '', '', 'acknowledged', f.alerts.acknowledged],
    ['alerts', '', '', 'median_minutes_to_acknowledge', f.alerts.medianMinutesToAcknowledge],
  );
  const r = f.referrals;
  rows.push(
    ['referrals', '', '', 'made', r.made],
    ['referrals', '', '', 'closed', r.closed],
    ['referrals', '', '', 'got_help', r.gotHelp],
    ['referrals', '', '', 'closure_rate', r.closureRate],
    ['referrals', '', '', 'median_days_to_close', r.medianDaysToClose],
    ...r.byStatus.map((x): Cell[] => ['referrals_by_status', x.status, '', 'referrals', x.count]),
    ...r.byOutcome.map((x): Cell[] => ['referrals_by_outcome', x.outcome, '', 'referrals', x.count]),
  );
  for (const x of r.byNeed) {
    rows.push(
      ['referrals_by_need', x.need, '', 'made', x.made],
      ['referrals_by_need', x.need, '', 'closed', x.closed],
      ['referrals_by_need', x.need, '', 'got_help', x.gotHelp],
    );
  }
  for (const x of r.byPartner) {
    rows.push(
      ['referrals_by_partner', x.partnerName, '', 'made', x.made],
      ['referrals_by_partner', x.partnerName, '', 'closed', x.closed],
      ['referrals_by_partner', x.partnerName, '', 'got_help', x.gotHelp],
      ['referrals_by_partner', x.partnerName, '', 'median_days_to_close', x.medianDaysToClose],
    );
  }
  for (const o of f.outcomes) {
    const g = instrumentName(o.instrument);
    for (const [measure, value] of [
      ['people_screened_twice', o.people],
      ['response', o.response],
      ['share_response', o.shareResponse],
      ['remission', o.remission],
      ['share_remission', o.shareRemission],
      ['mean_first', o.meanFirst],
      ['mean_last', o.meanLast],
    ] as const)
      rows.push(['outcomes', g, '', measure, value]);
  }
  rows.push(['safety_plans', '', '', 'people', f.safetyPlans.people]);
  for (const m of f.months) {
    const { month, ...measures } = m;
    for (const [measure, value] of Object.entries(measures)) rows.push(['months', '', month, measure, value]);
  }
  return toCsv(['chart', 'group', 'month', 'measure', 'value'], rows);
}
