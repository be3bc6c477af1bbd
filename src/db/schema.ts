import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely table types. Rows, not domain objects: services map them. */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  active: number;
  created_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface TaxonomyEntriesTable {
  id: Generated<number>;
  type: string;
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

export interface RequestsTable {
  id: Generated<number>;
  reference: string;
  year: number;
  seq: number;
  received_on: string;
  channel: string;
  kind_id: number;
  requester_type: string;
  sector_id: number | null;
  region: string | null;
  subject: string;
  notes: string;
  status: string;
  outcome: string | null;
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

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  occurred_on: string;
  type: string;
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
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string | null;
  purpose: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  settings: SettingsTable;
  taxonomy_entries: TaxonomyEntriesTable;
  taxonomy_labels: TaxonomyLabelsTable;
  requests: RequestsTable;
  request_themes: RequestThemesTable;
  request_assignees: RequestAssigneesTable;
  requester_identities: RequesterIdentitiesTable;
  request_events: RequestEventsTable;
  audit_events: AuditEventsTable;
  mail_outbox: MailOutboxTable;
  guide_versions: GuideVersionsTable;
  yearly_figures: YearlyFiguresTable;
  report_texts: ReportTextsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type RequestRow = Selectable<RequestsTable>;
export type NewRequestRow = Insertable<RequestsTable>;
export type RequestUpdate = Updateable<RequestsTable>;
export type TaxonomyEntryRow = Selectable<TaxonomyEntriesTable>;
export type TaxonomyLabelRow = Selectable<TaxonomyLabelsTable>;
export type RequestEventRow = Selectable<RequestEventsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
