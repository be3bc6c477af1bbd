/**
 * Synthetic register for scripts/bench-register.ts: realistic French requests
 * spread over ten years, written straight through Kysely in bulk (the service
 * inserts one request per transaction, far too slow for 20,000).
 *
 * Deterministic (seeded), so both engines hold the same rows and the result
 * counts of the benchmark can be compared across engines.
 */
import type { Db, Trx } from '../src/db/index.js';
import type { NewRequestRow, RequestEventType } from '../src/db/schema.js';
import { foldText } from '../src/lib/text.js';
import type { Vault } from '../src/lib/vault.js';
import {
  OUTCOMES,
  OUTCOMES_NEEDING_REASON,
  STATUSES,
  type Outcome,
  type Status,
} from '../src/modules/requests/requests.constants.js';

export interface FillOptions {
  count: number;
  /** Last day of the register (YYYY-MM-DD); the first is ten years earlier. */
  today: string;
  boardUserIds: number[];
  vault: Vault;
  seed?: number;
}

export interface FillResult {
  requests: number;
  themes: number;
  assignees: number;
  identities: number;
  events: number;
}

// --- Deterministic randomness ----------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  some<T>(items: readonly T[], n: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return out;
  }
}

// --- Word lists (French, Belgian usage, with accents) ----------------------------

const WHO = [
  'Une assistante sociale de CPAS',
  'Un éducateur d’AMO',
  'Une équipe de maison d’accueil',
  'Un travailleur de rue',
  'Une directrice de service social',
  'Une étudiante en travail social',
  'Une coordinatrice de maison médicale',
  'Un psychologue de centre PMS',
  'Une médiatrice de dettes',
  'Un intervenant en santé mentale',
  'Une équipe d’aide à la jeunesse',
  'Un agent d’insertion',
  'Une infirmière de planning familial',
  'Un responsable de maison de jeunes',
  'Une assistante sociale de mutualité',
];
const ASKS = [
  'se demande s’il est possible de',
  'demande un avis : peut-on',
  's’interroge sur l’obligation de',
  'voudrait savoir s’il faut',
  'hésite à',
  'est sollicité·e pour',
];
const TOPICS = [
  'transmettre un rapport social à la police',
  'répondre à une réquisition du parquet',
  'partager des informations avec l’école',
  'témoigner devant le tribunal de la jeunesse',
  'signaler une situation de maltraitance',
  'communiquer le dossier à l’employeur',
  'refuser une visite domiciliaire',
  'donner accès au dossier à un collègue',
  'collaborer avec le SPJ sans l’accord de la famille',
  'remettre une attestation à l’Office des étrangers',
  'participer à une concertation de réseau',
  'encoder des données sensibles dans une base commune',
  'informer la hiérarchie d’une confidence',
  'répondre aux questions d’un enquêteur social',
  'transmettre le projet individualisé au service d’insertion',
  'parler d’un usager en intervision',
  'dénoncer une fraude sociale présumée',
];
const TRAINING_TITLES = [
  'Le secret professionnel partagé',
  'Secret professionnel et travail en réseau',
  'La déontologie au quotidien',
  'Face aux demandes de la police',
  'Le secret professionnel en CPAS',
  'Éthique et contrôle des usagers',
];
const AUDIENCES = [
  'l’équipe sociale d’un CPAS',
  'des étudiants de haute école',
  'une fédération de maisons médicales',
  'les travailleurs d’une AMO',
  'un service d’aide à la jeunesse',
  'une équipe de santé mentale',
];
const EVENTS_NAMES = [
  'une journée d’étude',
  'un colloque',
  'un groupe de travail intersectoriel',
  'une rencontre régionale',
  'une matinée de réflexion',
];
const MEDIA = [
  'une revue professionnelle',
  'un quotidien',
  'une radio de service public',
  'le bulletin d’une fédération',
  'un magazine associatif',
];

