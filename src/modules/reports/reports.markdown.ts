import type { ActivityReport, ReviewItem } from './reports.model.js';
import {
  countingRuleText,
  monthsNote,
  monthTableRows,
  notCountedText,
  formatChange,
  formatNumber,
  itemsOfYear,
  itemText,
  kindCell,
  kindReviews,
  MISSING_TEXT,
  SECTION_TITLES,
  sourcesSummary,
  themedItemText,
  totalCell,
  usedColumns,
} from './reports.present.js';

/**
 * The report as Markdown (GFM tables): same sections, same numbers as the
 * page. Subjects are escaped so that a subject can neither break a table nor
 * inject HTML into whatever renders the file; the introduction and analysis
 * are the board's own Markdown and go in as written.
 */
function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

function table(header: string[], rows: string[][], numericFrom = 1): string {
  const align = header.map((_, i) => (i >= numericFrom ? '---:' : '---'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function list(items: ReviewItem[], text: (i: ReviewItem) => string, indent = ''): string {
  return items.map((i) => `${indent}- ${escapeMarkdown(text(i))}`).join('\n');
}

function keyFiguresSection(r: ActivityReport): string[] {
  const years = r.years.map(String);
  const out: string[] = [`## 1. ${SECTION_TITLES.keyFigures(r.years)}`, '', '### Demandes par type', ''];
  const rows = r.requests.kinds.map((k) => [
    escapeMarkdown(k.countsInTotal ? k.label : `${k.label} (hors total)`),
    ...r.years.map((y) => kindCell(r, k.code, y)),
  ]);
  rows.push(['**Total**', ...r.years.map((y) => `**${totalCell(r, y)}**`)]);
  rows.push(["Total de l'année précédente", ...years.map((y) => formatNumber(r.requests.previousYearTotal[y]))]);
  rows.push(['Évolution', ...years.map((y) => formatChange(r.requests.change[y]))]);
  out.push(table(['Type de demande', ...years], rows), '');
  const totalSources = sourcesSummary(
    r.years,
    Object.fromEntries(years.map((y) => [y, { source: r.requests.totalSource[y] ?? null }])),
  );
  const previousSources = sourcesSummary(
    r.years,
    Object.fromEntries(years.map((y) => [y, { source: r.requests.previousYearTotalSource[y] ?? null }])),
  );
  out.push(
    escapeMarkdown(
      `Sources — total : ${totalSources}. Total de l'année précédente : ${previousSources}. Le total compte les types marqués comme comptés cette année-là. ${countingRuleText(r)} ${notCountedText(r)}`.trim(),
    ),
    '',
  );
  if (r.keyFigures.length) {
    out.push('### Autres chiffres clés', '');
    out.push(
      table(
        ['Chiffre', ...years, 'Source'],
        r.keyFigures.map((f) => [
          escapeMarkdown(f.label),
          ...years.map((y) => formatNumber(f.byYear[y]?.value)),
          escapeMarkdown(sourcesSummary(r.years, f.byYear)),
        ]),
        1,
      ),
      '',
    );
  }
  out.push('### Demandes reçues par mois', '');
  const monthRows = monthTableRows(r).map((row) =>
    row.emphasis === 'total'
      ? [`**${row.label}**`, ...row.cells.map((c) => `**${c}**`)]
      : [escapeMarkdown(row.label), ...row.cells],
  );
  out.push(table(['Mois', ...years], monthRows), '', escapeMarkdown(monthsNote(r)), '');
  return out;
}

function reviewSection(r: ActivityReport): string[] {
  const out: string[] = ['## 2. Bilan moral', ''];
  let n = 0;
  for (const kind of kindReviews(r)) {
    n++;
    out.push(`### 2.${n}. ${escapeMarkdown(kind.label)}`, '');
    for (const year of r.years) {
      const columns = usedColumns(kind).filter(([col]) => itemsOfYear(kind[col], year).length > 0);
      if (!columns.length) continue;
      out.push(`#### ${year}`, '');
      for (const [col, label] of columns) {
        out.push(
          `**${label}**`,
          '',
          list(itemsOfYear(kind[col], year), (i) => itemText(i, col)),
          '',
        );
      }
    }
  }
  const themed = r.review.adviceByTheme;
  if (themed.length || r.review.adviceWithoutTheme.length) {
    n++;
    out.push(`### 2.${n}. ${SECTION_TITLES.themed}`, '');
    for (const group of themed) {
      out.push(`#### ${escapeMarkdown(group.label)}`, '');
      if (group.items.length)
        out.push(
          list(group.items, (i) => themedItemText(i, r.years)),
          '',
        );
      for (const child of group.children)
        out.push(
          `##### ${escapeMarkdown(child.label)}`,
          '',
          list(child.items, (i) => themedItemText(i, r.years)),
          '',
        );
    }
    if (r.review.adviceWithoutTheme.length)
      out.push(
        '#### Sans thème',
        '',
        list(r.review.adviceWithoutTheme, (i) => themedItemText(i, r.years)),
        '',
      );
  }
  if (n === 0) out.push('Aucune demande enregistrée pour ces années.', '');
  return out;
}

export function reportMarkdown(r: ActivityReport): string {
  const out: string[] = [`# ${escapeMarkdown(r.title)}`, '', escapeMarkdown(r.organisationName), ''];
  out.push(
    '## Table des matières',
    '',
    `- ${SECTION_TITLES.introduction}`,
    `- 1. ${SECTION_TITLES.keyFigures(r.years)}`,
    `- 2. ${SECTION_TITLES.review}`,
    `- 3. ${SECTION_TITLES.analysis}`,
    '',
  );
  out.push(`## ${SECTION_TITLES.introduction}`, '', r.introduction.trim() || `_${MISSING_TEXT}_`, '');
  out.push(...keyFiguresSection(r));
  out.push(...reviewSection(r));
  out.push(`## 3. ${SECTION_TITLES.analysis}`, '', r.analysis.trim() || `_${MISSING_TEXT}_`, '');
  out.push(
    '---',
    '',
    `_Rapport produit par Vigie le ${r.generatedAt.slice(0, 10)}. Aucune identité de demandeur n'y figure._`,
    '',
  );
  return out.join('\n');
}
