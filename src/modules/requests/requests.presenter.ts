import type { DbOrTrx } from '../../db/index.js';
import { todayInBrussels } from '../../lib/time.js';
import { NotFoundError } from '../../errors.js';
import { isTicked, str, strList } from '../../web/validation.js';
import { labelOf, loadTaxonomy, themePath, type Taxonomy } from '../taxonomy/taxonomy.service.js';
import { OUTCOMES } from './requests.constants.js';
import { assigneesOf, eventsOf, findRequest, listRequests, themesOf } from './requests.queries.js';
import { hasIdentity } from './requests.service.js';
import type { RequestView } from './requests.detail.views.js';
import type { RequestFormValues } from './requests.form.views.js';
import type { ListItem } from './requests.list.views.js';

/**
 * Rows → what the register's pages show: list items (labels as in the taxonomy), a request's
 * detail (labels as they were in its year), the form's values (empty, typed, or from the saved
 * request), the « à discuter » agenda with each request's last step.
 */

export function emptyValues(overrides: Partial<RequestFormValues> = {}): RequestFormValues {
  return {
    receivedOn: todayInBrussels(),
    channel: 'helpline',
    kindId: '',
    requesterType: 'unknown',
    sectorId: '',
    region: '',
    themeIds: [],
    subject: '',
    notes: '',
    assigneeIds: [],
    eventOn: '',
    plannedYear: '',
    status: 'new',
    identityName: '',
    identityOrganisation: '',
    identityEmail: '',
    identityPhone: '',
    toDiscuss: false,
    assignMe: true,
    ...overrides,
  };
}

export function valuesFromBody(body: Record<string, unknown>): RequestFormValues {
  const s = (k: string) => str(body[k]);
  return {
    receivedOn: s('receivedOn'),
    channel: s('channel'),
    kindId: s('kindId'),
    requesterType: s('requesterType'),
    sectorId: s('sectorId'),
    region: s('region'),
    themeIds: strList(body.themeIds),
    subject: s('subject'),
    notes: s('notes'),
    assigneeIds: strList(body.assigneeIds),
    eventOn: s('eventOn'),
    plannedYear: s('plannedYear'),
    status: s('status'),
    identityName: s('identityName'),
    identityOrganisation: s('identityOrganisation'),
    identityEmail: s('identityEmail'),
    identityPhone: s('identityPhone'),
    toDiscuss: isTicked(body.toDiscuss),
    assignMe: isTicked(body.assignMe),
  };
}

export async function toListItems(
  db: DbOrTrx,
  rows: Awaited<ReturnType<typeof listRequests>>['rows'],
  taxonomy: Taxonomy,
): Promise<ListItem[]> {
  const ids = rows.map((r) => r.id);
  const [themes, assignees] = await Promise.all([themesOf(db, ids), assigneesOf(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    receivedOn: r.received_on,
    status: r.status,
    kind: labelOf(taxonomy.kind, r.kind_id),
    subject: r.subject,
    outcome: r.outcome ? OUTCOMES.labels[r.outcome] : '',
    themes: themes.filter((t) => t.request_id === r.id).map((t) => labelOf(taxonomy.theme, t.theme_id)),
    assignees: assignees.filter((a) => a.request_id === r.id).map((a) => a.display_name),
  }));
}

export async function loadRequestView(db: DbOrTrx, id: number): Promise<RequestView> {
  const row = await findRequest(db, id);
  if (!row) throw new NotFoundError("Cette demande n'existe pas.");
  // Labels as they were in the request's year.
  const taxonomy = await loadTaxonomy(db, row.year);
  const [themes, assignees, events, identity] = await Promise.all([
    themesOf(db, [id]),
    assigneesOf(db, [id]),
    eventsOf(db, id),
    hasIdentity(db, id),
  ]);
  return {
    id,
    reference: row.reference,
    receivedOn: row.received_on,
    channel: row.channel,
    kind: labelOf(taxonomy.kind, row.kind_id),
    requesterType: row.requester_type,
    sector: labelOf(taxonomy.sector, row.sector_id),
    region: row.region,
    themes: themes.map((t) => themePath(taxonomy.theme, t.theme_id)),
    subject: row.subject,
    notes: row.notes,
    status: row.status,
    outcome: row.outcome,
    outcomeReason: labelOf(taxonomy.outcome_reason, row.outcome_reason_id),
    outcomeDetail: row.outcome_detail,
    eventOn: row.event_on,
    plannedYear: row.planned_year,
    assignees: assignees.map((a) => a.display_name),
    hasIdentity: identity,
    events: events.map((e) => ({
      id: e.id,
      occurredOn: e.occurred_on,
      type: e.type,
      body: e.body,
      actor: e.actor_name,
    })),
  };
}

/** The edit form's values from the saved request (a closed request is edited as « in progress »). */
export async function editFormValues(
  db: DbOrTrx,
  id: number,
): Promise<{ values: RequestFormValues; reference: string }> {
  const row = await findRequest(db, id);
  if (!row) throw new NotFoundError("Cette demande n'existe pas.");
  const [themes, assignees] = await Promise.all([themesOf(db, [id]), assigneesOf(db, [id])]);
  const values = emptyValues({
    receivedOn: row.received_on,
    channel: row.channel,
    kindId: String(row.kind_id),
    requesterType: row.requester_type,
    sectorId: row.sector_id ? String(row.sector_id) : '',
    region: row.region ?? '',
    themeIds: themes.map((t) => String(t.theme_id)),
    subject: row.subject,
    notes: row.notes,
    assigneeIds: assignees.map((a) => String(a.user_id)),
    eventOn: row.event_on ?? '',
    plannedYear: row.planned_year ? String(row.planned_year) : '',
    status: row.status === 'closed' ? 'in_progress' : row.status,
  });
  return { values, reference: row.reference };
}

/** The requests « à discuter » in the order received, each with the last step of its timeline (shortened). */
export async function agendaItems(
  db: DbOrTrx,
  taxonomy: Taxonomy,
): Promise<Array<ListItem & { lastEvent: string | null }>> {
  const { rows } = await listRequests(db, { status: 'to_discuss', sort: 'received_asc', page: 1, pageSize: 500 });
  const items = await toListItems(db, rows, taxonomy);
  const last = await Promise.all(
    items.map(async (i) => {
      const events = (await eventsOf(db, i.id)).filter((e) => e.type !== 'status' && e.type !== 'created');
      const e = events.at(-1);
      return e ? (e.body.length > 160 ? `${e.body.slice(0, 157)}…` : e.body) : null;
    }),
  );
  return items.map((i, n) => ({ ...i, lastEvent: last[n] ?? null }));
}