const NOTE_SENTENCES = [
  'Échange téléphonique d’une vingtaine de minutes.',
  'La direction exige la transmission d’éléments du dossier.',
  'Rappel prévu la semaine prochaine.',
  'Le bureau propose une rencontre avec l’équipe.',
  'Référence au code de déontologie des assistants sociaux.',
  'L’article 458 du Code pénal a été évoqué.',
  'Question déjà traitée, voir la réponse type sur le secret professionnel.',
  'L’usager n’a pas été informé de la démarche.',
  'Le parquet a adressé une réquisition écrite.',
  'Inquiétude quant à la confidentialité des réunions de concertation.',
  'La travailleuse craint des représailles de sa hiérarchie.',
  'Envoi des textes de référence par e-mail.',
  'Situation complexe : plusieurs services sont impliqués.',
  'La police a demandé une copie du rapport social.',
  'Le règlement de travail prévoit une obligation de signalement.',
  'Demande relayée par la fédération du secteur.',
  'Une réponse écrite du bureau est souhaitée.',
  'Le secret professionnel partagé ne couvre pas cette situation.',
  'Échéance : réunion d’équipe à la fin du mois.',
  'La personne souhaite rester anonyme.',
  'Question de déontologie soulevée en intervision.',
  'Réorientation possible vers un avocat spécialisé.',
  'Le bureau a été consulté par téléphone.',
  'Formation demandée pour toute l’équipe, une vingtaine de personnes.',
];
/** ~0.1 % of requests: the "rare word" of the search scenarios. */
const RARE_SENTENCE = 'Une perquisition a eu lieu dans les locaux du service.';

const EVENT_BODIES: Record<string, string[]> = {
  call: [
    'Appel de suivi avec la travailleuse.',
    'Rappel de la direction du service.',
    'Appel : la situation a évolué.',
  ],
  email: [
    'Envoi des références juridiques.',
    'Réponse écrite envoyée par e-mail.',
    'Courriel reçu avec des précisions.',
  ],
  meeting: ['Rencontre avec l’équipe au service.', 'Entretien en visioconférence.', 'Rencontre avec la coordination.'],
  board_discussion: [
    'Discussion en bureau : position commune à rédiger.',
    'Le bureau estime que le secret professionnel prime.',
    'Point reporté au prochain bureau.',
  ],
  note: [
    'Note : documents reçus et classés.',
    'Note : pas de retour depuis trois semaines.',
    'Note : dossier similaire en 2019.',
  ],
};
const FIRST_NAMES = [
  'Céline',
  'François',
  'Hélène',
  'Jérôme',
  'Anaïs',
  'Loïc',
  'Noémie',
  'Benoît',
  'Zoé',
  'Aurélien',
  'Mélanie',
  'Thibaut',
];
const LAST_NAMES = [
  'Dubois',
  'Lemaître',
  'Peeters',
  'Janssens',
  'Lefèvre',
  'Mertens',
  'Dupont',
  'Renard',
  'Gérard',
  'Claes',
  'Piérard',
  'Wauters',
];
const ORGANISATIONS = [
  'CPAS de Namur',
  'AMO Le Pôle',
  'Maison médicale des Marolles',
  'Service de santé mentale de Liège',
  'Centre PMS de Mons',
  'Maison d’accueil Les Tilleuls',
];

// --- Taxonomy ---------------------------------------------------------------------

interface TaxonomyIds {
  kinds: Map<string, number>;
  sectors: Map<string, number>;
  themes: Array<{ id: number; code: string; parentId: number | null }>;
  outcomeReasons: number[];
}

async function loadTaxonomyIds(db: Db): Promise<TaxonomyIds> {
  const rows = await db.selectFrom('taxonomy_entries').select(['id', 'type', 'code', 'parent_id']).execute();
  const byType = (type: string) => rows.filter((r) => r.type === type);
  return {
    kinds: new Map(byType('kind').map((r) => [r.code, r.id])),
    sectors: new Map(byType('sector').map((r) => [r.code, r.id])),
    themes: byType('theme').map((r) => ({ id: r.id, code: r.code, parentId: r.parent_id })),
    outcomeReasons: byType('outcome_reason').map((r) => r.id),
  };
}

