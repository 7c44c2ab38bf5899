import { numberFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';

// Inline SVG charts, no library: the colours are the app's (styles.css) written out,
// because presentation attributes cannot read CSS variables everywhere.
const COLORS = ['#1d5c63', '#a4262c', '#6b4200'];
const MUTED = '#4a5a5f';
const LINE = '#c9d4d2';

export interface Series {
  label: string;
  /** Null: a small count not shown (no bar is drawn; the table says so). */
  values: (number | null)[];
}

interface BarChartProps {
  title: string;
  /** One label per group of bars, e.g. months. */
  groups: string[];
  series: Series[];
  /** Formats a value for the axis and the table. */
  format?: (value: number) => string;
  /** A shorter name of a group for the axis, e.g. `dic 25` for 2025-12. */
  short?: (group: string) => string;
}

/**
 * Grouped vertical bars with their numbers in a table beside them: the picture
 * for a glance, the table for screen readers and for copying into a report.
 */
export function BarChart({ title, groups, series, format = String, short = (g) => g }: BarChartProps) {
  const { t } = useI18n();
  // Drawn at about the size it shows on a 360 px phone, so 12-unit text reads as 12 px.
  const width = 290;
  const height = 170;
  const top = 16;
  const bottom = 28;
  const left = 8;
  const shown = (values: (number | null)[]) => values.map((v) => v ?? 0);
  const max = Math.max(1, ...series.flatMap((s) => shown(s.values)));
  const slot = (width - left) / Math.max(1, groups.length);
  const bar = Math.max(2, (slot - 4) / series.length);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const first = series[0];
  const peak = first ? shown(first.values).indexOf(Math.max(...shown(first.values))) : -1;
  const cell = (v: number | null | undefined) => (v === null ? t('reports.suppressed') : format(v ?? 0));
  const summary = t('reports.chartSummary', {
    title,
    max: cell(first?.values[peak]),
    month: groups[peak] ?? '',
  });
  const every = Math.ceil(groups.length / 6);
  return (
    <div class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={summary}>
        <title>{summary}</title>
        <line x1={left} x2={width} y1={height - bottom} y2={height - bottom} stroke={LINE} />
        {groups.map((group, g) =>
          series.map((s, i) => {
            const v = s.values[g] ?? 0;
            if (v === null) return null;
            return (
              <rect
                key={`${group}-${s.label}`}
                x={left + g * slot + 2 + i * bar}
                y={y(v)}
                width={bar - 1}
                height={height - bottom - y(v)}
                fill={COLORS[i % COLORS.length]}
              />
            );
          }),
        )}
        {groups.map((group, g) =>
          g % every === 0 ? (
            <text
              key={group}
              x={left + g * slot + slot / 2}
              y={height - 10}
              font-size="10"
              text-anchor="middle"
              fill={MUTED}
            >
              {short(group)}
            </text>
          ) : null,
        )}
        <text x={width} y={top - 4} font-size="12" text-anchor="end" fill={MUTED}>
          {format(max)}
        </text>
      </svg>
      <p class="chart-title">
        <strong>{title}</strong>
        {series.length > 1 &&
          series.map((s, i) => (
            <span key={s.label}>
              {' · '}
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill={COLORS[i % COLORS.length]} />
              </svg>{' '}
              {s.label}
            </span>
          ))}
      </p>
      <details>
        <summary>{t('reports.showTable')}</summary>
        <table class="numbers">
          <thead>
            <tr>
              <th scope="col">{t('reports.month')}</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group, g) => (
              <tr key={group}>
                <th scope="row">{group}</th>
                {series.map((s) => (
                  <td key={s.label}>{cell(s.values[g])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/** Horizontal bars for shares (0–1), each with its percentage written beside it. */
export function ShareBars({
  title,
  rows,
}: {
  title: string;
  /** `hidden`: a share of counts not shown, not shown either. */
  rows: { label: string; share: number | null; hidden?: boolean }[];
}) {
  const { t, locale } = useI18n();
  const percent = (v: number | null, hidden = false) =>
    hidden
      ? t('reports.suppressed')
      : v === null
        ? t('reports.none')
        : numberFormat(locale, { style: 'percent' }).format(v);
  const height = rows.length * 28;
  return (
    <div class="chart">
      <p class="chart-title">
        <strong>{title}</strong>
      </p>
      <svg viewBox={`0 0 320 ${height}`} width="100%" aria-hidden="true">
        {rows.map((r, i) => (
          <g key={r.label}>
            <rect x="0" y={i * 28 + 6} width="240" height="16" fill={LINE} />
            <rect
              x="0"
              y={i * 28 + 6}
              width={240 * (r.share ?? 0)}
              height="16"
              fill={COLORS[i % COLORS.length]}
            />
            <text x="248" y={i * 28 + 19} font-size="12" fill={MUTED}>
              {percent(r.share, r.hidden)}
            </text>
          </g>
        ))}
      </svg>
      <ul class="share-list">
        {rows.map((r) => (
          <li key={r.label}>
            {r.label}: <strong>{percent(r.share, r.hidden)}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One figure with its label, in a `dl.stats`. */
export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
