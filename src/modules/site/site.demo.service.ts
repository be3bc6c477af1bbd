import type { Db } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { createMember } from '../members/members.service.js';
import { addAttachment, createContent, setStatus, type ContentInput } from './site.service.js';
import type { ContentType } from './site.constants.js';
import { addDays } from '../../lib/belgian-calendar.js';

/**
 * The public side of `vigie demo`: pages, news, resources (one with a small
 * PDF), testimonies, events and members, all marked « (démo) ». Does nothing
 * if the site already has content or members.
 */

/** A one-page PDF written by hand: objects, then a cross-reference table with exact byte offsets. */
export function tinyPdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 22} Td (${esc(l)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface DemoItem {
  type: ContentType;
  input: Partial<ContentInput> & { title: string; slug: string };
  translations?: Array<Partial<ContentInput> & { title: string; slug: string; locale: 'nl' | 'en' }>;
  pdf?: { filename: string; lines: string[] };
}

function items(today: string): DemoItem[] {
  return [
    {
      type: 'page',
      input: {
        slug: 'a-propos',
        title: 'À propos du comité (démo)',
        summary: 'Qui nous sommes, comment nous travaillons.',
        body: '## Un comité de bénévoles\n\nLe bureau se réunit une quinzaine de fois par an pour analyser collectivement les questions reçues.\n\n## Ce que nous faisons\n\n- une **permanence téléphonique** le jeudi après-midi ;\n- des formations et des supervisions d’équipes ;\n- des interventions dans des journées d’étude ;\n- des avis écrits et des prises de position.\n\n*Texte de démonstration.*',
      },
      translations: [
        {
          locale: 'nl',
          slug: 'a-propos',
          title: 'Over het comité (demo)',
          summary: 'Wie we zijn, hoe we werken.',
          body: 'Het bestuur komt een vijftiental keer per jaar samen.\n\n*Demotekst.*',
        },
      ],
    },
    {
      type: 'page',
      input: {
        slug: 'nous-rejoindre',
        title: 'Rejoindre la plénière (démo)',
        summary: 'Organisations et personnes peuvent devenir membres.',
        body: 'Écrivez-nous pour rejoindre la plénière : elle se réunit au moins une fois par an.\n\n*Texte de démonstration.*',
      },
    },
    {
      type: 'news',
      input: {
        slug: 'rapport-d-activites-demo',
        title: 'Notre rapport d’activités est en ligne (démo)',
        summary: 'L’année en quelques chiffres, les demandes reçues et notre analyse.',
        body: 'Le rapport d’activités de l’année écoulée est disponible.\n\n*Actualité fictive.*',
      },
      translations: [
        {
          locale: 'nl',
          slug: 'jaarverslag-demo',
          title: 'Ons jaarverslag staat online (demo)',
          summary: 'Het jaar in cijfers.',
          body: '*Fictief nieuws.*',
        },
      ],
    },
    {
      type: 'news',
      input: {
        slug: 'secret-partage-demo',
        title: 'Secret partagé : rappel des conditions (démo)',
        summary: 'Quatre conditions, toutes nécessaires.',
        body: 'Le partage n’est possible qu’entre professionnels tenus au secret, avec l’accord de la personne, dans son intérêt et pour une mission commune.\n\n*Actualité fictive.*',
      },
    },
    {
      type: 'news',
      input: {
        slug: 'nouveau-site-demo',
        title: 'Un nouveau site, sans cookie (démo)',
        summary: 'Nous mesurons les visites sans vous suivre.',
        body: 'Voir la page [Vie privée](/vie-privee).\n\n*Actualité fictive.*',
      },
    },
    {
      type: 'resource',
      input: {
        slug: 'fiche-secret-professionnel-demo',
        title: 'Fiche : le secret professionnel en bref (démo)',
        summary: 'Une page à imprimer pour votre équipe.',
        body: 'Le document ci-dessous résume l’article 458 du Code pénal et ses exceptions.\n\n*Ressource fictive.*',
      },
      pdf: {
        filename: 'fiche-secret-professionnel-demo.pdf',
        lines: [
          'Le secret professionnel en bref (demo)',
          'Document fictif cree par vigie demo.',
          'Article 458 du Code penal : le principe et ses exceptions.',
        ],
      },
    },
    {
      type: 'resource',
      input: {
        slug: 'lectures-demo',
        title: 'Lectures conseillées (démo)',
        summary: 'Quelques ouvrages et articles.',
        body: '- Un ouvrage de référence (fictif)\n- Un article de revue (fictif)\n\n*Ressource fictive.*',
      },
    },
    {
      type: 'testimony',
      input: {
        slug: 'as-de-cpas-demo',
        title: '« On m’a demandé mes notes personnelles » (démo)',
        summary: 'Une assistante sociale de CPAS raconte.',
        body: '« J’ai appelé la permanence un jeudi… »\n\n*Témoignage fictif.*',
      },
    },
    {
      type: 'testimony',
      input: {
        slug: 'equipe-amo-demo',
        title: '« La police voulait savoir si le jeune venait chez nous » (démo)',
        summary: 'Une équipe d’AMO raconte.',
        body: '« Nous avons été reçus en bureau… »\n\n*Témoignage fictif.*',
      },
    },
    {
      type: 'event',
      input: {
        slug: 'assemblee-pleniere-demo',
        title: 'Assemblée plénière (démo)',
        summary: 'Rapport d’activités, élection du bureau, débat.',
        body: 'Ouverte à tous les membres.\n\n*Événement fictif.*',
        eventStartsOn: addDays(today, 45),
        eventPlace: 'Bruxelles (lieu fictif)',
      },
    },
    {
      type: 'event',
      input: {
        slug: 'journee-d-etude-demo',
        title: 'Journée d’étude : secret professionnel et police (démo)',
        summary: 'Exposés et ateliers.',
        body: 'Inscription gratuite.\n\n*Événement fictif.*',
        eventStartsOn: addDays(today, 90),
        eventEndsOn: addDays(today, 91),
        eventPlace: 'Namur (lieu fictif)',
      },
    },
  ];
}

const MEMBERS: Array<
  [kind: 'organisation' | 'individual', name: string, joinedYearsAgo: number, listed: boolean, leftYearsAgo?: number]
> = [
  ['organisation', 'CPAS de Villefictive (démo)', 6, true],
  ['organisation', 'AMO Les Exemples (démo)', 5, true],
  ['organisation', 'Centre PMS imaginaire (démo)', 3, true],
  ['organisation', 'Maison d’accueil Essai (démo)', 2, false],
  ['organisation', 'Service de santé mentale Fiction (démo)', 1, true],
  ['organisation', 'Fédération factice (démo)', 4, false, 1],
  ['individual', 'Camille Exemple (démo)', 6, false],
  ['individual', 'Sacha Fictif (démo)', 3, false],
  ['individual', 'Dominique Essai (démo)', 1, false],
  ['individual', 'Alex Démo (démo)', 0, false],
];

export async function fillPublicDemo(db: Db, now: Date = new Date()): Promise<string> {
  const [content, member] = await Promise.all([
    db.selectFrom('content_items').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('members').select('id').limit(1).executeTakeFirst(),
  ]);
  if (content || member) return 'Site public : du contenu existe déjà, rien n’a été ajouté.';
  const today = nowIso(now).slice(0, 10);
  let count = 0;
  for (const item of items(today)) {
    const base: ContentInput = {
      locale: 'fr',
      summary: '',
      body: '',
      eventStartsOn: null,
      eventEndsOn: null,
      eventPlace: null,
      ...item.input,
    };
    const id = await createContent(db, item.type, base, null);
    await setStatus(db, id, 'published', null, now);
    count++;
    if (item.pdf) await addAttachment(db, id, { filename: item.pdf.filename, data: tinyPdf(item.pdf.lines) }, null);
    for (const tr of item.translations ?? []) {
      const tid = await createContent(db, item.type, { ...base, ...tr }, null, id);
      await setStatus(db, tid, 'published', null, now);
      count++;
    }
  }
  const year = now.getUTCFullYear();
  for (const [kind, name, ago, listed, left] of MEMBERS) {
    await createMember(
      db,
      {
        kind,
        name,
        contactEmail: `${name
          .split(' ')[0]
          ?.toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')}@demo.invalid`,
        contactPhone: '',
        joinedOn: `${year - ago}-0${(ago % 9) + 1}-15`,
        leftOn: left === undefined ? null : `${year - left}-06-30`,
        showPublicly: listed,
        notes: 'Membre fictif (démo).',
      },
      null,
    );
  }
  for (const [key, value] of [
    ['site.contact.email', 'contact@demo.invalid'],
    ['site.contact.address', 'Rue Imaginaire 1 (démo)\n1000 Bruxelles'],
    ['site.helpline.phone', '02 000 00 00 (démo)'],
  ] as const) {
    await db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
  return `Site public : ${count} contenus publiés (pages, actualités, ressources, témoignages, agenda) et ${MEMBERS.length} membres fictifs.`;
}
