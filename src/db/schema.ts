/**
 * The database's table types, one interface per table, for Kysely on both engines.
 * One file on purpose (it mirrors the migrations): over 300 lines as the schema grows.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { Locale } from '../lib/locales.js';
import type { RoleList } from '../lib/roles.js';

/*
 * Enum-like columns: each closed set of values is written once here (the list
 * the Zod schemas and forms use, and the union the table types use), so rows
 * come out of Kysely already typed and the code needs no `as` cast.
 */
export type { Locale };

/** Kysely table types. Rows, not domain objects: services map them. */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  /** The person's roles, sorted and comma-separated (`admin,board`): read and written only through src/lib/roles.ts. */
  role: RoleList;
  password_hash: string | null;
  active: number;
  created_at: string;
  last_login_at: string | null;
  invited_by: number | null;
  invited_at: string | null;
  /** 1: an e-mail when a request is assigned to them (a reference and a link, nothing else). */
  notify_assigned: Generated<number>;
  /** 1: an e-mail when a request is flagged for the board. */
  notify_flagged: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  second_factor: SecondFactorKind | null;
}

/** How a sign-in's second step was done. */
export type SecondFactorKind = 'totp' | 'passkey' | 'recovery';

export interface UserTotpTable {
  user_id: number;
  secret_sealed: string;
  key_id: string;
  confirmed_at: string | null;
  last_step: number | null;
  created_at: string;
}

export interface UserRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface UserPasskeysTable {
  id: Generated<number>;
  user_id: number;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

export interface AuthChallengesTable {
  id: string;
  user_id: number;
  purpose: 'login' | 'passkey_registration';
  webauthn_challenge: string | null;
  attempts: number;
  created_at: string;
  expires_at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  purpose: Generated<PasswordLinkPurpose>;
}

/** A reset is asked for by the person (one hour); an invitation is sent by an admin (seven days). */
export type PasswordLinkPurpose = 'reset' | 'invitation';

export interface SettingsTable {
  key: string;
  value: string;
}

/** The taxonomy's lists (an admin adapts their entries, never the lists). */
export const TAXONOMY_TYPES = ['kind', 'theme', 'sector', 'outcome_reason'] as const;
export type TaxonomyType = (typeof TAXONOMY_TYPES)[number];

export interface TaxonomyEntriesTable {
  id: Generated<number>;
  type: TaxonomyType;
  code: string;
  parent_id: number | null;
  sort_order: number;
  in_use_from: number | null;
  in_use_until: number | null;
  created_at: string;
}

export interface TaxonomyLabelsTable {
  id: Generated<number>;
  entry_id: number;
  from_year: number;
  label: string;
  counts_in_total: number;
}

/** The register's fixed vocabularies (labels in src/modules/requests/requests.constants.ts). */
export type RequestChannel = 'helpline' | 'email' | 'letter' | 'in_person' | 'other';
export type RequesterType =
  'unknown' | 'worker' | 'team' | 'management' | 'service_user' | 'student' | 'federation' | 'journalist' | 'other';
export type RequestRegion = 'brussels' | 'wallonia' | 'flanders' | 'german' | 'abroad' | 'unknown';
export type RequestStatus = 'new' | 'in_progress' | 'to_discuss' | 'hearing_planned' | 'closed';
export type RequestOutcome =
  | 'answered'
  | 'hearing_held'
  | 'done'
  | 'declined'
  | 'cancelled'
  | 'referred'
  | 'withdrawn'
  | 'not_concluded'
  | 'later_year'
  | 'not_recorded';

export interface RequestsTable {
  id: Generated<number>;
  reference: string;
  year: number;
  seq: number;
  received_on: string;
  channel: RequestChannel;
  kind_id: number;
  requester_type: RequesterType;
  sector_id: number | null;
  region: RequestRegion | null;
  subject: string;
  notes: string;
  status: RequestStatus;
  outcome: RequestOutcome | null;
  outcome_reason_id: number | null;
  outcome_detail: string | null;
  event_on: string | null;
  planned_year: number | null;
  search_text: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  import_fingerprint: Generated<string | null>;
  /** The anonymised text printed in the activity report (1–4 sentences). */
  report_text: Generated<string | null>;
  /** A board member's check that nothing identifies anyone: valid while this hash of the texts holds. */
  identifying_checked_hash: Generated<string | null>;
  identifying_checked_by: Generated<number | null>;
  identifying_checked_at: Generated<string | null>;
}

export interface RequestThemesTable {
  request_id: number;
  theme_id: number;
}

export interface RequestAssigneesTable {
  request_id: number;
  user_id: number;
}

export interface RequesterIdentitiesTable {
  request_id: number;
  ciphertext: string;
  key_id: string;
  updated_at: string;
}

/** Why a board member is told about a request. */
export type NoticeReason = 'assigned' | 'flagged';

/** A pending e-mail notice (modules/notices): written with the change, sent by the `notices.send` job. */
export interface RequestNoticesTable {
  id: Generated<number>;
  user_id: number;
  request_id: number;
  reason: NoticeReason;
  created_at: string;
}

/** A timeline entry of a request (labels in requests.constants.ts). */
export type RequestEventType =
  | 'call'
  | 'email'
  | 'meeting'
  | 'board_discussion'
  | 'decision'
  | 'document'
  | 'note'
  | 'status'
  | 'created'
  | 'reference'
  | 'closed'
  | 'guide';

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  occurred_on: string;
  type: RequestEventType;
  body: string;
  data: string | null;
  actor_id: number | null;
  created_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
  /** The hash chain (modules/audit/audit.chain.service.ts): the previous entry's hash, and this one's. */
  prev_hash: string | null;
  hash: string | null;
}

