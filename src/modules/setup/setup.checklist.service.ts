import type { DbOrTrx } from '../../db/index.js';
import { listsWith } from '../../lib/roles.js';
import { currentVersion } from '../manifesto/manifesto.queries.js';
import { helplineSchedule } from '../site/site.format.js';
import { loadSettings } from '../site/site.settings.service.js';
import { loadLogo } from '../reports/reports.logo.service.js';
import type { Role } from '../../web/access.js';
import type { Organisation } from './setup.organisation.service.js';
import { loadPrivacyController } from './setup.privacy.service.js';

/**
 * What a new committee must set before the board and the public rely on
 * Vigie. Each step says what is left, where to do it and which role can.
 */
export interface ChecklistStep {
  key: string;
  title: string;
  done: boolean;
  /** What is set, or what is missing and why it matters. */
  detail: string;
  href?: string;
  linkLabel?: string;
  role: Role;
  /** A second, optional thing to do in the same step (shown done or not). */
  also?: { href: string; label: string; role: Role };
}

export interface ChecklistInput {
  organisation: Organisation;
  mailEnabled: boolean;
  mailFrom: string;
}

async function countBoardAccounts(db: DbOrTrx): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('active', '=', 1)
    .where('role', 'in', listsWith('board'))
    .execute();
  return rows.length;
}

export async function firstRunChecklist(db: DbOrTrx, input: ChecklistInput): Promise<ChecklistStep[]> {
  const [settings, manifesto, controller, boardAccounts, logo] = await Promise.all([
    loadSettings(db),
    currentVersion(db, 'fr'),
    loadPrivacyController(db),
    countBoardAccounts(db),
    loadLogo(db),
  ]);
  const org = input.organisation;
  const manifestoReal = Boolean(manifesto && manifesto.is_placeholder === 0);
  const fromLocalhost = /@localhost>?$/i.test(input.mailFrom.trim());
  return [
    {
      key: 'organisation',
      title: 'Le nom et le logo de l’organisation',
      done: org.confirmed,
      detail: `${
        org.confirmed
          ? `« ${org.name} » — dans les phrases : « la newsletter ${org.nameOf} ».`
          : `Vérifiez le nom affiché partout (« ${org.name} ») et comment le dire après « de » (« du Comité… », « de la Fédération… »).`
      } ${
        logo
          ? 'Le logo est ajouté : il figure sur la couverture du rapport d’activités.'
          : 'Pas encore de logo (facultatif) : sans lui, la couverture du rapport d’activités n’imprime que le nom.'
      }`,
      href: '/admin/organisation',
      linkLabel: 'Régler le nom',
      role: 'admin',
      ...(logo ? {} : { also: { href: '/bureau/rapport/logo', label: 'Ajouter le logo', role: 'board' as const } }),
    },
    {
      key: 'helpline',
      title: 'La permanence téléphonique : jours, heures et numéro',
      done: settings.helplinePhone.trim() !== '',
      detail:
        settings.helplinePhone.trim() !== ''
          ? `Numéro annoncé : ${settings.helplinePhone}, ${helplineSchedule('fr', settings.helplineSlots)}.`
          : 'Le site public ne montre pas la permanence tant qu’elle n’a pas de numéro de téléphone : indiquez-le, avec les jours et les heures.',
      href: '/bureau/contenu/reglages',
      linkLabel: 'Régler la permanence',
      role: 'board',
    },
    {
      key: 'manifesto',
      title: 'Le texte du Manifeste',
      done: manifestoReal,
      detail: manifestoReal
        ? 'Le texte officiel est publié ; le public peut signer.'
        : 'Le site montre un texte provisoire : personne ne peut signer tant que le texte officiel n’est pas publié.',
      href: '/bureau/manifeste',
      linkLabel: 'Publier le texte',
      role: 'board',
    },
    {
      key: 'mail',
      title: 'L’envoi des e-mails',
      done: input.mailEnabled && !fromLocalhost,
      detail: !input.mailEnabled
        ? 'Ce serveur n’envoie pas encore d’e-mails : ils attendent dans la boîte d’envoi. La personne qui installe Vigie règle SMTP_URL et MAIL_FROM (voir la documentation d’exploitation).'
        : fromLocalhost
          ? `Les e-mails partent, mais de l’adresse « ${input.mailFrom} » : réglez MAIL_FROM avec une vraie adresse de l’organisation.`
          : `Les e-mails partent de « ${input.mailFrom} ».`,
      ...(input.mailEnabled ? {} : { href: '/admin/courriels', linkLabel: 'Voir la boîte d’envoi' }),
      role: 'admin',
    },
    {
      key: 'privacy',
      title: 'Le responsable du traitement (page « Vie privée »)',
      done: controller !== null,
      detail: controller
        ? `${controller.name}, ${controller.email}.`
        : 'La page « Vie privée » doit dire qui est responsable des données et où écrire pour exercer ses droits.',
      href: '/admin/organisation#vie-privee',
      linkLabel: 'Indiquer le responsable',
      role: 'admin',
    },
    {
      key: 'board',
      title: 'Inviter le bureau',
      done: boardAccounts >= 2,
      detail:
        boardAccounts >= 2
          ? `${boardAccounts} comptes « Bureau » actifs.`
          : 'Invitez les autres membres du bureau : chacun reçoit un e-mail de bienvenue pour choisir son mot de passe.',
      href: '/admin/utilisateurs#new-user',
      linkLabel: 'Inviter une personne',
      role: 'admin',
    },
  ];
}
