/*
 * The register's use cases (over 300 lines): create, update, status, close, timeline and identity
 * share the reference checks and the audit. Next split: identity (reveal, update) into
 * requests.identity.service.ts, closing into requests.close.service.ts.
 */
import type { Db, DbOrTrx, Trx } from '../../db/index.js';
import { retryOnUniqueViolation } from '../../db/unique-violation.js';
import { foldText } from '../../lib/text.js';
import { nowIso, todayInBrussels } from '../../lib/time.js';
import type { Vault } from '../../lib/vault.js';
import type { FieldErrors } from '../../web/forms.js';
import { recordFlagged, recordNotices } from '../notices/notices.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { CurrentUser } from '../../web/access.js';
import { findEntry, isInUse } from '../taxonomy/taxonomy.service.js';
import { EVENT_TYPES, OUTCOMES, STATUSES, type EventType, type Status } from './requests.constants.js';
import { boardMembers, findRequest, identityOf } from './requests.queries.js';
import { allocateReference } from './requests.reference.queries.js';
import type {
  CloseInput,
  CreateRequestInput,
  EventInput,
  IdentityInput,
  UpdateRequestInput,
} from './requests.schemas.js';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { z } from 'zod';

const storedIdentitySchema = z.object({
  name: z.string(),
  organisation: z.string(),
  email: z.string(),
  phone: z.string(),
});
export type RequesterIdentity = z.infer<typeof storedIdentitySchema>;

/** A requester's identity as the vault gives it back (sealed with the request's id), checked, not assumed. */
export function openIdentity(vault: Vault, ciphertext: string, requestId: number): RequesterIdentity {
  return storedIdentitySchema.parse(JSON.parse(vault.decrypt(ciphertext, `request:${requestId}`)));
}

/** What the register's search matches (also written by the import). */
export function searchText(reference: string, subject: string, notes: string): string {
  return foldText(`${reference} ${subject} ${notes}`);
}

/**
 * Checks every taxonomy or user reference against the database. Entries no
 * longer in use stay accepted when the request already had them.
 */
async function checkReferences(
  db: DbOrTrx,
  input: Pick<CreateRequestInput, 'kindId' | 'sectorId' | 'themeIds' | 'assigneeIds' | 'receivedOn'>,
  current?: { kindId: number; sectorId: number | null; themeIds: number[] },
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const year = Number(input.receivedOn.slice(0, 4));
  const usable = async (id: number, type: string, keep: boolean) => {
    const e = await findEntry(db, id);
    return Boolean(
      e && e.type === type && (keep || isInUse({ inUseFrom: e.in_use_from, inUseUntil: e.in_use_until }, year)),
    );
  };
  if (!(await usable(input.kindId, 'kind', current?.kindId === input.kindId)))
    errors.kindId = "Type de demande : cette catégorie n'existe pas ou n'est pas en usage cette année-là.";
  if (input.sectorId !== null && !(await usable(input.sectorId, 'sector', current?.sectorId === input.sectorId)))
    errors.sectorId = "Secteur : ce secteur n'existe pas ou n'est pas en usage cette année-là.";
  for (const t of input.themeIds) {
    if (!(await usable(t, 'theme', Boolean(current?.themeIds.includes(t))))) {
      errors.themeIds = "Thèmes : un des thèmes choisis n'existe pas ou n'est pas en usage cette année-là.";
      break;
    }
  }
  if (input.assigneeIds.length) {
    const members = new Set((await boardMembers(db)).map((m) => m.id));
    if (input.assigneeIds.some((id) => !members.has(id)))
      errors.assigneeIds = "Membres du bureau : une des personnes choisies n'est pas (ou plus) membre actif du bureau.";
  }
  return errors;
}

function identityIsEmpty(i: IdentityInput): boolean {
  return !i.identityName && !i.identityOrganisation && !i.identityEmail && !i.identityPhone;
}

async function writeIdentity(trx: Trx, vault: Vault, requestId: number, i: IdentityInput): Promise<void> {
  await trx.deleteFrom('requester_identities').where('request_id', '=', requestId).execute();
  if (identityIsEmpty(i)) return;
  const plain: RequesterIdentity = {
    name: i.identityName,
    organisation: i.identityOrganisation,
    email: i.identityEmail,
    phone: i.identityPhone,
  };
  await trx
    .insertInto('requester_identities')
    .values({
      request_id: requestId,
      ciphertext: vault.encrypt(JSON.stringify(plain), `request:${requestId}`),
      key_id: vault.keyId,
      updated_at: nowIso(),
    })
    .execute();
}

