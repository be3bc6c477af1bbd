import { formatMonthYearFr, frenchTypography as typo } from '../../lib/typography.js';
import type { ActivityReport, KindReview, PlanSection, ReviewColumn, ReviewItem } from './reports.model.js';
import { markdownBlocks } from './reports.plan.markdown.js';
import type { Block, ListBlock, Run, TableBlock } from './reports.plan.types.js';
import { groupByTheme } from './reports.review.js';

/**
 * The review's sections as the board placed them: a section shows requests of
 * some kinds (a table year × outcome, by theme, or a list), or only its text;
 * then its notes (NB). Each request is its text for the report (or its
 * subject), with the activity's month: « … (mars 2017) ».
 */
const COLUMN_LABELS: Record<ReviewColumn, string> = {
  done: 'Réalisées',
  declinedOrCancelled: 'Annulées ou déclinées (raison)',
  later: 'Prévues une année ultérieure',
  other: 'Autres suites (réorientées, sans suite, en cours…)',
};
const COLUMNS: readonly ReviewColumn[] = ['done', 'declinedOrCancelled', 'later', 'other'];

/** A kind's requests in the order they came in (references sort by year, then number). */
function allItems(k: KindReview): ReviewItem[] {
  return COLUMNS.flatMap((c) => k[c]).sort((a, b) => a.reference.localeCompare(b.reference));
}

/** The line printed for a request. The outcome is added where no column or text says it already. */
function itemRuns(item: ReviewItem, outcomeShown: boolean): Run[] {
  const column = item.column ?? 'other';
  const parts: string[] = [];
  if (!item.text && !outcomeShown && column !== 'done' && item.outcomeKnown !== false && item.outcome)
    parts.push(item.outcome);
  if (!item.text && outcomeShown && column !== 'done' && item.outcomeKnown !== false) {
    // In an outcome column, only the reason and detail add something.
    const detail = item.outcome.split(' — ').slice(1).join(' — ');
    if (detail) parts.push(detail);
  }
  const when = item.activityOn
    ? formatMonthYearFr(item.activityOn)
    : item.eventOn
      ? formatMonthYearFr(item.eventOn)
      : '';
  if (when) parts.push(when);
  const runs: Run[] = [{ text: typo(item.text ?? item.subject) }];
  if (parts.length) runs.push({ text: typo(` (${parts.join(' ; ')})`), muted: true });
  return runs;
}

function list(items: readonly ReviewItem[], outcomeShown: boolean): ListBlock {
  return { type: 'list', ordered: false, start: 1, items: items.map((i) => ({ runs: itemRuns(i, outcomeShown) })) };
}

/** « NB : … », or « NB1 : … », « NB2 : … » when there are several. */
function noteBlocks(notes: readonly string[]): Block[] {
  const kept = notes.map((n) => n.trim()).filter(Boolean);
  return kept.map((n, i) => ({
    type: 'paragraph' as const,
    style: 'note' as const,
    runs: [{ text: typo(kept.length > 1 ? `NB${i + 1} :` : 'NB :'), bold: true }, { text: typo(` ${n}`) }],
  }));
}

function kindTable(r: ActivityReport, kind: KindReview, id: string): TableBlock {
  const columns = COLUMNS.filter((c) => kind[c].length > 0);
  return {
    type: 'table',
    id,
    caption: typo(`${kind.label} : ce qu'il est advenu des demandes`),
    header: ['Année', ...columns.map((c) => COLUMN_LABELS[c])],
    rows: r.years.map((y) => ({
      key: String(y),
      cells: [
        String(y),
        ...columns.map((c) => {
          const items = kind[c].filter((i) => i.year === y);
          return items.length ? { list: items.map((i) => itemRuns(i, true)) } : '—';
        }),
      ],
    })),
    notes: [],
    numeric: [false, ...columns.map(() => false)],
    rowHeaders: true,
  };
}

function themeBlocks(r: ActivityReport, items: readonly ReviewItem[], idPrefix: string): Block[] {
  const { groups, without } = groupByTheme(items, r.review.themes ?? []);
  const blocks: Block[] = [];
  for (const g of groups) {
    blocks.push({
      type: 'heading',
      level: 3,
      number: null,
      text: typo(g.label),
      id: `${idPrefix}-${g.code}`,
      toc: false,
    });
    if (g.items.length) blocks.push(list(g.items, false));
    for (const c of g.children) {
      blocks.push({
        type: 'heading',
        level: 4,
        number: null,
        text: typo(c.label),
        id: `${idPrefix}-${c.code}`,
        toc: false,
      });
      blocks.push(list(c.items, false));
    }
  }
  if (without.length)
    blocks.push(
      { type: 'heading', level: 3, number: null, text: 'Sans thème', id: `${idPrefix}-sans-theme`, toc: false },
      list(without, false),
    );
  return blocks;
}

/** One section: heading, text, kinds' texts and requests, notes. */
export function sectionBlocks(r: ActivityReport, section: PlanSection, number: string): Block[] {
  const id = `section-${section.id}`;
  const blocks: Block[] = [
    { type: 'heading', level: 2, number, text: typo(section.title), id, toc: true },
    ...markdownBlocks(section.text, `${id}-texte`, 3),
  ];
  const kinds = section.kinds
    .map((code) => r.review.kinds.find((k) => k.code === code))
    .filter((k): k is KindReview => k !== undefined && allItems(k).length > 0);
  const kindText = (code: string) => r.plan?.kindTexts[code] ?? '';
  if (section.layout === 'themes') {
    for (const k of kinds) blocks.push(...markdownBlocks(kindText(k.code), `${id}-${k.code}`, 3));
    blocks.push(...themeBlocks(r, kinds.flatMap(allItems), id));
  } else {
    for (const k of kinds) {
      if (kinds.length > 1)
        blocks.push({
          type: 'heading',
          level: 3,
          number: null,
          text: typo(k.label),
          id: `${id}-${k.code}`,
          toc: false,
        });
      blocks.push(...markdownBlocks(kindText(k.code), `${id}-${k.code}-texte`, 3));
      blocks.push(section.layout === 'table' ? kindTable(r, k, `${id}-${k.code}-tableau`) : list(allItems(k), false));
    }
  }
  blocks.push(...noteBlocks(section.notes));
  return blocks;
}
