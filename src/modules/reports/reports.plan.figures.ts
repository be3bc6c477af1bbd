import { formatDateShort } from '../../lib/time.js';
import { formatChangeFr, formatNumberFr, frenchTypography as typo, monthNameFr } from '../../lib/typography.js';
import { figureKey } from '../figures/figures.keys.js';
import { kindsChart, monthsChart } from './reports.charts.js';
import type { ActivityReport, QuotedFigure, SourcedValue } from './reports.model.js';
import type { Block, ChartBlock, TableBlock, TableRow } from './reports.plan.types.js';
import {
  countingRuleText,
  monthsNote,
  monthTableRows,
  notCountedText,
  periodLabel,
  sourceLabel,
  sourcesSummary,
} from './reports.present.js';

/** Collects a table's footnotes; identical notes share one number (« ¹ »). */
function footnotes() {
  const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const mark = (n: number) =>
    String(n)
      .split('')
      .map((d) => SUPERSCRIPT[Number(d)])
      .join('');
  const notes: string[] = [];
  return {
    notes,
    mark(note: string | undefined): string {
      if (!note) return '';
      let i = notes.findIndex((n) => n.endsWith(` ${typo(note)}`));
      if (i < 0) {
        notes.push(`${mark(notes.length + 1)} ${typo(note)}`);
        i = notes.length - 1;
      }
      return mark(i + 1);
    },
  };
}

/** The chart's alternative text: its SVG description, every number in words. */
function chartBlock(id: string, caption: string, svg: string): ChartBlock {
  const desc = /<desc[^>]*>([\s\S]*?)<\/desc>/.exec(svg)?.[1] ?? caption;
  const alt = desc
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, '’')
    .replace(/&amp;/g, '&');
  return { type: 'chart', id, caption: typo(caption), svg, alt: typo(alt) };
}

/** Kinds in the board's order: as they come in the plan's sections, then the others. */
function orderedKinds(r: ActivityReport): ActivityReport['requests']['kinds'] {
  const order = (r.plan?.sections ?? []).flatMap((s) => s.kinds);
  const rank = (code: string) => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  return r.requests.kinds
    .map((k, i) => ({ k, i }))
    .sort((a, b) => rank(a.k.code) - rank(b.k.code) || a.i - b.i)
    .map(({ k }) => k);
}

function kindsTable(r: ActivityReport): TableBlock {
  const years = r.years;
  const req = r.requests;
  const known = (y: number) => req.hasRecords?.[String(y)] ?? true;
  const notes = footnotes();
  const kinds = orderedKinds(r);
  const kindRow = (k: (typeof kinds)[number], muted: boolean): TableRow => ({
    key: k.code,
    cells: [
      typo(muted ? `${k.label} (hors total)` : k.label),
      ...years.map((y) => (known(y) ? formatNumberFr(k.byYear[String(y)] ?? 0) : '—')),
    ],
    ...(muted ? { emphasis: 'muted' as const } : {}),
  });
  const rows: TableRow[] = [
    ...kinds.filter((k) => k.countsInTotal).map((k) => kindRow(k, false)),
    {
      key: 'total',
      cells: [
        'Total',
        ...years.map((y) =>
          req.totalSource[String(y)]
            ? `${formatNumberFr(req.total[String(y)] ?? 0)}${req.totalSource[String(y)] === 'manual' ? notes.mark('total encodé à la main (aucune demande enregistrée cette année-là)') : ''}`
            : '—',
        ),
      ],
      emphasis: 'total',
    },
    {
      key: 'previous',
      cells: [
        'Total de l’année précédente',
        ...years.map((y) => {
          const v = req.previousYearTotal[String(y)];
          return v === null || v === undefined ? '—' : formatNumberFr(v);
        }),
      ],
    },
    { key: 'change', cells: ['Évolution', ...years.map((y) => formatChangeFr(req.change[String(y)]))] },
    ...kinds
      .filter((k) => !k.countsInTotal && years.some((y) => (k.byYear[String(y)] ?? 0) > 0))
      .map((k) => kindRow(k, true)),
  ];
  const bySource = (field: 'totalSource' | 'previousYearTotalSource') =>
    sourcesSummary(years, Object.fromEntries(years.map((y) => [String(y), { source: req[field][String(y)] ?? null }])));
  const sources = `Sources — total : ${bySource('totalSource')}. Total de l’année précédente : ${bySource('previousYearTotalSource')}. Le total compte les types marqués comme comptés cette année-là.`;
  return {
    type: 'table',
    id: 'tableau-types',
    caption: 'Demandes reçues par type',
    header: ['Type de demande', ...years.map(String)],
    rows,
    notes: [...notes.notes, typo(sources), typo(`${countingRuleText(r)} ${notCountedText(r)}`.trim())],
    numeric: [false, ...years.map(() => true)],
    years: [null, ...years],
    rowHeaders: true,
  };
}

