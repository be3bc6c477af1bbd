import { MONTH_ABBREVIATIONS as MONTHS_SHORT, MONTH_NAMES as MONTHS_LONG } from '../../lib/typography.js';
import type { ActivityReport } from './reports.model.js';

/**
 * The report's charts as self-contained SVG strings: pure, deterministic
 * (same report → same bytes), no script, no style attribute (the CSP forbids
 * them), no external font. Accessible: role="img" with <title> and <desc>
 * (the desc carries every number), text labels on the chart itself, and
 * colours at least 4.5:1 against white, told apart by dashes and the legend
 * too. The page also prints the same numbers as tables.
 */

/** Series colours, all ≥ 4.5:1 on white (AA for text and graphics). */
const SERIES_COLOURS = [
  '#0b5394',
  '#a4161a',
  '#1e6b35',
  '#7a5200',
  '#6a3d9a',
  '#00616e',
  '#9a3412',
  '#374151',
  '#9d174d',
  '#3f6212',
] as const;
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '10 4', '1 2', '6 2 1 2', '4 4', '12 3', '3 6'] as const;
const INK = '#1d2330';
const MUTED = '#4a5263';
const GRID = '#c9cfda';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function colour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function svgOpen(id: string, width: number, height: number, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="13">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`
  );
}

function legend(years: readonly string[], y: number, left: number, withDash: boolean): string {
  let x = left;
  let out = '';
  years.forEach((year, i) => {
    const dash = DASHES[i % DASHES.length] as string;
    out += withDash
      ? `<line x1="${x}" y1="${y - 4}" x2="${x + 24}" y2="${y - 4}" stroke="${colour(i)}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
      : `<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${colour(i)}"/>`;
    const tx = x + (withDash ? 30 : 20);
    out += `<text x="${tx}" y="${y}" fill="${INK}">${escapeXml(year)}</text>`;
    x = tx + 8 * year.length + 20;
  });
  return out;
}

export interface BarCategory {
  label: string;
  /** A kind that does not count in the total: labelled « (hors total) », its bars pale and outlined. */
  outsideTotal?: boolean;
  /** year → value; null when unknown (no records that year). */
  values: Record<string, number | null>;
}

/** Horizontal grouped bars: one group per category, one bar per year, the value written at the end of each bar. */
function groupedBarChart(opts: {
  id: string;
  title: string;
  years: readonly string[];
  categories: BarCategory[];
}): string {
  const width = 720;
  const left = 64;
  const valueRoom = 48;
  const bar = 14;
  const gap = 4;
  const groupHeight = 20 + opts.years.length * (bar + gap) + 12;
  const top = 36;
  const height = top + Math.max(1, opts.categories.length) * groupHeight + 8;
  const max = Math.max(1, ...opts.categories.flatMap((c) => Object.values(c.values).map((v) => v ?? 0)));
  const scale = (width - left - valueRoom) / max;
  const name = (c: BarCategory) => (c.outsideTotal ? `${c.label} (hors total)` : c.label);
  const desc = opts.categories
    .map(
      (c) =>
        `${name(c)} : ${opts.years.map((y) => `${y} ${c.values[y] === null || c.values[y] === undefined ? 'non disponible' : String(c.values[y])}`).join(', ')}`,
    )
    .join('. ');
  let out = svgOpen(opts.id, width, height, opts.title, opts.categories.length ? `${desc}.` : 'Aucune donnée.');
  out += legend(opts.years, 20, 16, false);
  opts.categories.forEach((c, gi) => {
    const gy = top + gi * groupHeight;
    out += `<text x="16" y="${gy + 14}" fill="${INK}" font-weight="600">${escapeXml(truncate(name(c), 90))}</text>`;
    opts.years.forEach((year, yi) => {
      const by = gy + 20 + yi * (bar + gap);
      const v = c.values[year];
      out += `<text x="16" y="${by + bar - 2}" fill="${MUTED}" font-size="12">${escapeXml(year)}</text>`;
      if (v === null || v === undefined) {
        out += `<text x="${left}" y="${by + bar - 2}" fill="${MUTED}" font-size="12">non disponible</text>`;
        return;
      }
      const w = Math.round(v * scale * 10) / 10;
      const pale = c.outsideTotal ? ` fill-opacity="0.35" stroke="${colour(yi)}" stroke-dasharray="3 2"` : '';
      if (w > 0) out += `<rect x="${left}" y="${by}" width="${w}" height="${bar}" fill="${colour(yi)}"${pale}/>`;
      out += `<text x="${Math.round((left + w + 6) * 10) / 10}" y="${by + bar - 2}" fill="${INK}" font-size="12">${v}</text>`;
    });
  });
  return `${out}</svg>`;
}