const KIND_WEIGHTS = [
  ['advice', 45],
  ['training', 15],
  ['hearing', 8],
  ['talk', 8],
  ['publication', 5],
  ['position', 5],
  ['manifesto-talk', 4],
  ['mobilisation', 4],
  ['other', 6],
] as const;
const SECTOR_WEIGHTS = [
  ['cpas', 30],
  ['amo', 8],
  ['youth-care', 8],
  ['pms', 5],
  ['isp', 5],
  ['shelter', 5],
  ['mental-health', 7],
  ['health', 6],
  ['social-housing', 3],
  ['mutual', 3],
  ['education', 4],
  ['youth-centre', 2],
  ['migrants', 4],
  ['disability', 2],
  ['addiction', 2],
  ['family-planning', 2],
  ['public-administration', 2],
  ['federation', 1],
  ['other', 1],
] as const;
const THEME_WEIGHTS = [
  ['secrecy-institution', 25],
  ['secrecy-between', 20],
  ['secrecy-police', 15],
  ['secrecy', 5],
  ['institutional-practices', 15],
  ['worker-role', 12],
  ['misc', 8],
] as const;

// --- Dates --------------------------------------------------------------------------

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Received dates, oldest first: ten years, volume growing ~10 % a year. */
function receivedDates(rnd: Random, count: number, today: string): string[] {
  const end = dayMs(today);
  const lastYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 10 }, (_, i) => lastYear - 9 + i);
  const weights = years.map((y, i): readonly [number, number] => {
    const share = y === lastYear ? (end - dayMs(`${y}-01-01`)) / (365 * DAY) : 1;
    return [y, (1 + 0.1 * i) * share];
  });
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const y = rnd.weighted(weights);
    const start = dayMs(`${y}-01-01`);
    const stop = Math.min(dayMs(`${y}-12-31`), end);
    out.push(isoDay(start + rnd.int(0, Math.round((stop - start) / DAY)) * DAY));
  }
  return out.sort();
}

function statusFor(rnd: Random, receivedOn: string, today: string): Status {
  const ageDays = (dayMs(today) - dayMs(receivedOn)) / DAY;
  if (ageDays > 330)
    return rnd.weighted([
      ['closed', 96],
      ['in_progress', 3],
      ['to_discuss', 1],
    ] as const);
  if (ageDays > 60)
    return rnd.weighted([
      ['closed', 70],
      ['in_progress', 15],
      ['to_discuss', 8],
      ['hearing_planned', 5],
      ['new', 2],
    ] as const);
  return rnd.weighted([
    ['new', 30],
    ['in_progress', 30],
    ['to_discuss', 20],
    ['hearing_planned', 10],
    ['closed', 10],
  ] as const);
}

// --- Rows ---------------------------------------------------------------------------

interface Planned {
  row: NewRequestRow;
  themeIds: number[];
  assigneeIds: number[];
  identity: boolean;
  events: Array<{ occurred_on: string; type: RequestEventType; body: string; actor_id: number | null }>;
}

function subjectFor(rnd: Random, kind: string): string {
  switch (kind) {
    case 'training':
      return `Formation « ${rnd.pick(TRAINING_TITLES)} » pour ${rnd.pick(AUDIENCES)}`;
    case 'talk':
    case 'manifesto-talk':
      return `Intervention dans ${rnd.pick(EVENTS_NAMES)} sur le secret professionnel`;
    case 'publication':
      return `Interview pour ${rnd.pick(MEDIA)} sur la déontologie du travail social`;
    case 'hearing':
      return `Rencontre en bureau : ${rnd.pick(WHO).toLowerCase()} souhaite ${rnd.pick(TOPICS).replace(/^(\S+)/, 'discuter avant de $1')}`;
    default:
      return `${rnd.pick(WHO)} ${rnd.pick(ASKS)} ${rnd.pick(TOPICS)}`;
  }
}

function notesFor(rnd: Random): string {
  const sentences = rnd.some(NOTE_SENTENCES, rnd.int(0, 4));
  if (rnd.chance(0.001)) sentences.push(RARE_SENTENCE);
  return sentences.join(' ');
}