function monthsTable(r: ActivityReport): TableBlock {
  return {
    type: 'table',
    id: 'tableau-mois',
    caption: 'Demandes reçues par mois (comptées dans le total)',
    header: ['Mois', ...r.years.map(String)],
    rows: monthTableRows(r).map((row) => ({
      cells: [typo(row.label), ...row.cells],
      ...(row.emphasis ? { emphasis: row.emphasis, key: 'total' } : {}),
    })),
    notes: [typo(monthsNote(r))],
    numeric: [false, ...r.years.map(() => true)],
    years: [null, ...r.years],
    rowHeaders: true,
  };
}

const OTHER_GROUP = 'Autres chiffres';

function keyedValue(v: SourcedValue | undefined, notes: ReturnType<typeof footnotes>): string {
  if (!v || v.value === null) return '—';
  return `${formatNumberFr(v.value)}${notes.mark(v.note)}`;
}

function quotedValue(f: QuotedFigure, notes: ReturnType<typeof footnotes>): string {
  const details = [f.month ? monthNameFr(f.month) : '', f.measuredOn ? `au ${formatDateShort(f.measuredOn)}` : '']
    .filter(Boolean)
    .join(', ');
  return `${formatNumberFr(f.value)}${details ? ` (${details})` : ''}${notes.mark(f.note)}`;
}

/**
 * Every other figure, grouped as the committee groups them (Bureau,
 * Permanences, Site et réseaux, Manifeste, Plénière…): one column per year,
 * one per period when figures cover several years (« 2019–2020 »), and the
 * source of each.
 */
function keyFiguresTable(r: ActivityReport): TableBlock | null {
  const years = r.years;
  const quoted = r.quotedFigures ?? [];
  const periods = [
    ...new Set(quoted.filter((f) => f.firstYear !== f.lastYear).map((f) => `${f.firstYear}-${f.lastYear}`)),
  ].sort();
  const notes = footnotes();
  const groups = new Map<string, TableRow[]>();
  const push = (group: string, row: TableRow) => groups.set(group, [...(groups.get(group) ?? []), row]);
  const blanks = () => periods.map(() => '');
  for (const f of r.keyFigures) {
    if (!years.some((y) => f.byYear[String(y)]?.value != null)) continue;
    push(figureKey(f.key)?.group ?? OTHER_GROUP, {
      key: f.key,
      cells: [
        typo(f.label),
        ...years.map((y) => keyedValue(f.byYear[String(y)], notes)),
        ...blanks(),
        typo(sourcesSummary(years, f.byYear)),
      ],
    });
  }
  for (const f of quoted) {
    const period = `${f.firstYear}-${f.lastYear}`;
    push(f.group.trim() || OTHER_GROUP, {
      cells: [
        typo(f.label),
        ...years.map((y) => (f.firstYear === f.lastYear && f.firstYear === y ? quotedValue(f, notes) : '')),
        ...periods.map((p) => (p === period ? quotedValue(f, notes) : '')),
        f.source === 'historical' ? 'historique (rapport précédent)' : sourceLabel('manual'),
      ],
    });
  }
  if (!groups.size) return null;
  const width = 2 + years.length + periods.length;
  const rows: TableRow[] = [];
  for (const [group, list] of groups) {
    rows.push({ cells: [typo(group), ...Array.from({ length: width - 1 }, () => '')], emphasis: 'group' });
    rows.push(...list);
  }
  return {
    type: 'table',
    id: 'tableau-chiffres',
    caption: 'Autres chiffres clés',
    header: ['Chiffre', ...years.map(String), ...periods.map((p) => periodLabel(p)), 'Source'],
    rows,
    notes: notes.notes,
    numeric: [false, ...years.map(() => true), ...periods.map(() => true), false],
    years: [null, ...years, ...periods.map(() => null), null],
    rowHeaders: true,
  };
}

/** « 1. 2019–2020 en quelques chiffres »: requests by kind, by month, then every other figure. */
export function figuresBlocks(r: ActivityReport, number: string): Block[] {
  const blocks: Block[] = [
    { type: 'heading', level: 2, number: `${number}1`, text: 'Les demandes', id: 'chiffres-demandes', toc: true },
    kindsTable(r),
    chartBlock('graphique-types', 'Demandes par type et par année (mêmes chiffres que le tableau)', kindsChart(r)),
    {
      type: 'heading',
      level: 2,
      number: `${number}2`,
      text: 'Les demandes par mois',
      id: 'chiffres-mois',
      toc: true,
    },
    chartBlock('graphique-mois', 'Demandes reçues par mois, une ligne par année', monthsChart(r)),
    monthsTable(r),
  ];
  const figures = keyFiguresTable(r);
  if (figures)
    blocks.push(
      { type: 'heading', level: 2, number: `${number}3`, text: 'Autres chiffres clés', id: 'chiffres-cles', toc: true },
      figures,
    );
  return blocks;
}
