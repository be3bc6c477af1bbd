import type { Db } from '../../db/index.js';
import { randomToken } from '../../lib/tokens.js';
import type { Vault } from '../../lib/vault.js';
import { formatYears } from '../../lib/typography.js';
import { findUserByEmail } from '../auth/auth.queries.js';
import { createUser } from '../auth/auth.service.js';
import type { CurrentUser } from '../../web/access.js';
import { closeRequest, createRequest, addEvent, changeStatus } from '../requests/requests.service.js';
import { loadTaxonomy } from '../taxonomy/taxonomy.service.js';
import type { Outcome } from '../requests/requests.constants.js';
import { fillManifestoDemo } from '../manifesto/manifesto.demo.service.js';
import { fillPublicDemo } from '../site/site.demo.service.js';
import { AppError } from '../../errors.js';

/**
 * A fictional, clearly fake dataset so a newcomer sees a living register.
 * Every person is invented and marked « (démo) »; e-mails use the reserved
 * `.invalid` domain. Refuses to touch a database that already has requests.
 */
class DemoRefusedError extends AppError {
  override readonly name: string = 'DemoRefusedError';
  constructor() {
    super('DEMO_REFUSED', 'La base contient déjà des demandes : « vigie demo » ne remplit qu’une base vide.');
  }
}

const MEMBERS = [
  { displayName: 'Camille Exemple (démo)', email: 'camille@demo.invalid' },
  { displayName: 'Sacha Fictif (démo)', email: 'sacha@demo.invalid' },
  { displayName: 'Dominique Essai (démo)', email: 'dominique@demo.invalid' },
];

interface DemoRequest {
  kind: string;
  themes: string[];
  sector: string;
  subject: string;
  channel: 'helpline' | 'email' | 'letter' | 'in_person';
  requester: 'worker' | 'team' | 'management' | 'student' | 'federation' | 'journalist';
  outcome?: Outcome;
  reason?: string;
  detail?: string;
  discuss?: boolean;
}

const SAMPLES: DemoRequest[] = [
  {
    kind: 'advice',
    themes: ['secrecy-institution'],
    sector: 'cpas',
    subject: 'Une AS de CPAS demande si ses notes personnelles peuvent être versées au dossier partagé.',
    channel: 'helpline',
    requester: 'worker',
    outcome: 'answered',
  },
  {
    kind: 'advice',
    themes: ['secrecy-police'],
    sector: 'amo',
    subject: 'La police demande à une AMO si un jeune fréquente le service.',
    channel: 'helpline',
    requester: 'worker',
    outcome: 'answered',
  },
  {
    kind: 'advice',
    themes: ['secrecy-between'],
    sector: 'pms',
    subject: "Partage d'informations entre deux centres PMS lors d'un changement d'école.",
    channel: 'email',
    requester: 'team',
    discuss: true,
  },
  {
    kind: 'hearing',
    themes: ['secrecy-between'],
    sector: 'youth-care',
    subject: 'Une équipe de deux services aux missions différentes vient déplier la question de la double casquette.',
    channel: 'email',
    requester: 'team',
    outcome: 'hearing_held',
  },
  {
    kind: 'training',
    themes: ['secrecy'],
    sector: 'social-housing',
    subject: 'Formation au secret professionnel pour les travailleurs sociaux de logements sociaux.',
    channel: 'email',
    requester: 'management',
    outcome: 'done',
  },
  {
    kind: 'training',
    themes: ['secrecy'],
    sector: 'public-administration',
    subject: "Formation demandée par un service d'administration publique.",
    channel: 'email',
    requester: 'management',
    outcome: 'declined',
    reason: 'too-large-or-remote',
  },
  {
    kind: 'advice',
    themes: ['institutional-practices'],
    sector: 'mental-health',
    subject: 'Une direction veut accéder aux comptes rendus de supervision pour évaluer le personnel.',
    channel: 'helpline',
    requester: 'worker',
    discuss: true,
  },
  {
    kind: 'talk',
    themes: ['worker-role'],
    sector: 'education',
    subject: "Intervention lors d'une journée d'étude d'étudiants en travail social.",
    channel: 'email',
    requester: 'federation',
    outcome: 'done',
  },
  {
    kind: 'publication',
    themes: ['worker-role'],
    sector: 'other',
    subject: 'Interview de deux membres du bureau pour une revue sur les hautes écoles sociales.',
    channel: 'email',
    requester: 'journalist',
    outcome: 'done',
  },
  {
    kind: 'advice',
    themes: ['secrecy-police'],
    sector: 'addiction',
    subject: "Que peut dire un service d'assuétudes à la police dans le cadre d'une enquête ?",
    channel: 'helpline',
    requester: 'worker',
    outcome: 'answered',
  },
  {
    kind: 'advice',
    themes: ['misc'],
    sector: 'education',
    subject: 'Des étudiants interrogent le comité pour leur travail de fin d’études.',
    channel: 'email',
    requester: 'student',
    outcome: 'answered',
  },
  {
    kind: 'position',
    themes: ['worker-role'],
    sector: 'federation',
    subject: 'Co-signature d’une carte blanche sur le travail social pendant la crise.',
    channel: 'email',
    requester: 'federation',
    outcome: 'done',
  },
  {
    kind: 'training',
    themes: ['secrecy'],
    sector: 'cpas',
    subject: 'Formation pour le réseau professionnel d’un CPAS.',
    channel: 'email',
    requester: 'management',
    outcome: 'cancelled',
    reason: 'covid',
  },
  {
    kind: 'advice',
    themes: ['institutional-practices'],
    sector: 'isp',
    subject: "Un organisme d'insertion veut transmettre des listes de participants à son pouvoir subsidiant.",
    channel: 'helpline',
    requester: 'worker',
  },
  {
    kind: 'talk',
    themes: ['secrecy'],
    sector: 'federation',
    subject: "Table ronde « déontologie et secret professionnel » d'une fédération.",
    channel: 'email',
    requester: 'federation',
    outcome: 'later_year',
  },
  {
    kind: 'advice',
    themes: ['secrecy-institution'],
    sector: 'health',
    subject: "Une maison médicale s'interroge sur l'accès de toute l'équipe aux dossiers.",
    channel: 'email',
    requester: 'team',
    outcome: 'referred',
    detail: 'Délégué à la protection des données de la fédération',
  },
];