function niceStep(max: number): number {
  const rough = Math.max(1, max) / 5;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= rough) ?? 10 * pow;
  return Math.max(1, step);
}

/** One line per year over the twelve months, with a y axis and month labels. */
function monthlyLineChart(opts: {
  id: string;
  title: string;
  series: Array<{ year: string; values: Array<number | null> }>;
}): string {
  const width = 720;
  const height = 320;
  const left = 48;
  const right = 16;
  const top = 44;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...opts.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const x = (m: number) => Math.round((left + (plotW * (m + 0.5)) / 12) * 10) / 10;
  const y = (v: number) => Math.round((top + plotH - (plotH * v) / yMax) * 10) / 10;
  const desc = opts.series.length
    ? `${opts.series.map((s) => `${s.year} : ${s.values.map((v, m) => `${MONTHS_LONG[m]} ${v === null ? 'non compté (mois pas terminé)' : v}`).join(', ')}`).join('. ')}.`
    : 'Aucune donnée.';
  let out = svgOpen(opts.id, width, height, opts.title, desc);
  out += legend(
    opts.series.map((s) => s.year),
    22,
    16,
    true,
  );
  for (let v = 0; v <= yMax; v += step) {
    out += `<line x1="${left}" y1="${y(v)}" x2="${width - right}" y2="${y(v)}" stroke="${GRID}" stroke-width="1"/>`;
    out += `<text x="${left - 6}" y="${y(v) + 4}" fill="${MUTED}" font-size="12" text-anchor="end">${v}</text>`;
  }
  MONTHS_SHORT.forEach((label, m) => {
    out += `<text x="${x(m)}" y="${height - bottom + 18}" fill="${MUTED}" font-size="12" text-anchor="middle">${escapeXml(label)}</text>`;
  });
  out += `<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="${MUTED}" stroke-width="1"/>`;
  opts.series.forEach((s, i) => {
    const dash = DASHES[i % DASHES.length] as string;
    // A month not over is left out: the line stops before it.
    const segments: string[][] = [[]];
    s.values.forEach((v, m) => {
      if (v === null) segments.push([]);
      else segments[segments.length - 1]?.push(`${x(m)},${y(v)}`);
    });
    for (const points of segments.filter((p) => p.length > 1))
      out += `<polyline points="${points.join(' ')}" fill="none" stroke="${colour(i)}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
    s.values.forEach((v, m) => {
      if (v !== null) out += `<circle cx="${x(m)}" cy="${y(v)}" r="3.5" fill="${colour(i)}"/>`;
    });
  });
  return `${out}</svg>`;
}

/** « Demandes par type et par année »: only kinds with at least one request. */
export function kindsChart(report: ActivityReport, id = 'graphique-types'): string {
  const years = report.years.map(String);
  const known = (y: string) => report.requests.hasRecords?.[y] ?? true;
  const categories = report.requests.kinds
    .filter((k) => years.some((y) => (k.byYear[y] ?? 0) > 0))
    .map((k) => ({
      label: k.label,
      outsideTotal: !k.countsInTotal,
      values: Object.fromEntries(years.map((y) => [y, known(y) ? (k.byYear[y] ?? 0) : null])),
    }));
  return groupedBarChart({ id, title: 'Demandes par type et par année', years, categories });
}

/**
 * « Demandes par mois »: one line per year that has records, the requests in
 * the total; months not begun and the month under way are not plotted (a
 * month that is not over is not a trough).
 */
export function monthsChart(report: ActivityReport, id = 'graphique-mois'): string {
  const { year: cy, month: cm } = report.requests.monthInProgress;
  const series = report.years
    .filter((y) => report.requests.hasRecords?.[String(y)] ?? true)
    .map((y) => ({
      year: String(y),
      values: (report.requests.months[String(y)] ?? []).map((v, i) =>
        v === null || (y === cy && i + 1 === cm) ? null : v,
      ),
    }));
  return monthlyLineChart({ id, title: 'Demandes reçues par mois (comptées dans le total)', series });
}