async function replaceLinks(trx: Trx, requestId: number, themeIds: number[], assigneeIds: number[]): Promise<void> {
  await trx.deleteFrom('request_themes').where('request_id', '=', requestId).execute();
  if (themeIds.length)
    await trx
      .insertInto('request_themes')
      .values(themeIds.map((theme_id) => ({ request_id: requestId, theme_id })))
      .execute();
  await trx.deleteFrom('request_assignees').where('request_id', '=', requestId).execute();
  if (assigneeIds.length)
    await trx
      .insertInto('request_assignees')
      .values(assigneeIds.map((user_id) => ({ request_id: requestId, user_id })))
      .execute();
}

/** Adds a dated entry to a request's timeline (inside the caller's transaction). */
export async function addTimeline(
  trx: DbOrTrx,
  requestId: number,
  type: EventType,
  body: string,
  actorId: number | null,
  occurredOn = todayInBrussels(),
  data: unknown = null,
): Promise<void> {
  await trx
    .insertInto('request_events')
    .values({
      request_id: requestId,
      occurred_on: occurredOn,
      type,
      body,
      data: data === null ? null : JSON.stringify(data),
      actor_id: actorId,
      created_at: nowIso(),
    })
    .execute();
}

export async function createRequest(
  db: Db,
  vault: Vault,
  input: CreateRequestInput,
  actor: CurrentUser,
): Promise<{ id: number; reference: string }> {
  const assignees = new Set(input.assigneeIds);
  if (input.assignMe) assignees.add(actor.id);
  const errors = await checkReferences(db, { ...input, assigneeIds: [...assignees] });
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
  const year = Number(input.receivedOn.slice(0, 4));
  // Two volunteers saving at the same instant may pick the same number: the
  // unique reference refuses the second, which simply runs again.
  return retryOnUniqueViolation(() =>
    db.transaction().execute(async (trx) => {
      const { seq, reference } = await allocateReference(trx, year);
      const now = nowIso();
      const status: Status = input.toDiscuss ? 'to_discuss' : 'new';
      const { id } = await trx
        .insertInto('requests')
        .values({
          reference,
          year,
          seq,
          received_on: input.receivedOn,
          channel: input.channel,
          kind_id: input.kindId,
          requester_type: input.requesterType,
          sector_id: input.sectorId,
          region: input.region,
          subject: input.subject,
          notes: input.notes,
          status,
          outcome: null,
          outcome_reason_id: null,
          outcome_detail: null,
          event_on: input.eventOn,
          planned_year: input.plannedYear,
          search_text: searchText(reference, input.subject, input.notes),
          created_by: actor.id,
          created_at: now,
          updated_at: now,
          closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceLinks(trx, id, input.themeIds, [...assignees]);
      await recordNotices(trx, { requestId: id, userIds: [...assignees], reason: 'assigned', actorId: actor.id });
      if (status === 'to_discuss') await recordFlagged(trx, id, actor.id);
      await writeIdentity(trx, vault, id, input);
      await addTimeline(
        trx,
        id,
        'created',
        `Demande enregistrée (${STATUSES.labels[status]}).`,
        actor.id,
        input.receivedOn,
      );
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'request.create',
        entityType: 'request',
        entityId: id,
        summary: reference,
      });
      return { id, reference };
    }),
  );
}

class RequestNotFoundError extends NotFoundError {
  override readonly name: string = 'RequestNotFoundError';
  constructor() {
    super("Cette demande n'existe pas.", 'REQUEST_NOT_FOUND');
  }
}

export async function mustFind(db: DbOrTrx, id: number) {
  const row = await findRequest(db, id);
  if (!row) throw new RequestNotFoundError();
  return row;
}

