import { AppError } from '../../errors.js';
import type { Db, DbOrTrx } from '../../db/index.js';
import { formatDateLong, nowIso, todayInBrussels } from '../../lib/time.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueMail } from '../mail/mail.service.js';
import { bodyParagraph, buttonLink, footerParagraph, renderMailDocument } from '../mail/mail.render.js';
import { createUser, type NewUser } from './auth.service.js';
import { findUserById, spendPasswordLinks } from './auth.queries.js';
import { parseRoles } from '../../lib/roles.js';
import type { Role } from '../../web/access.js';

/**
 * A new account receives a welcome, not a password reset: who invited them,
 * what Vigie is for, and a link valid seven days to choose a password. The
 * admin can send it again while no password has been chosen.
 */
const INVITATION_DAYS = 7;
const DAY_MS = 86_400_000;

export interface InvitationContext {
  baseUrl: string;
  organisationName: string;
  /** « du Comité… » */
  organisationOf: string;
  inviter: { id: number; displayName: string };
}

const ROLE_WORDS: Record<Role, string> = {
  board: 'membre du bureau : vous verrez et noterez les demandes adressées au comité',
  admin: 'administration : vous gérerez les comptes, les catégories et le journal',
};

function welcomeMail(
  user: { email: string; displayName: string; roles: Role[] },
  link: string,
  expiresOn: string,
  c: InvitationContext,
) {
  const subject = `${c.inviter.displayName} vous invite dans Vigie, l’outil ${c.organisationOf}`;
  const roles = user.roles.map((r) => ROLE_WORDS[r]);
  const lines = [
    `Bonjour ${user.displayName},`,
    `${c.inviter.displayName} vous a ouvert un compte dans Vigie, l’outil ${c.organisationOf} : le registre confidentiel des demandes, le rapport d’activités et le site public.`,
    `Votre rôle : ${roles.join(' ; ')}.`,
    `Pour commencer, choisissez votre mot de passe avec ce lien, valable jusqu’au ${expiresOn} :`,
  ];
  const after = [
    `Ensuite, vous vous connecterez sur ${c.baseUrl}/connexion avec votre adresse e-mail (${user.email}) et ce mot de passe.`,
    `Vous ne vous attendiez pas à ce message ? Ignorez-le, ou répondez à ${c.inviter.displayName} : sans mot de passe choisi, le compte reste inutilisable.`,
  ];
  const text = [...lines, link, ...after].join('\n\n');
  const html = renderMailDocument({
    lang: 'fr-BE',
    subject,
    organisation: c.organisationName,
    contentHtml: [
      ...lines.map(bodyParagraph),
      buttonLink('Choisir mon mot de passe', link),
      ...after.map(bodyParagraph),
    ].join('\n'),
    footerHtml: footerParagraph('Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :', link, link),
  });
  return { subject, text, html };
}

async function issueInvitation(
  trx: DbOrTrx,
  user: { id: number; email: string; displayName: string; roles: Role[] },
  c: InvitationContext,
  now: Date,
): Promise<void> {
  // Only the latest link works: an earlier, forwarded or lost welcome (or reset) is spent.
  await spendPasswordLinks(trx, user.id, now);
  const token = randomToken();
  const expires = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
  await trx
    .insertInto('password_resets')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: nowIso(now),
      expires_at: nowIso(expires),
      used_at: null,
      purpose: 'invitation',
    })
    .execute();
  await trx
    .updateTable('users')
    .set({ invited_by: c.inviter.id, invited_at: nowIso(now) })
    .where('id', '=', user.id)
    .execute();
  const mail = welcomeMail(user, `${c.baseUrl}/bienvenue?jeton=${token}`, formatDateLong(todayInBrussels(expires)), c);
  await queueMail(trx, { to: user.email, ...mail, purpose: 'invitation' }, now);
}

/** Creates the account and queues its welcome, in one transaction. */
export async function inviteUser(
  db: Db,
  input: Omit<NewUser, 'password'>,
  c: InvitationContext,
  now: Date = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await createUser(trx, input, c.inviter.id);
    await issueInvitation(trx, { id, ...input, email: input.email.trim().toLowerCase() }, c, now);
    await recordAudit(trx, { actorId: c.inviter.id, action: 'user.invite', entityType: 'user', entityId: id }, now);
    return id;
  });
}

export class InvitationNotPossibleError extends AppError {
  constructor() {
    super(
      'INVITATION_NOT_POSSIBLE',
      'Ce compte a déjà choisi son mot de passe ou est désactivé : aucune invitation à renvoyer.',
    );
  }
}

/** The person behind a valid invitation link (for the welcome page). */
export async function findInvitation(db: DbOrTrx, token: string, now: Date = new Date()) {
  if (!token) return undefined;
  return db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .leftJoin('users as inviter', 'inviter.id', 'users.invited_by')
    .select(['users.display_name', 'users.email', 'inviter.display_name as inviter_name'])
    .where('password_resets.token_hash', '=', hashToken(token))
    .where('password_resets.purpose', '=', 'invitation')
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', nowIso(now))
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

/** Sends the welcome again (a new link; the previous one stops working). */
export async function resendInvitation(
  db: Db,
  userId: number,
  c: InvitationContext,
  now: Date = new Date(),
): Promise<{ email: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await findUserById(trx, userId);
    if (!row || row.active !== 1 || row.password_hash !== null) throw new InvitationNotPossibleError();
    await issueInvitation(
      trx,
      { id: row.id, email: row.email, displayName: row.display_name, roles: parseRoles(row.role) },
      c,
      now,
    );
    await recordAudit(
      trx,
      { actorId: c.inviter.id, action: 'user.invite_resent', entityType: 'user', entityId: row.id },
      now,
    );
    return { email: row.email };
  });
}