/** One row (id 1): where the audit chain ends. */
export interface AuditChainHeadTable {
  id: number;
  last_id: number | null;
  last_hash: string;
  entries: number;
}

/** Queued until sent, or failed after the last retry. */
export type MailStatus = 'queued' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string | null;
  purpose: string;
  status: MailStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** What the mail belongs to, e.g. `newsletter_issue:12`, to count its deliveries. */
  ref: string | null;
}

export interface GuideVersionsTable {
  id: Generated<number>;
  content: string;
  summary: string;
  created_by: number | null;
  created_at: string;
  reverted_from: number | null;
}

export interface YearlyFiguresTable {
  year: number;
  key: string;
  value: number;
  note: string;
  updated_by: number | null;
  updated_at: string;
}

export interface ReportTextsTable {
  id: Generated<number>;
  first_year: number;
  last_year: number;
  introduction: string;
  analysis: string;
  updated_by: number | null;
  updated_at: string;
}

/** Which requests a year's figures count, from `from_year` on (reports.counting.ts). */
export type CountingRule = 'received' | 'took_place';

export interface ReportCountingRulesTable {
  from_year: number;
  rule: CountingRule;
  updated_by: number | null;
  updated_at: string;
}

/** The board's plan of one report (span of years): a JSON document (reports.plan-settings.service.ts). */
export interface ReportPlansTable {
  id: Generated<number>;
  first_year: number;
  last_year: number;
  body: string;
  updated_by: number | null;
  updated_at: string;
}

export type ReportFigureSource = 'manual' | 'historical';

/** A figure quoted in the report: free label, one year or a period, month of a minimum or maximum, date measured. */
export interface ReportFiguresTable {
  id: Generated<number>;
  first_year: number;
  last_year: number;
  group_label: string;
  label: string;
  value: number;
  month: number | null;
  measured_on: string | null;
  source: ReportFigureSource;
  note: string;
  sort_order: number;
  updated_by: number | null;
  updated_at: string;
}

export interface ManifestoVersionsTable {
  id: Generated<number>;
  locale: Locale;
  version_label: string;
  published_on: string;
  summary: string;
  body: string;
  is_placeholder: number;
  created_by: number | null;
  created_at: string;
}

