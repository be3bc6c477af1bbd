import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/index.js';
import { appendToChain } from './audit.chain.service.js';
import { isKeyOf } from '../../lib/one-of.js';
import { nowIso } from '../../lib/time.js';

/**
 * Audit actions. Summaries never carry a requester's identity or a subject:
 * only what was done, by whom, to which record.
 */
export const AUDIT_ACTIONS = {
  'request.create': 'a créé la demande',
  'request.update': 'a modifié la demande',
  'request.status': 'a changé le statut',
  'request.close': 'a clôturé la demande',
  'request.reopen': 'a rouvert la demande',
  'request.event': 'a ajouté une étape',
  'request.identity.reveal': "a affiché l'identité du demandeur",
  'request.identity.update': "a modifié l'identité du demandeur",
  'request.import': 'a importé des demandes',
  'request.export': 'a exporté le registre (sans identités)',
  'figure.set': 'a enregistré un chiffre annuel',
  'figure.delete': 'a supprimé un chiffre annuel',
  'signature.moderate': 'a modéré une signature du Manifeste',
  'signature.moderate_batch': 'a modéré plusieurs signatures du Manifeste en une fois',
  'signature.export': 'a exporté les signatures du Manifeste',
  'manifesto.publish': 'a publié une version du Manifeste',
  'newsletter.moderate': 'a modéré un abonnement à la newsletter',
  'newsletter.send': 'a envoyé la newsletter',
  'newsletter.test': 'a envoyé un essai de la newsletter',
  'newsletter.export': 'a exporté la liste des abonné·e·s à la newsletter',
  'user.create': 'a créé le compte',
  'user.invite': 'a invité une personne (e-mail de bienvenue)',
  'user.invite_resent': 'a renvoyé l’e-mail de bienvenue',
  'user.update': 'a modifié le compte',
  'user.roles': 'a changé les rôles d’un compte',
  'user.login': "s'est connecté·e",
  'user.login_failed': 'échec de connexion',
  'user.logout': "s'est déconnecté·e",
  'user.password_reset_requested': 'a demandé un nouveau mot de passe',
  'user.password_reset': 'a choisi un nouveau mot de passe',
  'user.second_factor.totp_added': 'a activé une application de double vérification',
  'user.second_factor.totp_removed': 'a retiré son application de double vérification',
  'user.second_factor.passkey_added': 'a ajouté une clé d’accès',
  'user.second_factor.passkey_removed': 'a retiré une clé d’accès',
  'user.second_factor.recovery_codes': 'a obtenu de nouveaux codes de secours',
  'user.second_factor.recovery_used': 'a utilisé un code de secours pour se connecter',
  'user.second_factor.failed': 'échec de la double vérification',
  'user.second_factor.reset': 'a réinitialisé la double vérification du compte',
  'security.second_factor_policy': 'a changé les rôles soumis à la double vérification',
  'setup.admin_created': 'a créé le premier compte administrateur',
  'setup.organisation': 'a modifié le nom de l’organisation',
  'setup.privacy': 'a modifié le responsable du traitement (vie privée)',
  'taxonomy.create': 'a ajouté une catégorie',
  'taxonomy.update': 'a modifié une catégorie',
  'taxonomy.import': 'a importé des catégories',
  'audit.view': 'a consulté le journal',
  'audit.verify': 'a vérifié la chaîne du journal',
  'database.backup': 'a sauvegardé la base de données (ligne de commande)',
  'guide.publish': 'a publié une version du guide',
  'report.texts.update': "a modifié l'introduction ou l'analyse du rapport",
  'report.export': 'a exporté le rapport',
  'report.counting_rule': 'a changé la règle de comptage du rapport',
  'report.plan.update': 'a modifié le plan ou les textes du rapport',
  'report.figure.set': 'a enregistré un chiffre du rapport',
  'report.figure.delete': 'a supprimé un chiffre du rapport',
  'report.logo': "a changé le logo de l'organisation (couverture du rapport)",
  'request.report_text': 'a modifié le texte pour le rapport',
  'request.identifying_checked': 'a vérifié que rien n’identifie personne',
  'guide.revert': 'a restauré une version du guide',
  'guide.review': 'a marqué relu un élément du guide',
  'content.create': 'a créé un contenu du site',
  'content.update': 'a modifié un contenu du site',
  'content.publish': 'a publié un contenu du site',
  'content.unpublish': 'a dépublié un contenu du site',
  'content.delete': 'a supprimé un contenu du site',
  'content.attachment': 'a modifié les pièces jointes d’un contenu',
  'site.settings': 'a modifié les réglages du site',
  'member.create': 'a ajouté un membre de la plénière',
  'member.update': 'a modifié un membre de la plénière',
  'member.delete': 'a supprimé un membre de la plénière',
  'member.import': 'a importé des membres de la plénière',
  'member.export': 'a exporté la liste des membres de la plénière',
  'request.decision': 'a enregistré une décision du bureau',
  'meeting.create': 'a créé une réunion de bureau',
  'meeting.update': 'a modifié une réunion de bureau',
  'meeting.minutes_approve': 'a approuvé un procès-verbal',
  'rota.update': 'a modifié le tour de rôle des permanences',
  'assembly.create': 'a créé une assemblée de la plénière',
  'assembly.update': 'a modifié une assemblée de la plénière',
  'assembly.convene': 'a envoyé la convocation d’une assemblée',
  'assembly.minutes_approve': 'a approuvé le procès-verbal d’une assemblée',
  'member.unsubscribe': 's’est désinscrit des convocations de la plénière',
  'group.create': 'a créé un groupe de travail',
  'group.update': 'a modifié un groupe de travail',
  'calendar.token': 'a créé ou révoqué son lien d’agenda',
  'retention.run': 'a appliqué les durées de conservation',
  'person.search': 'a cherché ce que Vigie conserve sur une personne',
  'person.export': 'a exporté ce que Vigie conserve sur une personne',
  'person.erase': 'a effacé les données d’une personne à sa demande',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(action: string): action is AuditAction {
  return isKeyOf(AUDIT_ACTIONS, action);
}

/**
 * What the whole board sees, not only admins (/bureau/acces): who read or
 * changed an identity, and who gave which account which roles. An admin who
 * gave themselves the board role to read the register would otherwise leave
 * a trace that only admins — themselves — can read.
 */
export const BOARD_VISIBLE_ACTIONS = [
  'request.identity.reveal',
  'request.identity.update',
  'user.create',
  'user.invite',
  'user.roles',
  'user.update',
  'setup.admin_created',
] as const satisfies readonly AuditAction[];

export interface AuditEntry {
  actorId: number | null;
  action: AuditAction;
  entityType:
    | 'request'
    | 'user'
    | 'taxonomy'
    | 'setup'
    | 'audit'
    | 'guide'
    | 'report'
    | 'figure'
    | 'content'
    | 'site'
    | 'member'
    | 'signature'
    | 'manifesto'
    | 'newsletter'
    | 'security'
    | 'meeting'
    | 'rota'
    | 'assembly'
    | 'group'
    | 'calendar'
    | 'retention'
    | 'person';
  entityId?: string | number | null;
  summary?: string;
}

/** What each kind of audited record is called in the journal (never the code's English word). */
const AUDIT_OBJECTS: Record<AuditEntry['entityType'], string> = {
  request: 'Demande',
  user: 'Compte',
  taxonomy: 'Catégorie',
  setup: 'Installation',
  audit: 'Journal',
  guide: 'Guide',
  report: 'Rapport',
  figure: 'Chiffre annuel',
  content: 'Contenu du site',
  site: 'Réglages du site',
  member: 'Membre de la plénière',
  signature: 'Signature du Manifeste',
  manifesto: 'Manifeste',
  newsletter: 'Newsletter',
  security: 'Sécurité',
  meeting: 'Réunion',
  rota: 'Permanences',
  assembly: 'Assemblée',
  group: 'Groupe de travail',
  calendar: 'Agenda',
  retention: 'Conservation',
  person: 'Personne',
};

/** « Contenu du site n° 15 », « Compte n° 1 »; the stored word itself only for a kind this list does not know. */
export function auditObjectLabel(entityType: string, entityId: string | number | null): string {
  const name = isKeyOf(AUDIT_OBJECTS, entityType) ? AUDIT_OBJECTS[entityType] : entityType;
  return entityId ? `${name} n° ${entityId}` : name;
}

/**
 * Appends an entry to the audit trail's hash chain (audit.chain.service.ts). Inside
 * the caller's transaction when given one, so the entry commits or rolls back
 * with what it records; in its own transaction otherwise.
 */
export async function recordAudit(db: DbOrTrx, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  const fields = {
    at: nowIso(at),
    actor_id: entry.actorId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    summary: entry.summary ?? '',
  };
  if (db.isTransaction) await appendToChain(db as Trx, fields);
  else await db.transaction().execute((trx) => appendToChain(trx, fields));
}

export interface AuditFilter {
  action?: string | undefined;
  /** Only these actions (the board's view). */
  actions?: readonly AuditAction[] | undefined;
  actorId?: number | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listAudit(db: DbOrTrx, f: AuditFilter) {
  let q = db.selectFrom('audit_events').leftJoin('users', 'users.id', 'audit_events.actor_id');
  if (f.action) q = q.where('audit_events.action', '=', f.action);
  if (f.actions) q = q.where('audit_events.action', 'in', [...f.actions]);
  if (f.actorId) q = q.where('audit_events.actor_id', '=', f.actorId);
  if (f.entityType) q = q.where('audit_events.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('audit_events.entity_id', '=', f.entityId);
  if (f.from) q = q.where('audit_events.at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('audit_events.at', '<=', `${f.to}T23:59:59.999Z`);
  const [rows, total] = await Promise.all([
    q
      // The request's register reference (« 2025-041 »), as the board knows it (the entry's id is text);
      // joined for the page's rows only, not for the count.
      .leftJoin('requests', (join) =>
        join
          .on('audit_events.entity_type', '=', 'request')
          .on((eb) => eb(sql<string>`cast(requests.id as text)`, '=', eb.ref('audit_events.entity_id'))),
      )
      .select([
        'audit_events.id',
        'audit_events.at',
        'audit_events.action',
        'audit_events.entity_type',
        'audit_events.entity_id',
        'audit_events.summary',
        'users.display_name as actor_name',
        'requests.reference as request_reference',
      ])
      .orderBy('audit_events.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Everyone who may appear as the author of an entry, for the filter (names only). */
export function listActors(db: DbOrTrx) {
  return db.selectFrom('users').select(['id', 'display_name']).orderBy('display_name').execute();
}