export async function updateRequest(db: Db, id: number, input: UpdateRequestInput, actor: CurrentUser): Promise<void> {
  const row = await mustFind(db, id);
  const currentThemes = (
    await db.selectFrom('request_themes').select('theme_id').where('request_id', '=', id).execute()
  ).map((r) => r.theme_id);
  const errors = await checkReferences(db, input, {
    kindId: row.kind_id,
    sectorId: row.sector_id,
    themeIds: currentThemes,
  });
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
  const year = Number(input.receivedOn.slice(0, 4));
  const status: Status = row.status === 'closed' ? 'closed' : input.status;
  const changes = {
    received_on: input.receivedOn,
    year,
    channel: input.channel,
    kind_id: input.kindId,
    requester_type: input.requesterType,
    sector_id: input.sectorId,
    region: input.region,
    subject: input.subject,
    notes: input.notes,
    event_on: input.eventOn,
    planned_year: input.plannedYear,
    status,
  };
  // The audit names the fields that changed (in the form's words), never their values.
  const changed = [...new Set(FIELD_WORDS.filter(([k]) => row[k] !== changes[k]).map(([, words]) => words))];
  // Requests are numbered per year of reception (requests.reference.queries.ts): a date moved into
  // another year takes the next reference of that year; the old one stays in the timeline.
  const moved = !row.reference.startsWith(`${year}-`);
  await retryOnUniqueViolation(() =>
    db.transaction().execute(async (trx) => {
      const numbering = moved ? await allocateReference(trx, year) : { seq: row.seq, reference: row.reference };
      await trx
        .updateTable('requests')
        .set({
          ...changes,
          ...numbering,
          search_text: searchText(numbering.reference, input.subject, input.notes),
          updated_at: nowIso(),
        })
        .where('id', '=', id)
        .execute();
      const before = new Set(
        (await trx.selectFrom('request_assignees').select('user_id').where('request_id', '=', id).execute()).map(
          (r) => r.user_id,
        ),
      );
      await replaceLinks(trx, id, input.themeIds, input.assigneeIds);
      const added = input.assigneeIds.filter((userId) => !before.has(userId));
      await recordNotices(trx, { requestId: id, userIds: added, reason: 'assigned', actorId: actor.id });
      if (changes.status === 'to_discuss' && row.status !== 'to_discuss') await recordFlagged(trx, id, actor.id);
      if (moved)
        await addTimeline(
          trx,
          id,
          'reference',
          `Reçue en ${year} : la référence ${row.reference} devient ${numbering.reference}.`,
          actor.id,
        );
      if (changes.status !== row.status)
        await addTimeline(trx, id, 'status', `Statut : ${STATUSES.labels[changes.status]}.`, actor.id);
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'request.update',
        entityType: 'request',
        entityId: id,
        summary: [
          changed.length ? `champs : ${changed.join(', ')}` : 'liens (thèmes, membres)',
          moved ? `référence ${row.reference} → ${numbering.reference}` : '',
        ]
          .filter(Boolean)
          .join(' ; '),
      });
    }),
  );
}

export async function changeStatus(
  db: Db,
  id: number,
  status: Exclude<Status, 'closed'>,
  actor: CurrentUser,
): Promise<void> {
  const row = await mustFind(db, id);
  if (row.status === status) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('requests')
      .set({
        status,
        updated_at: nowIso(),
        outcome: null,
        outcome_reason_id: null,
        outcome_detail: null,
        closed_at: null,
      })
      .where('id', '=', id)
      .execute();
    await addTimeline(trx, id, 'status', `Statut : ${STATUSES.labels[status]}.`, actor.id);
    if (status === 'to_discuss') await recordFlagged(trx, id, actor.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: row.status === 'closed' ? 'request.reopen' : 'request.status',
      entityType: 'request',
      entityId: id,
      summary: `${STATUSES.labels[row.status]} → ${STATUSES.labels[status]}`,
    });
  });
}

/** The fields of a request as the form names them, for the audit journal. */
const FIELD_WORDS = [
  ['received_on', 'date de réception'],
  ['year', 'date de réception'],
  ['channel', 'canal'],
  ['kind_id', 'type'],
  ['requester_type', 'demandeur'],
  ['sector_id', 'secteur'],
  ['region', 'région'],
  ['subject', 'objet'],
  ['notes', 'notes'],
  ['event_on', 'date de l’activité'],
  ['planned_year', 'année prévue'],
  ['status', 'statut'],
] as const;