export async function fillDemo(db: Db, vault: Vault, now: Date = new Date()): Promise<string> {
  const existing = await db.selectFrom('requests').select('id').limit(1).executeTakeFirst();
  if (existing) throw new DemoRefusedError();
  const actors: CurrentUser[] = [];
  const passwords: string[] = [];
  for (const m of MEMBERS) {
    let user = await findUserByEmail(db, m.email);
    if (!user) {
      const password = `demo-${randomToken(6)}`;
      await createUser(db, { ...m, roles: ['board'], password }, null);
      passwords.push(`  ${m.email} / ${password}`);
      user = await findUserByEmail(db, m.email);
    }
    if (user)
      actors.push({ id: user.id, email: user.email, displayName: user.display_name, roles: ['board'], sessionId: '' });
  }
  const thisYear = now.getUTCFullYear();
  const taxonomy = await loadTaxonomy(db, thisYear);
  const byCode = (list: typeof taxonomy.kind, code: string) => list.find((e) => e.code === code)?.id;
  let count = 0;
  for (const year of [thisYear - 2, thisYear - 1, thisYear]) {
    for (const [i, s] of SAMPLES.entries()) {
      // Vary the volume a little from one year to the next.
      if ((i + year) % 5 === 0 && year !== thisYear) continue;
      const month = ((i * 7 + year) % 11) + 1;
      const day = ((i * 13) % 27) + 1;
      const receivedOn = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (year === thisYear && receivedOn > now.toISOString().slice(0, 10)) continue;
      const actor = actors[i % actors.length] as CurrentUser;
      const kindId = byCode(taxonomy.kind, s.kind);
      if (!kindId) continue;
      const { id } = await createRequest(
        db,
        vault,
        {
          receivedOn,
          channel: s.channel,
          kindId,
          requesterType: s.requester,
          sectorId: byCode(taxonomy.sector, s.sector) ?? null,
          region: i % 3 === 0 ? 'wallonia' : 'brussels',
          themeIds: s.themes.map((t) => byCode(taxonomy.theme, t)).filter((x): x is number => x !== undefined),
          subject: s.subject,
          notes: 'Situation fictive créée pour la démonstration.',
          assigneeIds: [],
          eventOn: null,
          plannedYear: null,
          confirmIdentifying: true,
          identityName: `Personne Fictive ${year}-${i + 1} (démo)`,
          identityOrganisation: 'Service imaginaire (démo)',
          identityEmail: `demandeur${i + 1}@demo.invalid`,
          identityPhone: '',
          toDiscuss: false,
          assignMe: true,
        },
        actor,
      );
      count++;
      await addEvent(
        db,
        id,
        {
          type: 'call',
          occurredOn: receivedOn,
          body: 'Premier échange : la situation est exposée, sans nom.',
          confirmIdentifying: true,
        },
        actor,
      );
      if (s.outcome && (year < thisYear || i % 2 === 0)) {
        await closeRequest(
          db,
          id,
          {
            outcome: s.outcome,
            outcomeReasonId: s.reason ? (byCode(taxonomy.outcome_reason, s.reason) ?? null) : null,
            outcomeDetail: s.detail ?? '',
            eventOn: s.outcome === 'done' ? receivedOn : null,
            plannedYear: s.outcome === 'later_year' ? year + 1 : null,
            note: '',
          },
          actor,
        );
      } else if (s.discuss) {
        await changeStatus(db, id, 'to_discuss', actor);
      }
    }
  }
  const publicSite = await fillPublicDemo(db, now);
  const manifesto = await fillManifestoDemo(db, vault, now);
  return [
    `Démo : ${count} demandes fictives créées sur ${formatYears(thisYear - 2, thisYear)}.`,
    manifesto,
    publicSite,
    passwords.length
      ? `Comptes fictifs du bureau (e-mail / mot de passe) :\n${passwords.join('\n')}`
      : 'Les comptes fictifs existaient déjà.',
  ].join('\n');
}
