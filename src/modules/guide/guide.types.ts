/**
 * Types of the « Puis-je parler ? » content.
 *
 * The flow (questions → answers → next node → leaf) is pure data: the engine never branches on an
 * id. Ids, answer codes, leaf ids and categories are the contract with the spec
 * (shared/specs/guide.md) and its scenarios; every user-facing string is French (fr-BE).
 */

/** Calendar date 'YYYY-MM-DD' (Belgian legal dates have no time of day). */
export type IsoDate = string;

/** The outcome categories of spec §0.2. Their French labels live in the content. */
export const GUIDE_CATEGORIES = [
  'SILENCE',
  'MAY_SPEAK',
  'MUST_ANSWER_INSTITUTION',
  'MUST_DECLARE',
  'TESTIFY_NO_OBLIGATION',
  'SHARE_UNDER_CONDITIONS',
  'OUT_OF_SCOPE_REFER',
] as const;
export type GuideCategory = (typeof GUIDE_CATEGORIES)[number];

/** Categories that tell someone they are legally obliged to act: the ones rule R13 watches. */
export const OBLIGATION_CATEGORIES: readonly GuideCategory[] = ['MUST_DECLARE', 'MUST_ANSWER_INSTITUTION'];

export interface CategoryText {
  /** Plain French, said to the worker: « Vous devez vous taire ». */
  label: string;
  /** One or two sentences explaining what the category means in practice. */
  description: string;
}

export interface GuideAnswer {
  /** Stable code, e.g. 'Oui', 'NSP', 'POLICE' (case-sensitive, part of the contract). */
  code: string;
  /** What the user clicks. */
  label: string;
  /** Id of the next question or of a leaf. */
  next: string;
  /**
   * A sentence added to the result whenever the path goes through this answer
   * (e.g. spec §2.6: facts committed by a professional must show the R14 sentence on L41–L44).
   */
  resultNote?: string;
  /**
   * Citations added to the result whenever the path goes through this answer: a sector text is
   * cited only on the paths where it applies (a PMS decree only when the worker is in a PMS centre).
   */
  references?: LeafCitation[];
}

export interface GuideQuestion {
  id: string;
  /** Short title, for progress and breadcrumbs. */
  label: string;
  /** The question itself. */
  text: string;
  /** « En savoir plus »: why the question matters, in plain words. */
  help: string;
  answers: GuideAnswer[];
  /** Rules of the spec (R01…R26) the question applies; documentation for reviewers. */
  rules: string[];
}

/** How a leaf cites a reference. The number lives in the reference, the nuance in the leaf. */
export interface LeafCitation {
  ref: string;
  /** Article(s) inside an instrument whose numbering is stable, e.g. 'art. 5 et 32' of the RGPD. */
  pinpoint?: string;
  /** What this leaf wants the reader to notice, shown in brackets: 'conditions non réunies'. */
  qualifier?: string;
}

/** A jurist's « relu » mark: who and when. Cleared whenever the marked item is edited. */
export interface Review {
  by: string;
  on: IsoDate;
}

export interface GuideLeaf {
  id: string;
  category: GuideCategory;
  title: string;
  /** Two to four short points for a phone: what you may do, must do, must not do. */
  points: string[];
  /** « Que faire maintenant ? »: one to three steps. */
  steps: string[];
  /** Ids of `contacts` to show under the steps (the committee's helpline is always shown). */
  contacts?: string[];
  /** The long explanation, shown under « En savoir plus ». */
  text: string;
  references: LeafCitation[];
  rules: string[];
  /** What the jurist still has to settle on this result. Back office only, never public. */
  reviewNotes?: string;
  review?: Review;
}

/** One way of citing a reference, valid between two dates (both inclusive, null = open). */
export interface Numbering {
  label: string;
  validFrom: IsoDate | null;
  validUntil: IsoDate | null;
}

export const REFERENCE_KINDS = [
  'statute',
  'case_law',
  'principle',
  'regulation',
  'circular',
  'deontology',
  'unspecified_text',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Subjects the validator must recognise whatever the wording (rule R13). */
export const REFERENCE_TOPICS = ['terrorism'] as const;
export type ReferenceTopic = (typeof REFERENCE_TOPICS)[number];

export interface LegalReference {
  /** Stable id used by leaves ('CP_458'); never shown, never renumbered. */
  id: string;
  kind: ReferenceKind;
  /** Full official title, for the sources list (the citation uses the short label). */
  fullTitle?: string;
  /** Dated labels; together they must cover the whole timeline without gap or overlap. */
  numberings: Numbering[];
  /** Date the label and its use in the guide were last checked. */
  checkedOn: IsoDate;
  url?: string;
  /** Set when a court annulled the provision: it can never ground an obligation. */
  annulled?: { by: string; on: IsoDate };
  topics?: ReferenceTopic[];
  /** What a jurist still has to check (spec §4), in French. Back office only, never public. */
  toVerify?: string;
  /**
   * Where the wording was read in the official text (Justel, Moniteur belge…) and when. Absent:
   * the reference is shown to the public as « non vérifié sur le texte officiel ».
   */
  officialText?: { url: string; checkedOn: IsoDate };
  /**
   * An article of the Code pénal of 1867, renumbered by the new Code pénal (in force since
   * NEW_PENAL_CODE_FROM). Until a board member enters the new number from the official text,
   * the guide cites it as « ancien art. … CP (Code pénal de 1867) »; never a guessed number.
   */
  penalCode1867?: { article: string; newArticle?: string; source?: string; checkedOn?: IsoDate };
  review?: Review;
}

/** A number to call, shown only once its official source and check date are known. */
export interface GuideContact {
  id: string;
  name: string;
  phone?: string;
  /** When to call, in plain French (« 24 h sur 24 », « en semaine »…). */
  when?: string;
  /** Where the number was checked (its official source) and when; absent = not shown. */
  source?: { url: string; checkedOn: IsoDate };
  /** Why the number is not shown yet, for the back office. */
  toVerify?: string;
}

export interface AdviceContact {
  name: string;
  detail?: string;
  /** For helplines: when someone answers. */
  schedule?: string;
  toVerify?: string;
}

/** « FIN »: shown after every result (spec §2.5). */
export interface FinalBlock {
  questionsTitle: string;
  questions: string[];
  doubtReminder: string;
  adviceTitle: string;
  advice: AdviceContact[];
}

export interface EntryScreen {
  title: string;
  paragraphs: string[];
}

export interface GuideContent {
  /** Content version (semver-like), bumped by whoever edits the content. */
  version: string;
  /** Date the whole content was last reviewed. */
  checkedOn: IsoDate;
  /** 'draft' until a jurist has marked every result and every reference « relu ». */
  status: 'draft' | 'reviewed';
  locale: 'fr-BE';
  startQuestion: string;
  entry: EntryScreen;
  disclaimer: string;
  categories: Record<GuideCategory, CategoryText>;
  questions: GuideQuestion[];
  leaves: GuideLeaf[];
  references: LegalReference[];
  contacts: GuideContact[];
  final: FinalBlock;
}