export async function closeRequest(db: Db, id: number, input: CloseInput, actor: CurrentUser): Promise<void> {
  const row = await mustFind(db, id);
  await db.transaction().execute((trx) => closeWithin(trx, row, input, actor));
}

/**
 * Closes a request inside the caller's transaction (a board decision closes
 * its request in the same transaction as the decision is recorded).
 */
export async function closeWithin(
  trx: Trx,
  row: { id: number; year: number; event_on: string | null; planned_year: number | null },
  input: CloseInput,
  actor: CurrentUser,
  occurredOn?: string,
): Promise<void> {
  const id = row.id;
  if (input.outcomeReasonId !== null) {
    const reason = await findEntry(trx, input.outcomeReasonId);
    if (!reason || reason.type !== 'outcome_reason')
      throw new FieldValidationError({ outcomeReasonId: "Raison : cette raison n'existe pas." });
  }
  if (input.plannedYear !== null && input.plannedYear < row.year)
    throw new FieldValidationError({ plannedYear: "Année prévue : elle ne peut précéder l'année de la demande." });
  const summary = [OUTCOMES.labels[input.outcome], input.outcomeDetail].filter(Boolean).join(' — ');
  await trx
    .updateTable('requests')
    .set({
      status: 'closed',
      outcome: input.outcome,
      outcome_reason_id: input.outcomeReasonId,
      outcome_detail: input.outcomeDetail || null,
      event_on: input.eventOn ?? row.event_on,
      planned_year: input.plannedYear ?? row.planned_year,
      closed_at: nowIso(),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
  await addTimeline(trx, id, 'closed', input.note ? `${summary}. ${input.note}` : `${summary}.`, actor.id, occurredOn);
  await recordAudit(trx, {
    actorId: actor.id,
    action: 'request.close',
    entityType: 'request',
    entityId: id,
    summary: OUTCOMES.labels[input.outcome],
  });
}

export async function addEvent(db: Db, id: number, input: EventInput, actor: CurrentUser): Promise<void> {
  await mustFind(db, id);
  await db.transaction().execute(async (trx) => {
    await addTimeline(trx, id, input.type, input.body, actor.id, input.occurredOn);
    await trx.updateTable('requests').set({ updated_at: nowIso() }).where('id', '=', id).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'request.event',
      entityType: 'request',
      entityId: id,
      summary: EVENT_TYPES.labels[input.type],
    });
  });
}

/** Attaches a result of the guide to the timeline (no identifying data: answers only). */
export async function addGuideResult(
  db: Db,
  id: number,
  result: { leaf: string; category: string; title: string; answers: Record<string, string> },
  actor: CurrentUser,
): Promise<void> {
  await mustFind(db, id);
  await db.transaction().execute(async (trx) => {
    await addTimeline(
      trx,
      id,
      'guide',
      `${result.title} (${result.leaf}, ${result.category})`,
      actor.id,
      todayInBrussels(),
      result,
    );
    await trx.updateTable('requests').set({ updated_at: nowIso() }).where('id', '=', id).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'request.event',
      entityType: 'request',
      entityId: id,
      summary: 'guide',
    });
  });
}

/** Decrypts the identity; every call is recorded in the audit trail. */
export async function revealIdentity(
  db: Db,
  vault: Vault,
  id: number,
  actor: CurrentUser,
): Promise<RequesterIdentity | null> {
  await mustFind(db, id);
  const row = await identityOf(db, id);
  await recordAudit(db, { actorId: actor.id, action: 'request.identity.reveal', entityType: 'request', entityId: id });
  if (!row) return null;
  return openIdentity(vault, row.ciphertext, id);
}

export async function updateIdentity(
  db: Db,
  vault: Vault,
  id: number,
  input: IdentityInput,
  actor: CurrentUser,
): Promise<void> {
  await mustFind(db, id);
  await db.transaction().execute(async (trx) => {
    await writeIdentity(trx, vault, id, input);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'request.identity.update',
      entityType: 'request',
      entityId: id,
      summary: identityIsEmpty(input) ? 'effacée' : 'modifiée',
    });
  });
}

export async function hasIdentity(db: DbOrTrx, id: number): Promise<boolean> {
  return Boolean(await identityOf(db, id));
}
