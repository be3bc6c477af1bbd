import { plural } from '../../lib/plural.js';
import { recordConsent } from '../consent/consent.service.js';
import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { DbOrTrx, Db } from '../../db/index.js';
import type { MembersTable } from '../../db/schema.js';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { isValidIsoDate, nowIso } from '../../lib/time.js';
import { optionalEmailField, parseForm, requiredText, str, text } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import type { CurrentUser } from '../../web/access.js';

/**
 * Members of the plenary: organisations and individuals, with the day they
 * joined (and left). Contact details are for the board only and never shown
 * on the public site; an organisation is listed publicly only with its consent
 * (`show_publicly`). Individuals are never listed publicly.
 */
export const MEMBER_KINDS = ['organisation', 'individual'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
export const KIND_LABELS: Record<MemberKind, string> = { organisation: 'Organisation', individual: 'Personne' };

export type MemberRow = Selectable<MembersTable>;

export interface MemberInput {
  kind: MemberKind;
  name: string;
  contactEmail: string;
  contactPhone: string;
  joinedOn: string | null;
  leftOn: string | null;
  showPublicly: boolean;
  /** Accepts the plenary's mailings (convocations) by e-mail. */
  mailConsent?: boolean | undefined;
  notes: string;
}

/** « 15/03/2021 » or « 2021-03-15 » → ISO; anything else is returned as typed (and then refused). */
function normaliseDay(value: string): string {
  const v = value.trim();
  const be = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  return be ? `${be[3]}-${be[2]?.padStart(2, '0')}-${be[1]?.padStart(2, '0')}` : v;
}

const day = (label: string) =>
  z
    .preprocess(
      (v) => normaliseDay(str(v)),
      z
        .string()
        .refine((s) => s === '' || isValidIsoDate(s), `${label} : date invalide (format attendu : JJ/MM/AAAA).`),
    )
    .transform((s) => (s === '' ? null : s));

const yes = (v: unknown) => ['oui', 'on', '1', 'true', 'yes', 'ja', 'o', 'x'].includes(str(v).trim().toLowerCase());

export const memberSchema = z
  .object({
    kind: z.preprocess((v) => str(v), z.enum(MEMBER_KINDS, { message: 'Type : choisissez organisation ou personne.' })),
    name: requiredText('Nom', 200),
    contactEmail: optionalEmailField(),
    contactPhone: text('Téléphone', 40),
    joinedOn: day('Membre depuis'),
    leftOn: day('Membre jusqu’au'),
    showPublicly: z.preprocess(yes, z.boolean()),
    mailConsent: z.preprocess(yes, z.boolean()),
    notes: text('Notes', 5000),
  })
  .refine((m) => !m.joinedOn || !m.leftOn || m.leftOn >= m.joinedOn, {
    message: 'Membre jusqu’au : cette date précède la date d’adhésion.',
    path: ['leftOn'],
  })
  .refine((m) => !m.mailConsent || m.contactEmail !== '', {
    message: 'E-mail de contact : indiquez l’adresse où envoyer les convocations.',
    path: ['contactEmail'],
  });

export function parseMember(body: unknown): MemberInput {
  const parsed = parseForm(memberSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  return parsed.data;
}

function toRow(m: MemberInput) {
  return {
    kind: m.kind,
    name: m.name,
    contact_email: m.contactEmail,
    contact_phone: m.contactPhone,
    joined_on: m.joinedOn,
    left_on: m.leftOn,
    show_publicly: m.showPublicly ? 1 : 0,
    notes: m.notes,
  };
}

/** The public listing is agreed to by the member; the board records it on the member's form. */
function recordMemberConsent(db: DbOrTrx, m: MemberInput, action: 'given' | 'withdrawn'): Promise<void> {
  return recordConsent(
    db,
    { email: m.contactEmail || null, name: m.name, purposes: ['member.public'], action, form: 'members' },
    new Date(),
  );
}

/** The consent to the plenary's mailings, as the board records it on the member's form (with when and how). */
function mailConsentColumns(m: MemberInput, now: string) {
  return { mail_consent: m.mailConsent ? 1 : 0, mail_consent_at: now, mail_consent_source: 'board' as const };
}

function recordMailConsent(db: DbOrTrx, m: MemberInput): Promise<void> {
  return recordConsent(
    db,
    {
      email: m.contactEmail || null,
      name: m.name,
      purposes: ['member.mail'],
      action: m.mailConsent ? 'given' : 'withdrawn',
      form: 'members',
    },
    new Date(),
  );
}

/** The member, its consents and the audit entry: together or not at all. */
export function createMember(db: Db, m: MemberInput, actor: CurrentUser | null): Promise<number> {
  return db.transaction().execute((trx) => insertMember(trx, m, actor));
}

async function insertMember(db: DbOrTrx, m: MemberInput, actor: CurrentUser | null): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('members')
    .values({ ...toRow(m), ...(m.mailConsent ? mailConsentColumns(m, now) : {}), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (m.showPublicly) await recordMemberConsent(db, m, 'given');
  if (m.mailConsent) await recordMailConsent(db, m);
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'member.create',
    entityType: 'member',
    entityId: row.id,
  });
  return row.id;
}

export async function requireMember(db: DbOrTrx, id: number): Promise<MemberRow> {
  const row = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Ce membre n’existe pas (ou plus).');
  return row;
}

/** The change, the consents it gives or withdraws and the audit entry: together or not at all. */
export function updateMember(db: Db, id: number, m: MemberInput, actor: CurrentUser | null): Promise<void> {
  return db.transaction().execute((trx) => changeMember(trx, id, m, actor));
}

async function changeMember(db: DbOrTrx, id: number, m: MemberInput, actor: CurrentUser | null): Promise<void> {
  const before = await requireMember(db, id);
  const now = nowIso();
  const consentChanged = Boolean(before.mail_consent) !== Boolean(m.mailConsent);
  await db
    .updateTable('members')
    .set({ ...toRow(m), ...(consentChanged ? mailConsentColumns(m, now) : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
  if (Boolean(before.show_publicly) !== m.showPublicly)
    await recordMemberConsent(db, m, m.showPublicly ? 'given' : 'withdrawn');
  if (consentChanged) await recordMailConsent(db, m);
  await recordAudit(db, { actorId: actor?.id ?? null, action: 'member.update', entityType: 'member', entityId: id });
}

/** The removal and its audit entry: together or not at all. */
export function deleteMember(db: Db, id: number, actor: CurrentUser | null): Promise<MemberRow> {
  return db.transaction().execute(async (trx) => {
    const row = await requireMember(trx, id);
    await trx.deleteFrom('members').where('id', '=', id).execute();
    await recordAudit(trx, { actorId: actor?.id ?? null, action: 'member.delete', entityType: 'member', entityId: id });
    return row;
  });
}

export interface MemberFilter {
  kind?: MemberKind | undefined;
  /** Only members on this day (joined before or unknown, not left). */
  currentOn?: string | undefined;
  q?: string | undefined;
}

export async function listMembers(db: DbOrTrx, f: MemberFilter = {}): Promise<MemberRow[]> {
  let q = db.selectFrom('members').selectAll();
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.currentOn) {
    const d = f.currentOn;
    q = q.where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', d)]));
  }
  const rows = await q.orderBy('kind').orderBy('name').execute();
  if (!f.q) return rows;
  const needle = f.q.toLocaleLowerCase('fr');
  return rows.filter((r) => r.name.toLocaleLowerCase('fr').includes(needle));
}

/** The public list: organisations that agreed to be listed and have not left. Name and year only. */
export async function publicOrganisations(
  db: DbOrTrx,
  today: string,
): Promise<Array<{ name: string; joinedYear: number | null }>> {
  const rows = await db
    .selectFrom('members')
    .select(['name', 'joined_on'])
    .where('kind', '=', 'organisation')
    .where('show_publicly', '=', 1)
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today)]))
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, joinedYear: r.joined_on ? Number(r.joined_on.slice(0, 4)) : null }));
}

