import type { CountingRule } from './reports.counting.js';

/**
 * The activity report as data: computed once from the records (and the
 * manual figures), then rendered as HTML, Markdown, JSON, PDF or DOCX.
 * Nothing here may ever hold a requester's identity: only anonymous subject
 * lines, counts and category labels.
 */

/** Where a figure comes from: Vigie's records win over a figure typed by hand. */
export type FigureSource = 'records' | 'manual';

export interface SourcedValue {
  value: number | null;
  source: FigureSource | null;
  /** For manual figures: the note typed with it (e.g. « moyenne mensuelle »). */
  note?: string;
}

export interface KindCount {
  code: string;
  /** Label as it was in the report's last year. */
  label: string;
  countsInTotal: boolean;
  /** year → count (every report year present, 0 when none). */
  byYear: Record<string, number>;
}

export interface KeyFigure {
  /** Stable key, e.g. `board.meetings`, `helpline.shifts` (see figures.keys.ts). */
  key: string;
  label: string;
  byYear: Record<string, SourcedValue>;
}

/** One line of the review: the anonymised subject and what became of it. */
export interface ReviewItem {
  reference: string;
  year: number;
  subject: string;
  /** Outcome label, reason and detail, already in French (« Déclinée — Hors de notre champ »). */
  outcome: string;
  eventOn: string | null;
  plannedYear: number | null;
  /** The board's anonymised text for the report (1–4 sentences), printed instead of the subject. */
  text?: string | null;
  /** The activity's date (event, else received): its month is printed, « (mars 2017) ». */
  activityOn?: string;
  /** The column of the review it belongs to. */
  column?: ReviewColumn;
  /** Its most specific theme (code), for sections grouped by theme. */
  theme?: string | null;
  /** Whether the outcome is worth printing (not « suite non consignée »). */
  outcomeKnown?: boolean;
}

export type ReviewColumn = 'done' | 'declinedOrCancelled' | 'later' | 'other';

/** How a section of the review shows its requests. */
export type SectionLayout = 'table' | 'themes' | 'list';
/** The chapters a section may be placed in. */
export type Chapter = 'figures' | 'review' | 'analysis';

/** A section of the report as the board placed it: requests of some kinds, or free text. */
export interface PlanSection {
  id: string;
  chapter: Chapter;
  title: string;
  /** Kind codes shown in this section, in order; empty for a free section. */
  kinds: string[];
  layout: SectionLayout;
  /** Text at the head of the section (Markdown). */
  text: string;
  /** Notes printed after it (« NB : … »). */
  notes: string[];
}

/** The board's choices for one report: chapter texts, sections in order, a text per kind. */
export interface ReportPlanChoices {
  chapterTexts: { figures: string; review: string };
  sections: PlanSection[];
  kindTexts: Record<string, string>;
}

/** A figure quoted as the committee quotes it: its own label, one year or a period, month, date measured. */
export interface QuotedFigure {
  group: string;
  label: string;
  firstYear: number;
  lastYear: number;
  value: number;
  /** Month (1–12) of a minimum or maximum: « 574 visites (août) ». */
  month: number | null;
  /** YYYY-MM-DD the figure was measured (followers on a given day). */
  measuredOn: string | null;
  source: 'manual' | 'historical';
  note: string;
}

export interface KindReview {
  code: string;
  label: string;
  done: ReviewItem[];
  declinedOrCancelled: ReviewItem[];
  later: ReviewItem[];
  /** Answered, hearing held, referred, withdrawn, not concluded, still open… */
  other: ReviewItem[];
}

export interface ThemeGroup {
  code: string;
  label: string;
  items: ReviewItem[];
  children: Array<{ code: string; label: string; items: ReviewItem[] }>;
}

export interface IdentifyingWarningItem {
  /** Internal id, for the link « corriger » in the app (added for the page; optional). */
  requestId?: number;
  reference: string;
  subject: string;
  hints: string[];
}

export interface ActivityReport {
  years: number[];
  organisationName: string;
  title: string;
  generatedAt: string;
  introduction: string;
  analysis: string;
  requests: {
    kinds: KindCount[];
    /** kind code → year → count, as in the JSON contract. */
    byKind: Record<string, Record<string, number>>;
    /** Sum of the kinds that count in the total; manual `requests.total` when no record exists. */
    total: Record<string, number>;
    totalSource: Record<string, FigureSource | null>;
    previousYearTotal: Record<string, number | null>;
    previousYearTotalSource: Record<string, FigureSource | null>;
    /** Change from the previous year, in requests (null when unknown). */
    change: Record<string, number | null>;
    /**
     * year → whether the register holds at least one request received that
     * year (added: without records, per-kind counts are unknown, not zero).
     */
    hasRecords?: Record<string, boolean>;
    /** year → 12 monthly counts (every kind counted, by month received). */
    byMonth: Record<string, number[]>;
    /**
     * year → 12 monthly counts of the requests in the total, by month received
     * (null: the month has not begun). With `carriedIn` they add up to the total.
     */
    months: Record<string, Array<number | null>>;
    /** The month under way when the report was made: its count is partial and not plotted. */
    monthInProgress: { year: number; month: number };
    /** year → the counting rule applied that year, and its text as printed. */
    countingRule: Record<string, { rule: CountingRule; fromYear: number | null; text: string }>;
    /** year → requests received that year that the rule leaves out (declined, cancelled, withdrawn). */
    notCounted: Record<string, number>;
    /** year → activities received an earlier year, scheduled for this one (counted here, in the total's kinds). */
    carriedIn: Record<string, number>;
    /** year → activities received this year, scheduled for a later one (counted there). */
    carriedOut: Record<string, number>;
    /** year → requests of kinds outside the total (counted per kind, not in the total). */
    outsideTotal: Record<string, number>;
  };
  keyFigures: KeyFigure[];
  review: {
    kinds: KindReview[];
    /** Advice requests (kind `advice` and any kind flagged for themes) grouped by theme and sub-theme. */
    adviceByTheme: ThemeGroup[];
    adviceWithoutTheme: ReviewItem[];
    /** The theme tree, in the taxonomy's order (labels of the last year). */
    themes?: Array<{ code: string; label: string; parent: string | null }>;
  };
  /** The board's plan: which sections, in which order, with which texts. */
  plan?: ReportPlanChoices;
  /** Figures quoted by hand beside the yearly ones. */
  quotedFigures?: QuotedFigure[];
  /** The organisation's logo for the cover (never in the JSON export). */
  logo?: { contentType: 'image/png' | 'image/jpeg'; base64: string };
  /** Subjects that look identifying, to be fixed before any export. */
  warnings: IdentifyingWarningItem[];
}
