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
    /** year → 12 monthly counts (all kinds). */
    byMonth: Record<string, number[]>;
  };
  keyFigures: KeyFigure[];
  review: {
    kinds: KindReview[];
    /** Advice requests (kind `advice` and any kind flagged for themes) grouped by theme and sub-theme. */
    adviceByTheme: ThemeGroup[];
    adviceWithoutTheme: ReviewItem[];
  };
  /** Subjects that look identifying, to be fixed before any export. */
  warnings: IdentifyingWarningItem[];
}