function plan(
  rnd: Random,
  tax: TaxonomyIds,
  opts: FillOptions,
  receivedOn: string,
  year: number,
  seq: number,
): Planned {
  const kind = rnd.weighted(KIND_WEIGHTS);
  const kindId = tax.kinds.get(kind);
  if (kindId === undefined) throw new Error(`default taxonomy has no kind ${kind}`);
  const sectorCode = rnd.chance(0.85) ? rnd.weighted(SECTOR_WEIGHTS) : null;
  const themeCodes = new Set<string>([
    rnd.weighted(THEME_WEIGHTS),
    ...(rnd.chance(0.35) ? [rnd.weighted(THEME_WEIGHTS)] : []),
  ]);
  const themeIds = tax.themes.filter((t) => themeCodes.has(t.code)).map((t) => t.id);
  const status = statusFor(rnd, receivedOn, opts.today);
  const reference = `${year}-${String(seq).padStart(3, '0')}`;
  const subject = subjectFor(rnd, kind);
  const notes = notesFor(rnd);
  const author = rnd.pick(opts.boardUserIds);
  const created = dayMs(receivedOn) + rnd.int(8, 18) * 3_600_000;
  const lastDay = dayMs(opts.today);
  const later = (days: number) => Math.min(created + days * DAY, lastDay + 8 * 3_600_000);

  const events: Planned['events'] = [
    {
      occurred_on: receivedOn,
      type: 'created',
      body: `Demande enregistrée (${STATUSES.labels.new}).`,
      actor_id: author,
    },
  ];
  let day = 0;
  for (let i = rnd.int(1, 2); i > 0; i--) {
    day += rnd.int(1, 20);
    const type = rnd.pick(['call', 'email', 'meeting', 'board_discussion', 'note'] as const);
    events.push({
      occurred_on: isoDay(later(day)),
      type,
      body: rnd.pick(EVENT_BODIES[type] ?? []),
      actor_id: rnd.pick(opts.boardUserIds),
    });
  }
  let outcome: Outcome | null = null;
  let outcomeReasonId: number | null = null;
  let closedAt: string | null = null;
  if (status === 'closed') {
    outcome = rnd.weighted([
      ['answered', 40],
      ['done', 25],
      ['hearing_held', 8],
      ['declined', 8],
      ['cancelled', 5],
      ['referred', 6],
      ['withdrawn', 3],
      ['not_concluded', 4],
      ['later_year', 1],
    ] as const);
    if (OUTCOMES_NEEDING_REASON.includes(outcome)) outcomeReasonId = rnd.pick(tax.outcomeReasons);
    day += rnd.int(1, 30);
    closedAt = new Date(later(day)).toISOString();
    events.push({
      occurred_on: closedAt.slice(0, 10),
      type: 'closed',
      body: `${OUTCOMES.labels[outcome]}.`,
      actor_id: rnd.pick(opts.boardUserIds),
    });
  } else if (status !== 'new') {
    day += rnd.int(1, 10);
    events.push({
      occurred_on: isoDay(later(day)),
      type: 'status',
      body: `Statut : ${STATUSES.labels[status]}.`,
      actor_id: rnd.pick(opts.boardUserIds),
    });
  }
  const updatedAt = closedAt ?? new Date(later(day)).toISOString();

  return {
    row: {
      reference,
      year,
      seq,
      received_on: receivedOn,
      channel: rnd.weighted([
        ['helpline', 45],
        ['email', 40],
        ['letter', 3],
        ['in_person', 7],
        ['other', 5],
      ] as const),
      kind_id: kindId,
      requester_type: rnd.weighted([
        ['worker', 50],
        ['team', 15],
        ['management', 10],
        ['service_user', 5],
        ['student', 8],
        ['federation', 5],
        ['journalist', 2],
        ['unknown', 5],
      ] as const),
      sector_id: sectorCode ? (tax.sectors.get(sectorCode) ?? null) : null,
      region: rnd.weighted([
        ['brussels', 40],
        ['wallonia', 45],
        ['flanders', 3],
        ['german', 1],
        ['unknown', 11],
      ] as const),
      subject,
      notes,
      status,
      outcome,
      outcome_reason_id: outcomeReasonId,
      outcome_detail: outcome === 'referred' ? 'Vers un service juridique spécialisé' : null,
      event_on: kind === 'training' || kind === 'talk' ? isoDay(later(rnd.int(20, 90))) : null,
      planned_year: outcome === 'later_year' ? year + 1 : null,
      // Exactly as requests.service.ts computes it.
      search_text: foldText(`${reference} ${subject} ${notes}`),
      created_by: author,
      created_at: new Date(created).toISOString(),
      updated_at: updatedAt,
      closed_at: closedAt,
    },
    themeIds,
    assigneeIds: rnd.some(
      opts.boardUserIds,
      rnd.weighted([
        [0, 15],
        [1, 60],
        [2, 25],
      ] as const),
    ),
    identity: rnd.chance(0.3),
    events,
  };
}