/**
 * Key figures of the yearly report. New: joined during the year. Total: members
 * on 31 December (joined on or before it — or joining date unknown — and not
 * left by then). Returns nothing when the table holds no member at all, so that
 * figures typed by hand are used for years before Vigie.
 */
export async function membersFigures(db: DbOrTrx, year: number): Promise<Record<string, number>> {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  const rows = await db.selectFrom('members').select(['kind', 'joined_on', 'left_on']).execute();
  if (rows.length === 0) return {};
  const out: Record<string, number> = {
    'members.organisations.new': 0,
    'members.individuals.new': 0,
    'members.organisations.total': 0,
    'members.individuals.total': 0,
  };
  for (const r of rows) {
    const group = r.kind === 'organisation' ? 'organisations' : 'individuals';
    const joined = r.joined_on;
    if (joined && joined >= start && joined <= end)
      out[`members.${group}.new`] = (out[`members.${group}.new`] ?? 0) + 1;
    if ((!joined || joined <= end) && (!r.left_on || r.left_on > end))
      out[`members.${group}.total`] = (out[`members.${group}.total`] ?? 0) + 1;
  }
  return out;
}

/**
 * Inserts every row or none: one transaction. The consents the file records (public listing,
 * convocations by e-mail) go into the consent ledger in the same transaction; the e-mail consent
 * is dated and marked as coming from an imported file.
 */
export async function insertMembers(db: Db, members: MemberInput[], actor: CurrentUser | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    for (let i = 0; i < members.length; i += 200) {
      await trx
        .insertInto('members')
        .values(
          members.slice(i, i + 200).map((m) => ({
            ...toRow(m),
            // Every row names the same columns: a multi-row insert fills a missing one with NULL.
            ...(m.mailConsent
              ? { ...mailConsentColumns(m, now), mail_consent_source: 'import' as const }
              : { mail_consent: 0, mail_consent_at: null, mail_consent_source: null }),
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    for (const m of members) {
      if (m.showPublicly) await recordMemberConsent(trx, m, 'given');
      if (m.mailConsent) await recordMailConsent(trx, m);
    }
    await recordAudit(trx, {
      actorId: actor?.id ?? null,
      action: 'member.import',
      entityType: 'member',
      summary: plural(members.length, { one: 'membre importé', other: 'membres importés' }),
    });
    return members.length;
  });
}
