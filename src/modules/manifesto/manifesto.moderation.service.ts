import type { Db, Trx } from '../../db/index.js';
import { plural } from '../../lib/plural.js';
import { isoDaysFrom, nowIso } from '../../lib/time.js';
import { randomToken, hashToken } from '../../lib/tokens.js';
import { CONFIRM_DAYS, QUARANTINE_DAYS } from '../../lib/signup-delays.js';
import { asLocale } from '../../web/i18n/index.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordConsent, signaturePurposes } from '../consent/consent.service.js';
import type { MailContext } from '../mail/mail.context.js';
import { followSignature } from '../newsletter/newsletter.service.js';
import { signaturesCsv } from './manifesto.csv.js';
import { exportSignatures, type SignatureFilter } from './manifesto.queries.js';
import type { SignatureStatus } from './manifesto.schemas.js';
import { queueSignatureMail } from './manifesto.service.js';

/** The board's decisions on signatures: one at a time, or several at once (all or nothing). */

export type ModerationAction = 'confirm' | 'reject' | 'release' | 'hide' | 'show' | 'delete';

const MODERATION_LABELS: Record<ModerationAction, string> = {
  confirm: 'confirmée par le bureau',
  reject: 'rejetée',
  release: 'sortie de quarantaine, e-mail de confirmation envoyé',
  hide: 'retirée de la liste publique',
  show: 'remise dans la liste publique',
  delete: 'effacée',
};

const ALLOWED_FROM: Record<ModerationAction, SignatureStatus[]> = {
  confirm: ['pending', 'quarantined'],
  reject: ['pending', 'quarantined', 'confirmed'],
  release: ['quarantined'],
  hide: ['confirmed', 'pending', 'quarantined'],
  show: ['confirmed', 'pending', 'quarantined'],
  delete: ['pending', 'confirmed', 'quarantined', 'rejected'],
};

/**
 * The board's decisions on one signature, each audited. A confirmation by the
 * board does not subscribe anyone to the newsletter: only the person's own
 * click proves that consent.
 */
export async function moderateSignature(
  db: Db,
  id: number,
  action: ModerationAction,
  actorId: number | null,
  mail: MailContext,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction().execute((trx) => moderateOne(trx, id, action, actorId, mail, now));
}

async function moderateOne(
  trx: Trx,
  id: number,
  action: ModerationAction,
  actorId: number | null,
  mail: MailContext,
  now: Date,
): Promise<boolean> {
  const row = await trx.selectFrom('signatures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !ALLOWED_FROM[action].includes(row.status)) return false;
  const stamp = { updated_at: nowIso(now) };
  switch (action) {
    case 'confirm':
      await trx
        .updateTable('signatures')
        .set({ ...stamp, status: 'confirmed', confirmed_at: nowIso(now), expires_at: null })
        .where('id', '=', id)
        .execute();
      await recordConsent(
        trx,
        { email: row.email, purposes: signaturePurposes(row), action: 'given', form: 'manifesto' },
        now,
      );
      break;
    case 'reject':
      await trx
        .updateTable('signatures')
        .set({ ...stamp, status: 'rejected', token_hash: null, expires_at: isoDaysFrom(now, QUARANTINE_DAYS) })
        .where('id', '=', id)
        .execute();
      await followSignature(trx, row.email, { status: 'delete' }, now);
      break;
    case 'release': {
      const token = randomToken();
      const expiresAt = isoDaysFrom(now, CONFIRM_DAYS);
      await trx
        .updateTable('signatures')
        .set({ ...stamp, status: 'pending', token_hash: hashToken(token), expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
      await followSignature(trx, row.email, { status: 'pending', expiresAt }, now);
      await queueSignatureMail(trx, row.email, asLocale(row.locale), token, row.newsletter === 1, mail, now);
      break;
    }
    case 'hide':
    case 'show':
      await trx
        .updateTable('signatures')
        .set({ ...stamp, hidden: action === 'hide' ? 1 : 0 })
        .where('id', '=', id)
        .execute();
      break;
    case 'delete':
      await trx.deleteFrom('signatures').where('id', '=', id).execute();
      await followSignature(trx, row.email, { status: 'delete' }, now);
      break;
  }
  await recordAudit(
    trx,
    {
      actorId,
      action: 'signature.moderate',
      entityType: 'signature',
      entityId: id,
      summary: `signature ${MODERATION_LABELS[action]}`,
    },
    now,
  );
  return true;
}

/** What the board may do to several quarantined signatures at once. */
export const BULK_ACTIONS = ['release', 'confirm', 'delete'] as const satisfies readonly ModerationAction[];
export type BulkAction = (typeof BULK_ACTIONS)[number];

/**
 * Several signatures in one transaction: either every one is moderated (each
 * audited, plus one line for the batch) or none is, when one of them is gone or
 * no longer allows the action (another member handled it meanwhile).
 */
export async function moderateSignatures(
  db: Db,
  ids: readonly number[],
  action: BulkAction,
  actorId: number | null,
  mail: MailContext,
  now: Date = new Date(),
): Promise<boolean> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return false;
  try {
    await db.transaction().execute(async (trx) => {
      for (const id of unique) if (!(await moderateOne(trx, id, action, actorId, mail, now))) throw new BatchRefused();
      await recordAudit(
        trx,
        {
          actorId,
          action: 'signature.moderate_batch',
          entityType: 'signature',
          summary: `${unique.length} signatures ${MODERATION_LABELS[action]} en une fois`,
        },
        now,
      );
    });
    return true;
  } catch (error) {
    if (error instanceof BatchRefused) return false;
    throw error;
  }
}

class BatchRefused extends Error {}

/** The signatures a filter selects, as the board's CSV file; the export is in the audit trail. */
export async function exportSignaturesCsv(
  db: Db,
  filter: Omit<SignatureFilter, 'page' | 'pageSize'>,
  actorId: number | null,
): Promise<string> {
  const rows = await exportSignatures(db, filter);
  await recordAudit(db, {
    actorId,
    action: 'signature.export',
    entityType: 'signature',
    summary: `${plural(rows.length, { one: 'ligne exportée', other: 'lignes exportées' })}`,
  });
  return signaturesCsv(rows);
}
