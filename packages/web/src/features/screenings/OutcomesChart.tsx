import type { Outcomes, Questionnaire } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../ui/format';
import { titleOf } from './labels';
import './screenings.css';

const W = 320;
const H = 200;
const pad = { left: 30, right: 12, top: 12, bottom: 28 };
const MAX = 27;
const REMISSION_BELOW = 5;

type Series = Outcomes['series'][number];

/**
 * PHQ-9 and GAD-7 totals by date, drawn as inline SVG: a ring marks a
 * treatment response (≥ 50 % below the first total), a filled dot marks
 * remission (< 5). The same numbers follow as a table, for screen readers and
 * for anyone who prefers numbers.
 */
export function OutcomesChart({ outcomes, forms }: { outcomes: Outcomes; forms: readonly Questionnaire[] }) {
  const { t, locale } = useI18n();
  const series = outcomes.series.filter((s) => s.points.length > 0);
  if (series.length === 0) return <p class="hint">{t('screening.noOutcomes')}</p>;

  const name = (s: Series) => {
    const form = forms.find((f) => f.url === s.instrument);
    const title = form ? titleOf(form, locale) : s.instrument;
    // The short name in the title's brackets ("PHQ-9") keeps the legend readable at 360 px.
    return /\(([^)]+)\)\s*$/.exec(title)?.[1] ?? title;
  };
  const times = series.flatMap((s) => s.points.map((p) => Date.parse(p.date)));
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const x = (date: string) =>
    last === first
      ? (pad.left + W - pad.right) / 2
      : pad.left + ((Date.parse(date) - first) / (last - first)) * (W - pad.left - pad.right);
  const y = (total: number) => pad.top + (1 - total / MAX) * (H - pad.top - pad.bottom);
  const names = series.map(name).join(', ');

  return (
    <figure class="outcomes">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t('screening.chartLabel', { instrument: names })}
        class="outcomes-chart"
      >
        {[0, 5, 10, 15, 20, 27].map((v) => (
          <g key={v}>
            <line
              x1={pad.left}
              x2={W - pad.right}
              y1={y(v)}
              y2={y(v)}
              class={v === REMISSION_BELOW ? 'grid grid--remission' : 'grid'}
            />
            <text x={pad.left - 6} y={y(v) + 4} class="tick" text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        <text x={pad.left} y={H - 8} class="tick">
          {formatDay(locale, new Date(first).toISOString().slice(0, 10))}
        </text>
        {last !== first && (
          <text x={W - pad.right} y={H - 8} class="tick" text-anchor="end">
            {formatDay(locale, new Date(last).toISOString().slice(0, 10))}
          </text>
        )}
        {series.map((s, i) => (
          <g key={s.instrument} class={`series series-${i}`}>
            <polyline
              points={s.points.map((p) => `${x(p.date)},${y(p.total)}`).join(' ')}
              class="series-line"
            />
            {s.points.map((p) => (
              <g key={p.screeningId}>
                {p.response && <circle cx={x(p.date)} cy={y(p.total)} r={9} class="mark-response" />}
                {i === 0 ? (
                  <circle
                    cx={x(p.date)}
                    cy={y(p.total)}
                    r={5}
                    class={p.remission ? 'dot dot--remission' : 'dot'}
                  />
                ) : (
                  <rect
                    x={x(p.date) - 5}
                    y={y(p.total) - 5}
                    width={10}
                    height={10}
                    class={p.remission ? 'dot dot--remission' : 'dot'}
                  />
                )}
              </g>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul class="chart-legend">
          {series.map((s, i) => (
            <li key={s.instrument} class={`legend-${i}`}>
              {name(s)}
            </li>
          ))}
          <li>{t('screening.legendResponse')}</li>
          <li>{t('screening.legendRemission')}</li>
        </ul>
      </figcaption>
      {series.map((s) => (
        <div key={s.instrument}>
          <table class="outcomes-table">
            <caption>{name(s)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('screening.date')}</th>
                <th scope="col">{t('screening.total')}</th>
                <th scope="col">{t('screening.change')}</th>
                <th scope="col">{t('screening.responseShort')}</th>
                <th scope="col">{t('screening.remissionShort')}</th>
              </tr>
            </thead>
            <tbody>
              {s.points.map((p) => (
                <tr key={p.screeningId}>
                  <th scope="row">{formatDay(locale, p.date.slice(0, 10))}</th>
                  <td>{p.total}</td>
                  <td>{p.total - s.baseline > 0 ? `+${p.total - s.baseline}` : p.total - s.baseline}</td>
                  <td>{p.response ? t('screening.yes') : t('screening.no')}</td>
                  <td>{p.remission ? t('screening.yes') : t('screening.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </figure>
  );
}