export const SIGNATURE_KINDS = ['individual', 'organisation'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

export const SIGNATURE_STATUSES = ['pending', 'confirmed', 'quarantined', 'rejected'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export interface SignaturesTable {
  id: Generated<number>;
  kind: SignatureKind;
  name: string;
  function_or_org: string;
  town: string;
  email: string;
  locale: Locale;
  show_publicly: number;
  newsletter: number;
  contact: number;
  hidden: number;
  status: SignatureStatus;
  quarantine_reasons: string;
  search_text: string;
  token_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  expires_at: string | null;
  updated_at: string;
}

export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed', 'quarantined', 'bounced'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];
/** Where a subscription came from: the newsletter form, a Manifesto signature, `vigie demo`. */
export type SubscriberSource = 'form' | 'signature' | 'demo';

export interface NewsletterSubscribersTable {
  id: Generated<number>;
  email: string;
  locale: Locale;
  status: SubscriberStatus;
  source: SubscriberSource;
  quarantine_reasons: string;
  confirm_token_hash: string | null;
  unsubscribe_token_sealed: string;
  unsubscribe_token_hash: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  expires_at: string | null;
  updated_at: string;
}

export interface NewsletterIssuesTable {
  id: Generated<number>;
  /** The French version: the reference, and what a subscriber gets when their language has none. */
  subject: string;
  body: string;
  created_by: number | null;
  created_at: string;
  sent_at: string | null;
  recipients: number;
  status: Generated<NewsletterIssueStatus>;
  updated_at: string | null;
}

/** A draft is kept and edited; a sent issue has been handed to the outbox, one mail per subscriber. */
export type NewsletterIssueStatus = 'draft' | 'sent';

/** The Dutch or English version of an issue (French stays on the issue). */
export interface NewsletterIssueTranslationsTable {
  issue_id: number;
  locale: 'nl' | 'en';
  subject: string;
  body: string;
}

// Public site (migration 20261123050000_public_content).
/** What the board publishes on the public site (labels in site.constants.ts). */
export const CONTENT_TYPES = ['page', 'news', 'resource', 'testimony', 'event'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export type ContentStatus = 'draft' | 'published';

export interface ContentItemsTable {
  id: Generated<number>;
  type: ContentType;
  slug: string;
  locale: Locale;
  translation_group: string;
  title: string;
  summary: string;
  body: string;
  event_starts_on: string | null;
  event_ends_on: string | null;
  event_place: string | null;
  status: ContentStatus;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  content_item_id: number;
  filename: string;
  mime: string;
  size: number;
  data: Buffer;
  created_at: string;
}

export const MEMBER_KINDS = ['organisation', 'individual'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export interface MembersTable {
  id: Generated<number>;
  kind: MemberKind;
  name: string;
  contact_email: string;
  contact_phone: string;
  joined_on: string | null;
  left_on: string | null;
  show_publicly: number;
  notes: string;
  /** 1: accepts the plenary's mailings (convocations) by e-mail. */
  mail_consent: Generated<number>;
  mail_consent_at: string | null;
  mail_consent_source: MemberMailConsentSource | null;
  created_at: string;
  updated_at: string;
}

/** How the consent to the plenary's mailings was last given or withdrawn. */
export type MemberMailConsentSource = 'board' | 'import' | 'unsubscribe';

export interface HelplineClosuresTable {
  id: Generated<number>;
  starts_on: string;
  ends_on: string;
  label: string;
  kind: string;
}

export interface HelplineShiftsTable {
  id: Generated<number>;
  held_on: string;
  starts_at: string;
  ends_at: string;
  user_id: number | null;
  reminder_sent_at: string | null;
  alert_sent_at: string | null;
  created_at: string;
}

export interface CalendarTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export type ShiftSwapStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';

export interface HelplineShiftSwapsTable {
  id: Generated<number>;
  from_shift_id: number;
  to_shift_id: number;
  requested_by: number;
  asked_user_id: number;
  status: ShiftSwapStatus;
  created_at: string;
  decided_at: string | null;
}

export type BoardMeetingKind = 'meeting' | 'retreat';

export interface BoardMeetingsTable {
  id: Generated<number>;
  kind: BoardMeetingKind;
  held_on: string;
  starts_at: string | null;
  ends_at: string | null;
  place: Generated<string>;
  video_url: Generated<string>;
  notes: Generated<string>;
  cancelled_at: string | null;
  approved_at: string | null;
  approved_by: number | null;
  approved_in_meeting_id: number | null;
  minutes_snapshot: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type Presence = 'present' | 'excused';

export interface BoardMeetingAttendanceTable {
  meeting_id: number;
  user_id: number;
  presence: Presence;
}

export type AgendaItemKind = 'request' | 'hearing' | 'free';

export interface BoardMeetingItemsTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: AgendaItemKind;
  request_id: number | null;
  title: Generated<string>;
  notes: Generated<string>;
  created_at: string;
}

export type DecisionAction = 'note' | 'assign' | 'hearing' | 'answer' | 'decline' | 'close';

export interface BoardDecisionsTable {
  id: Generated<number>;
  meeting_id: number;
  item_id: number;
  request_id: number | null;
  action: DecisionAction;
  text: string;
  detail: Generated<string>;
  created_by: number | null;
  created_at: string;
}

export type JobRunStatus = 'running' | 'done' | 'failed';

export interface JobRunsTable {
  job_name: string;
  period_key: string;
  status: JobRunStatus;
  attempts: Generated<number>;
  claimed_by: string;
  started_at: string;
  lease_until: string;
  finished_at: string | null;
  summary: string | null;
  error: string | null;
}

export interface PageViewsDailyTable {
  day: string;
  path_key: string;
  section: string;
  views: number;
  visitors: number;
}

/** One row per rate-limit rule and key (src/modules/rate-limit/); `key` is an HMAC, never the address. */
export interface RateLimitCountersTable {
  key: string;
  /** floor(time / window): the bucket `hits` counts in. */
  bucket: number;
  hits: number;
  /** Hits of the bucket before `bucket`. */
  previous_hits: number;
  /** Milliseconds since the epoch after which the row counts nothing. */
  expires_at: number;
}

/** The consent ledger (src/modules/consent/): one row per consent given or withdrawn. */
export interface ConsentEventsTable {
  id: Generated<number>;
  /** The person's address (lower case), or a fingerprint once erased; null when only a name is known. */
  email: string | null;
  name: string | null;
  purpose: ConsentPurpose;
  action: 'given' | 'withdrawn';
  form: ConsentForm;
  text_version: string;
  at: string;
}

export type ConsentPurpose =
  'signature' | 'signature.public' | 'newsletter' | 'contact' | 'member.public' | 'member.mail';
export type ConsentForm = 'manifesto' | 'newsletter' | 'unsubscribe' | 'members' | 'erasure';

/** The visit counter's salt of the current day (src/modules/stats/stats.counter.service.ts). */
export interface VisitSaltsTable {
  day: string;
  salt: string;
}

/** Visitors already counted today: a keyed hash under the day's salt. */
export interface VisitSeenTable {
  day: string;
  visitor: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  user_passkeys: UserPasskeysTable;
  auth_challenges: AuthChallengesTable;
  password_resets: PasswordResetsTable;
  settings: SettingsTable;
  taxonomy_entries: TaxonomyEntriesTable;
  taxonomy_labels: TaxonomyLabelsTable;
  requests: RequestsTable;
  request_themes: RequestThemesTable;
  request_assignees: RequestAssigneesTable;
  request_notices: RequestNoticesTable;
  requester_identities: RequesterIdentitiesTable;
  request_events: RequestEventsTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  mail_outbox: MailOutboxTable;
  guide_versions: GuideVersionsTable;
  yearly_figures: YearlyFiguresTable;
  report_texts: ReportTextsTable;
  report_counting_rules: ReportCountingRulesTable;
  report_plans: ReportPlansTable;
  report_figures: ReportFiguresTable;
  manifesto_versions: ManifestoVersionsTable;
  signatures: SignaturesTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_issue_translations: NewsletterIssueTranslationsTable;
  content_items: ContentItemsTable;
  attachments: AttachmentsTable;
  members: MembersTable;
  helpline_closures: HelplineClosuresTable;
  page_views_daily: PageViewsDailyTable;
  job_runs: JobRunsTable;
  rate_limit_counters: RateLimitCountersTable;
  consent_events: ConsentEventsTable;
  visit_salts: VisitSaltsTable;
  visit_seen: VisitSeenTable;
  board_meetings: BoardMeetingsTable;
  board_meeting_attendance: BoardMeetingAttendanceTable;
  board_meeting_items: BoardMeetingItemsTable;
  board_decisions: BoardDecisionsTable;
  helpline_shifts: HelplineShiftsTable;
  helpline_shift_swaps: HelplineShiftSwapsTable;
  calendar_tokens: CalendarTokensTable;
  plenary_assemblies: PlenaryAssembliesTable;
  plenary_agenda_items: PlenaryAgendaItemsTable;
  plenary_attendance: PlenaryAttendanceTable;
  plenary_convocations: PlenaryConvocationsTable;
  working_groups: WorkingGroupsTable;
  working_group_members: WorkingGroupMembersTable;
  working_group_meetings: WorkingGroupMeetingsTable;
}

export interface PlenaryAssembliesTable {
  id: Generated<number>;
  title: Generated<string>;
  held_on: string;
  starts_at: string | null;
  ends_at: string | null;
  place: Generated<string>;
  video_url: Generated<string>;
  /** 1: shown on the public agenda (and its feed). */
  is_public: Generated<number>;
  notes: Generated<string>;
  cancelled_at: string | null;
  convocation_sent_at: string | null;
  convocation_sent_by: number | null;
  approved_at: string | null;
  approved_by: number | null;
  minutes_snapshot: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PlenaryAgendaItemsTable {
  id: Generated<number>;
  assembly_id: number;
  position: number;
  title: string;
  notes: Generated<string>;
  created_at: string;
}

export interface PlenaryAttendanceTable {
  assembly_id: number;
  member_id: number;
  presence: Presence;
  /** Who represented an organisation (empty for a person). */
  representative: Generated<string>;
}

export interface PlenaryConvocationsTable {
  id: Generated<number>;
  assembly_id: number;
  member_id: number;
  token_hash: string;
  created_at: string;
}

export interface WorkingGroupsTable {
  id: Generated<number>;
  name: string;
  purpose: Generated<string>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface WorkingGroupMembersTable {
  id: Generated<number>;
  group_id: number;
  user_id: number | null;
  member_id: number | null;
  created_at: string;
}

export interface WorkingGroupMeetingsTable {
  id: Generated<number>;
  group_id: number;
  held_on: string;
  starts_at: string | null;
  place: Generated<string>;
  notes: Generated<string>;
  created_at: string;
  updated_at: string;
}

export type NewUserRow = Insertable<UsersTable>;
export type NewRequestRow = Insertable<RequestsTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
