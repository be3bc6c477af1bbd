import type { Db, DbOrTrx } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import { formatDateLong, nowIso, todayInBrussels } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordConsent } from '../consent/consent.service.js';
import type { MailContext } from '../mail/mail.context.js';
import { queueMail } from '../mail/mail.service.js';
import { convocationMail } from './plenary.mail.js';
import { convocationRecipients, countConvened, countCurrentMembers } from './plenary.queries.js';
import { loadAssembly } from './plenary.service.js';

/** Where the unsubscribe link of a plenary mailing points (public, no sign-in). */
export const UNSUBSCRIBE_PATH = '/plenieres/desinscription';

export interface ConvocationState {
  sentAt: string | null;
  /** Sent: how many members were convened. Not sent: how many would be. */
  recipients: number;
  /** Current members who would not receive it (no address, or no consent). */
  without: number;
}

export async function convocationState(db: DbOrTrx, id: number, heldOn: string, sentAt: string | null) {
  if (sentAt) return { sentAt, recipients: await countConvened(db, id), without: 0 };
  const [recipients, all] = await Promise.all([convocationRecipients(db, heldOn), countCurrentMembers(db, heldOn)]);
  return { sentAt, recipients: recipients.length, without: all - recipients.length };
}

/**
 * Sends the convocation of an assembly: one outbox mail per member who accepted
 * the plenary's mailings, each with its own unsubscribe token (kept hashed).
 * All or nothing, and once: the assembly is claimed first in the same
 * transaction, so a second click (or a second tab) sends nothing.
 */
export async function sendConvocation(
  db: Db,
  id: number,
  mail: MailContext,
  actor: CurrentUser,
  now: Date,
): Promise<number> {
  const assembly = await loadAssembly(db, id);
  if (assembly.convocationSentAt)
    throw new AppError(
      'CONVOCATION_SENT',
      `La convocation a déjà été envoyée le ${formatDateLong(assembly.convocationSentAt)} : elle ne part pas deux fois.`,
    );
  if (assembly.cancelled || assembly.approvedAt || assembly.heldOn < todayInBrussels(now))
    throw new AppError('CONVOCATION_NOT_READY', 'Cette assemblée est annulée ou passée : aucune convocation ne part.');
  if (assembly.items.length === 0)
    throw new AppError(
      'CONVOCATION_NOT_READY',
      'Ajoutez d’abord les points de l’ordre du jour : la convocation les cite.',
    );
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('plenary_assemblies')
      .set({ convocation_sent_at: nowIso(now), convocation_sent_by: actor.id, updated_at: nowIso(now) })
      .where('id', '=', id)
      .where('convocation_sent_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new AppError('CONVOCATION_SENT', 'La convocation vient d’être envoyée : elle ne part pas deux fois.');
    const recipients = await convocationRecipients(trx, assembly.heldOn);
    if (recipients.length === 0)
      throw new AppError(
        'CONVOCATION_NOT_READY',
        'Aucun membre n’a accepté de recevoir les convocations par e-mail : cochez-le sur la fiche des membres qui l’acceptent.',
      );
    for (const r of recipients) {
      const token = randomToken();
      await trx
        .insertInto('plenary_convocations')
        .values({ assembly_id: id, member_id: r.id, token_hash: hashToken(token), created_at: nowIso(now) })
        .execute();
      const link = `${mail.baseUrl}${UNSUBSCRIBE_PATH}?jeton=${token}`;
      await queueMail(
        trx,
        {
          to: r.contact_email,
          ...convocationMail(assembly, mail, link),
          purpose: 'plenary_convocation',
          ref: `plenary_assembly:${id}`,
          headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        },
        now,
      );
    }
    await recordAudit(
      trx,
      {
        actorId: actor.id,
        action: 'assembly.convene',
        entityType: 'assembly',
        entityId: id,
        summary: `${recipients.length} membre${recipients.length > 1 ? 's' : ''} convoqué${recipients.length > 1 ? 's' : ''}`,
      },
      now,
    );
    return recipients.length;
  });
}

/**
 * One click on a convocation's link (or the mail client's RFC 8058 POST): the
 * member no longer receives the plenary's mailings. The consent is withdrawn
 * with its date and source, in the ledger too. False for an unknown token.
 */
export async function unsubscribeMember(db: Db, token: string, now: Date): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('plenary_convocations as c')
      .innerJoin('members as m', 'm.id', 'c.member_id')
      .select(['m.id', 'm.name', 'm.contact_email', 'm.mail_consent'])
      .where('c.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return false;
    // Already withdrawn: the same answer, nothing recorded twice.
    if (row.mail_consent !== 1) return true;
    await trx
      .updateTable('members')
      .set({
        mail_consent: 0,
        mail_consent_at: nowIso(now),
        mail_consent_source: 'unsubscribe',
        updated_at: nowIso(now),
      })
      .where('id', '=', row.id)
      .execute();
    await recordConsent(
      trx,
      {
        email: row.contact_email || null,
        name: row.name,
        purposes: ['member.mail'],
        action: 'withdrawn',
        form: 'unsubscribe',
      },
      now,
    );
    await recordAudit(
      trx,
      { actorId: null, action: 'member.unsubscribe', entityType: 'member', entityId: row.id },
      now,
    );
    return true;
  });
}
