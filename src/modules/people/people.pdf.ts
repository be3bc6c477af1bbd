import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatInstant } from '../../lib/time.js';
import { FORM_LABELS, PURPOSE_LABELS } from '../consent/consent.service.js';
import type { PersonRecord } from './people.search.service.js';

function font(file: string): Buffer {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return readFileSync(path.join(dir, file));
}

const STATES: Record<string, string> = {
  confirmed: 'confirmé',
  pending: 'en attente de confirmation',
  quarantined: 'en vérification par le bureau',
  rejected: 'refusé',
  unsubscribed: 'désinscrit·e',
  bounced: 'adresse en erreur',
  queued: 'en attente d’envoi',
  sent: 'envoyé',
  failed: 'en échec',
  closed: 'clôturée',
};
/** A state in French words (never a code). */
const stateLabel = (v: string) => STATES[v] ?? 'en cours';
const yes = (v: boolean) => (v ? 'oui' : 'non');
const when = (v: string | null) => (v ? formatInstant(v) : '—');

/** The sections of the readable copy: a French title, then one block of « label : value » lines per item. */
export function personSections(r: PersonRecord): Array<{ title: string; items: Array<Array<[string, string]>> }> {
  return [
    {
      title: 'Signatures du Manifeste',
      items: r.signatures.map((s) => [
        ['Nom', s.name],
        ['Fonction ou organisation', s.functionOrOrg],
        ['Commune', s.town],
        ['E-mail', s.email],
        ['Nom affiché publiquement', yes(s.showPublicly)],
        ['Newsletter demandée', yes(s.newsletter)],
        ['Accepte d’être recontacté·e', yes(s.contact)],
        ['État', stateLabel(s.status)],
        ['Signée le', when(s.createdAt)],
        ['Confirmée le', when(s.confirmedAt)],
      ]),
    },
    {
      title: 'Abonnements à la newsletter',
      items: r.subscriptions.map((s) => [
        ['E-mail', s.email ?? 'effacé (seule une empreinte prouve la désinscription)'],
        ['État', stateLabel(s.status)],
        ['Inscrit·e le', when(s.createdAt)],
        ['Confirmé le', when(s.confirmedAt)],
        ['Désinscrit·e le', when(s.unsubscribedAt)],
      ]),
    },
    {
      title: 'Membre de la plénière',
      items: r.members.map((m) => [
        ['Nom', m.name],
        ['E-mail de contact', m.contactEmail || '—'],
        ['Téléphone', m.contactPhone || '—'],
        ['Membre depuis', m.joinedOn ?? '—'],
        ['Jusqu’au', m.leftOn ?? '—'],
        ['Affiché publiquement', yes(m.showPublicly)],
        ['Notes du bureau', m.notes || '—'],
      ]),
    },
    {
      title: 'Demandes adressées au comité (identité du demandeur)',
      items: r.requests.map((q) => [
        ['Référence', q.reference],
        ['Reçue le', q.receivedOn],
        ['Objet', q.subject],
        ['Nom', q.identity.name || '—'],
        ['Organisation', q.identity.organisation || '—'],
        ['E-mail', q.identity.email || '—'],
        ['Téléphone', q.identity.phone || '—'],
      ]),
    },
    {
      title: 'Comptes de bénévoles',
      items: r.accounts.map((a) => [
        ['Nom affiché', a.displayName],
        ['E-mail', a.email],
        ['Actif', yes(a.active)],
        ['Créé le', when(a.createdAt)],
      ]),
    },
    {
      title: 'E-mails envoyés par Vigie',
      items: r.mails.map((m) => [
        ['Objet', m.subject],
        ['État', stateLabel(m.status)],
        ['Préparé le', when(m.createdAt)],
        ['Envoyé le', when(m.sentAt)],
      ]),
    },
    {
      title: 'Consentements (registre)',
      items: r.consents.map((c) => [
        ['Pour', PURPOSE_LABELS[c.purpose]],
        ['', c.action === 'given' ? 'donné' : 'retiré'],
        ['Le', when(c.at)],
        ['Par', FORM_LABELS[c.form]],
        ['Version du texte', c.text_version],
      ]),
    },
  ];
}

/** A readable PDF copy of everything held about a person (the right of access), in French. */
export function renderPersonPdf(r: PersonRecord, organisationName: string, now: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, lang: 'fr-BE', info: { Title: 'Données conservées' } });
  doc.registerFont('sans', font('DejaVuSans.ttf'));
  doc.registerFont('bold', font('DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('bold').fontSize(16).text('Données vous concernant');
  doc
    .font('sans')
    .fontSize(10)
    .moveDown(0.5)
    .text(`${organisationName} — copie établie le ${formatInstant(now.toISOString())} à votre demande.`);
  for (const section of personSections(r)) {
    doc.moveDown(1).font('bold').fontSize(12).text(section.title);
    doc.font('sans').fontSize(10);
    if (section.items.length === 0) doc.text('Rien.');
    for (const item of section.items) {
      doc.moveDown(0.4);
      for (const [label, value] of item) doc.text(label ? `${label} : ${value}` : value);
    }
  }
  doc.end();
  return done;
}
