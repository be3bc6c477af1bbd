import { hasRole, type CurrentUser, type Role } from './access.js';

/**
 * Every back-office page, grouped as the board thinks of its work. The main
 * menu shows the few daily ones; « Tout le menu » (/bureau) lists them all,
 * so the menu stays one line on a phone.
 */
export interface Section {
  title: string;
  role: Role;
  links: Array<{ href: string; label: string; hint?: string; primary?: boolean }>;
}

const SECTIONS: Section[] = [
  {
    title: 'Registre des demandes',
    role: 'board',
    links: [
      {
        href: '/tableau-de-bord',
        label: 'Tableau de bord',
        hint: 'Mes demandes, le prochain bureau, l’activité récente',
        primary: true,
      },
      {
        href: '/permanence',
        label: 'Noter un appel',
        hint: 'Permanence téléphonique : le formulaire court',
        primary: true,
      },
      { href: '/demandes', label: 'Demandes', hint: 'Chercher, filtrer, suivre', primary: true },
      {
        href: '/bureau/a-discuter',
        label: 'À discuter',
        hint: "L'ordre du jour du prochain bureau, imprimable",
        primary: true,
      },
      { href: '/demandes/nouvelle', label: 'Nouvelle demande (formulaire complet)' },
      { href: '/bureau/import', label: 'Importer des demandes', hint: 'Tableaux des années passées (CSV, XLSX)' },
      {
        href: '/bureau/acces',
        label: 'Identités et rôles',
        hint: 'Qui a affiché une identité, qui a changé des rôles',
      },
      {
        href: '/bureau/personnes',
        label: 'Demandes des personnes (vie privée)',
        hint: 'Ce que Vigie conserve sur quelqu’un : copie, effacement',
      },
    ],
  },
  {
    title: 'Organisation du comité',
    role: 'board',
    links: [
      {
        href: '/bureau/reunions',
        label: 'Réunions de bureau',
        hint: 'Ordre du jour, présences, décisions, procès-verbaux',
      },
      {
        href: '/bureau/permanences',
        label: 'Permanences téléphoniques',
        hint: 'Tour de rôle : prendre, rendre, échanger une permanence',
      },
      {
        href: '/compte/avis',
        label: 'Mes avis par e-mail',
        hint: 'Être prévenu·e quand une demande vous est confiée ou est à discuter',
      },
      {
        href: '/bureau/assemblees',
        label: 'Assemblées plénières',
        hint: 'Ordre du jour, convocation par e-mail, présences, procès-verbal',
      },
      {
        href: '/bureau/groupes',
        label: 'Groupes de travail',
        hint: 'Leurs membres (bureau ou plénière), leurs réunions et leurs notes',
      },
      {
        href: '/compte/agenda',
        label: 'Mon agenda',
        hint: 'Permanences et réunions dans l’agenda de votre téléphone',
      },
    ],
  },
  {
    title: "Rapport d'activités",
    role: 'board',
    links: [
      { href: '/bureau/rapport', label: 'Rapport', hint: 'Page, PDF, Word, texte' },
      { href: '/bureau/chiffres', label: "Chiffres de l'année", hint: 'Réunions, permanences, années avant Vigie…' },
    ],
  },
  {
    title: '« Puis-je parler ? »',
    role: 'board',
    links: [
      { href: '/guide', label: 'Le guide' },
      { href: '/bureau/guide', label: 'Contenu du guide', hint: 'Textes, références, versions' },
    ],
  },
  {
    title: 'Site public',
    role: 'board',
    links: [
      {
        href: '/bureau/contenu',
        label: 'Pages et actualités',
        hint: 'Pages, actualités, ressources, témoignages, agenda',
      },
      { href: '/bureau/signatures', label: 'Signatures du Manifeste', hint: 'Quarantaine, modération, export' },
      { href: '/bureau/newsletter', label: 'Newsletter' },
      { href: '/bureau/membres', label: 'Membres de la plénière' },
      { href: '/bureau/statistiques', label: 'Statistiques de visites' },
    ],
  },
  {
    title: 'Administration',
    role: 'admin',
    links: [
      { href: '/admin/utilisateurs', label: 'Comptes', primary: true },
      {
        href: '/admin/organisation',
        label: 'L’organisation',
        hint: 'Son nom, le responsable du traitement (page « Vie privée »)',
      },
      { href: '/admin/taxonomie', label: 'Catégories', primary: true },
      { href: '/admin/journal', label: "Journal d'audit", primary: true },
      { href: '/admin/courriels', label: 'E-mails envoyés', primary: true },
    ],
  },
];

export function sectionsFor(user: CurrentUser): Section[] {
  return SECTIONS.filter((s) => hasRole(user, s.role));
}

/** The main menu: the daily pages of the user's roles (admin pages only for admins without the board role), then the whole menu. */
export function primaryLinks(user: CurrentUser): Array<{ href: string; label: string }> {
  const board = hasRole(user, 'board');
  const links = sectionsFor(user)
    .filter((s) => s.role === 'board' || !board)
    .flatMap((s) => s.links.filter((l) => l.primary));
  return [...links, { href: '/bureau', label: 'Tout le menu' }];
}