// Both engines accept this many bound values per statement (SQLite: 32,766; PostgreSQL: 65,535).
const ROWS_PER_INSERT = 500;
const REQUESTS_PER_TRANSACTION = 2_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function insertBatch(trx: Trx, batch: Planned[], vault: Vault, rnd: Random, result: FillResult): Promise<void> {
  const idByReference = new Map<string, number>();
  for (const part of chunks(batch, ROWS_PER_INSERT)) {
    const inserted = await trx
      .insertInto('requests')
      .values(part.map((p) => p.row))
      .returning(['id', 'reference'])
      .execute();
    for (const r of inserted) idByReference.set(r.reference, r.id);
  }
  const idOf = (p: Planned) => {
    const id = idByReference.get(p.row.reference);
    if (id === undefined) throw new Error(`no id returned for ${p.row.reference}`);
    return id;
  };
  const themes = batch.flatMap((p) => p.themeIds.map((theme_id) => ({ request_id: idOf(p), theme_id })));
  const assignees = batch.flatMap((p) => p.assigneeIds.map((user_id) => ({ request_id: idOf(p), user_id })));
  const now = new Date().toISOString();
  const identities = batch
    .filter((p) => p.identity)
    .map((p) => {
      const id = idOf(p);
      const name = `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
      const plain = {
        name,
        organisation: rnd.pick(ORGANISATIONS),
        email: `${foldText(name).replace(/\W+/g, '.')}@exemple.be`,
        phone: `04${rnd.int(70, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)}`,
      };
      return {
        request_id: id,
        ciphertext: vault.encrypt(JSON.stringify(plain), `request:${id}`),
        key_id: vault.keyId,
        updated_at: now,
      };
    });
  const events = batch.flatMap((p) =>
    p.events.map((e) => ({ request_id: idOf(p), ...e, data: null, created_at: `${e.occurred_on}T12:00:00.000Z` })),
  );
  for (const part of chunks(themes, ROWS_PER_INSERT)) await trx.insertInto('request_themes').values(part).execute();
  for (const part of chunks(assignees, ROWS_PER_INSERT))
    await trx.insertInto('request_assignees').values(part).execute();
  for (const part of chunks(identities, ROWS_PER_INSERT))
    await trx.insertInto('requester_identities').values(part).execute();
  for (const part of chunks(events, ROWS_PER_INSERT)) await trx.insertInto('request_events').values(part).execute();
  result.requests += batch.length;
  result.themes += themes.length;
  result.assignees += assignees.length;
  result.identities += identities.length;
  result.events += events.length;
}

export async function fillRegister(db: Db, opts: FillOptions): Promise<FillResult> {
  const rnd = new Random(mulberry32(opts.seed ?? 20261123));
  const tax = await loadTaxonomyIds(db);
  const seqByYear = new Map<number, number>();
  const planned = receivedDates(rnd, opts.count, opts.today).map((receivedOn) => {
    const year = Number(receivedOn.slice(0, 4));
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    return plan(rnd, tax, opts, receivedOn, year, seq);
  });
  const result: FillResult = { requests: 0, themes: 0, assignees: 0, identities: 0, events: 0 };
  for (const batch of chunks(planned, REQUESTS_PER_TRANSACTION)) {
    await db.transaction().execute((trx) => insertBatch(trx, batch, opts.vault, rnd, result));
  }
  return result;
}
