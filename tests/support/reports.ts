/**
 * A realistic activity report for tests and samples, typed by hand from the
 * committee's 2019–2020 report (shared/seeds/001). It is a builder: every call
 * returns a fresh object, so a test may change its copy without touching
 * another test's.
 *
 * `buildLargeReport` makes the benchmark report (ten years, ~10,000 requests).
 */
import type {
  ActivityReport,
  KeyFigure,
  KindCount,
  KindReview,
  ReviewItem,
  SourcedValue,
  ThemeGroup,
} from '../../src/modules/reports/reports.model.js';

const DONE = 'Réalisée';

function makeReferences() {
  const next = new Map<number, number>();
  return (year: number): string => {
    const n = (next.get(year) ?? 0) + 1;
    next.set(year, n);
    return `${year}-${String(n).padStart(3, '0')}`;
  };
}

type ItemSpec = [year: number, subject: string, outcome?: string];

function items(ref: (year: number) => string, specs: ItemSpec[], extra: Partial<ReviewItem> = {}): ReviewItem[] {
  return specs.map(([year, subject, outcome]) => ({
    reference: ref(year),
    year,
    subject,
    outcome: outcome ?? DONE,
    eventOn: null,
    plannedYear: null,
    ...extra,
  }));
}

function manual(value: number | null, note?: string): SourcedValue {
  return value === null ? { value: null, source: null } : { value, source: 'manual', ...(note ? { note } : {}) };
}

function figure(key: string, label: string, y2019: SourcedValue, y2020: SourcedValue): KeyFigure {
  return { key, label, byYear: { '2019': y2019, '2020': y2020 } };
}

const INTRODUCTION = `Le CVTS, comme tout le monde, a été chahuté par ces deux années de crise sanitaire.

Fidèle à notre fonctionnement, et n'étant pas tenus par les mêmes contraintes légales en tant qu'association de fait, nous avons choisi de ne pas organiser notre Assemblée plénière en 2020, plutôt que de la tenir en ligne, modalité non propice aux débats qui nous sont chers.

Le présent rapport d'activités comporte donc le rapport des deux dernières années en un seul document : **2019 et 2020**.

Les activités du CVTS se déclinent à travers différents espaces :

- le contact téléphonique, lors de la *permanence du jeudi après-midi* ;
- les rencontres en bureau, qui permettent de déplier la situation ;
- les avis, les formations et les articles.

Le confinement a évidemment mis à mal notre fonctionnement. Si nous avons pu continuer à tenir nos bureaux en distanciel et « rencontrer » les personnes via Teams, les formations ont été mises à mal.

Bonne lecture !`;

const ANALYSIS = `Que retenir de ces deux années, que mettre en avant ?

Nous pouvons réfléchir à deux niveaux : ce qui se joue sur le terrain du travail social et le rôle du Comité de Vigilance en Travail Social.

## Du côté du terrain

Ces deux années ont renforcé les inquiétudes que nous avons et qui ont donné naissance à l'écriture du Manifeste. Celui-ci avait l'ambition de replacer le curseur sur les fondamentaux du travail social. Le contexte des politiques sociales reste profondément en dehors de ces balises.

Le confinement a mis en avant ces différences. La carte blanche publiée dans le Guide social a souligné les deux poids, deux mesures qui se jouaient sur le terrain :

- **Pratiques innovantes** pour rester en contact avec un public exclu, en incapacité de jouer le jeu du « chacun chez soi ». Des équipes ont réfléchi, ont frappé aux portes et innové.
- **Pratiques décevantes** quand le repli sur son ordinateur, la fermeture du service, la digitalisation du travail social et du lien social sont les seules réponses.

> « Il ne s'agira pas ici de pointer l'un ou l'autre responsable, mais d'admettre que face à une telle crise, des institutions sociales n'ont pas été capables d'être à la hauteur. »

À côté de ce qui s'est révélé par le confinement, les situations déposées au bureau montrent que les questions habituelles restent bien actives :

1. Travail social et police ;
2. L'identité du travailleur social : fonctions sociales délaissées au profit de fonctions de contrôle ;
3. Secret professionnel attaqué, oublié, mal compris dans ce qu'il représente du point de vue déontologique.

*En bref, nous nous retrouvons sur le « quoi ». Le « comment et le qui » posent question.*

## Du côté du CVTS

La question de la résistance en travail social a toujours émergé au sein du CVTS. Sa mise à jour du Manifeste montre que la vigilance doit perdurer. Quelle est l'étape suivante ? Agir, réagir, résister ? Comment cela s'organise ?

L'effort pour élargir la visibilité du CVTS est encore à fournir. De nouveaux membres nous soutiennent chaque année, mais pas encore assez, en particulier en ce qui concerne les soutiens associatifs ou institutionnels.

Bien plus, le bureau du CVTS reste fragile : **nous manquons de forces vives et de diversité**. Nous accueillerons de nouvelles personnes, ou peut-être devons-nous imaginer un autre fonctionnement du CVTS ?`;

function kind(code: string, label: string, y2019: number, y2020: number, countsInTotal = true): KindCount {
  return { code, label, countsInTotal, byYear: { '2019': y2019, '2020': y2020 } };
}

function reviewFixture(): ActivityReport['review'] {
  const ref = makeReferences();
  const training: KindReview = {
    code: 'training',
    label: 'Formation',
    done: items(ref, [
      [2019, 'Travailleurs sociaux de logements sociaux'],
      [2019, 'Travailleurs sociaux de Centres PMS'],
      [2019, "Équipe d'une maison médicale"],
      [2019, "Équipe d'un Centre PMS"],
      [2019, "Cours d'éthique et de déontologie au sein du MIAS (Master en ingénierie sociale)"],
      [2020, "Cours d'éthique et de déontologie au sein du MIAS (Master en ingénierie sociale)"],
      [2020, 'Équipe active dans la violence envers les femmes'],
    ]),
    declinedOrCancelled: items(ref, [
      [2019, 'Travailleurs sociaux des AMO', 'Déclinée — Manque de disponibilité'],
      [2019, "Service d'administration publique", 'Déclinée — Hors de notre champ'],
      [2019, "Fédération d'un secteur social", 'Déclinée — Groupe trop nombreux'],
      [2019, "Réseau d'aide d'un public spécifique", 'Déclinée — Manque de disponibilité'],
      [2019, 'Service de Prévention et de cohésion sociale', 'Déclinée — Hors de notre champ'],
      [2020, 'Formation sur catalogue au sein du Cerso', "Annulée — Pas assez d'inscrits (confinement ?)"],
      [2020, "Formation à l'Iessid", 'Annulée — Problèmes de locaux'],
      [2020, 'Trois formations : deux CPAS et un service généraliste', 'Annulée — Confinement'],
      [2020, "Formation pour le réseau professionnel d'un CPAS", 'Déclinée — Raison de posture'],
      [2020, 'Supervision individuelle', 'Déclinée — Hors de notre champ'],
    ]),
    later: items(
      ref,
      [
        [2020, "Formation d'une équipe d'AMO", 'Reportée'],
        [2020, "Formation d'un service de santé mentale", 'Reportée'],
        [2020, "Formation d'une équipe de maison d'accueil", 'Reportée'],
      ],
      { plannedYear: 2021 },
    ),
    other: [],
  };

  const hearing: KindReview = {
    code: 'hearing',
    label: 'Rencontres en bureau',
    done: items(ref, [
      [
        2019,
        'Deux travailleurs sociaux à mi-temps dans deux organisations à finalité différente (sécuritaire et accompagnement)',
      ],
      [
        2019,
        "Des travailleuses sociales d'un centre d'accueil pour personnes étrangères : cadre, procédures et indépendance méthodologique",
      ],
      [2019, 'Un collectif de Centres PMS autour du pacte d’excellence'],
      [2020, "Un juriste de CPAS s'inquiète des pratiques qui s'installent suite au confinement"],
      [
        2020,
        'Une équipe réfléchit à la posture face à la consommation de substances illicites en centre d’hébergement',
      ],
    ]),
    declinedOrCancelled: [],
    later: [],
    other: items(ref, [
      [
        2020,
        "Un assistant social d'un autre CPAS : un travail social de plus en plus instrumentalisé",
        'Avis donné par courriel',
      ],
    ]),
  };

  const talk: KindReview = {
    code: 'talk',
    label: 'Intervention dans des colloques et groupes de travail',
    done: [
      ...items(ref, [[2019, 'Journée au vert de travailleurs sociaux de CPAS : « le CPAS en question »']], {
        eventOn: '2019-06-14',
      }),
      ...items(
        ref,
        [
          [
            2019,
            "Journée avec des étudiants d'école sociale : « pour un enseignement de proximité, engagé et solidaire »",
          ],
        ],
        {
          eventOn: '2019-11-21',
        },
      ),
      ...items(ref, [
        [2020, 'Chaire BE HIVE : développement de la première ligne d’aide et de soins'],
        [2020, "Rédaction du Livre noir de l'Enseignement supérieur"],
        [2020, 'Concertation de travailleurs sociaux autour de la généralisation du PIIS'],
        [2020, 'Projet Break, recherche-action sur le travail communautaire'],
        [2020, "Ateliers de l'École de Transformation Sociale"],
      ]),
    ],
    declinedOrCancelled: items(ref, [
      [2020, 'Table ronde « Déontologie et secret professionnel » à la Fonderie', 'Annulée — Confinement'],
      [2020, 'Table ronde sur les violences institutionnelles', 'Annulée — Confinement'],
      [2020, 'Journée réunissant des assistants sociaux de mutuelle', 'Annulée — Confinement'],
    ]),
    later: [],
    other: [],
  };

  const publication: KindReview = {
    code: 'publication',
    label: "Rédaction d'articles et interviews",
    done: [
      ...items(
        ref,
        [
          [
            2019,
            'Interview de deux membres du bureau sur les défis des Hautes Écoles sociales (revue « Pauvérité », n° 24)',
          ],
        ],
        {
          eventOn: '2019-08-01',
        },
      ),
      ...items(ref, [
        [2020, "Réaction à une offre d'emploi d'assistant social au sein de la police"],
        [2020, 'Carte blanche dans le Guide social : les institutions sociales pendant le confinement'],
      ]),
    ],
    declinedOrCancelled: [],
    later: [],
    other: [],
  };

  const secrecyInstitution = items(ref, [
    [2019, 'Deux demandes sur la prise de notes en travail social : conservation, accès de l’usager'],
    [2019, 'Une équipe de planning familial réfléchit au secret professionnel et à la pluridisciplinarité'],
    [
      2019,
      "Un assistant social d'un centre de santé mentale questionne l'usage des mails pour échanger des informations",
    ],
    [2019, 'Dans une école, des listes d’étudiants nécessitant des aménagements sont échangées avec les enseignants'],
    [2019, 'Un échevin est-il soumis au secret professionnel ?'],
    [2020, 'Des assistants sociaux de CPAS : le secret professionnel et la généralisation du PIIS'],
    [2020, 'Une journée de réflexion sur le RGPD : « En quoi le RGPD est-il un soutien à la pratique ? »'],
    [2020, 'Une maison médicale : tenue et accessibilité des dossiers dans une équipe pluridisciplinaire'],
    [2020, 'Une responsable de service continue à effectuer des suivis sociaux : compatibilité des deux fonctions'],
  ]);
  const secrecyBetween = items(ref, [
    [2019, "Le secret professionnel dans le travail en réseau entre services d'insertion socioprofessionnelle"],
    [2019, "Collaboration entre une maison d'accueil, le CPAS et le SAJ"],
    [2020, "Une infirmière sociale veut freiner le partage d'informations entre deux Centres PMS"],
    [2020, "Centres PMS et services de l'Aide à la jeunesse dans le cadre du nouveau décret"],
    [
      2020,
      "Un conseiller de l'action sociale et la collaboration avec un propriétaire : l'état de nécessité s'applique-t-il ?",
    ],
  ]);
  const secrecyPolice = items(ref, [
    [2019, 'Des travailleurs sociaux de Centres PMS appelés à témoigner auprès de la police'],
    [2019, 'Un travailleur social sollicité par la police dans une enquête sur le travail au noir'],
    [2019, 'Une travailleuse sociale témoin d’une bagarre : appeler la police ? témoigner ?'],
    [2020, 'Une inspectrice du Forem fait pression sur une assistante sociale pour obtenir des informations'],
    [2020, 'Une maison des jeunes invitée, dans le cadre du tracing, à tenir des listes des jeunes'],
    [2020, 'Une administration subsidiante demande des informations identifiantes pour le rapport d’activités'],
  ]);
  const institutional = items(ref, [
    [2019, "Une fédération interpellée par des pratiques sociales proches de l'illégalité"],
    [2019, 'Des services sociaux de mutuelle et l’écriture d’un code de bonne conduite'],
    [2019, "Analyse de la déclaration de politique sociale d'un CPAS wallon"],
    [2020, "Des médiateurs scolaires et un nouveau système d'encodage des demandes des élèves"],
    [2020, "La « diagnosticisation » des demandeurs d'emploi présentant des problèmes de santé mentale"],
    [2020, 'Une direction veut accéder aux procès-verbaux de supervision pour évaluer le personnel'],
  ]);
  const workerRole = items(ref, [
    [2019, 'La police recrute un assistant social pour des tâches non conformes à la déontologie'],
    [2020, 'Une entreprise de sécurité cherche un assistant social pour l’accueil des demandeurs d’asile'],
    [2020, 'Le développement des assistants sociaux indépendants', 'Non conclue — Note en cours de rédaction'],
  ]);
  const misc = items(ref, [
    [2019, 'Des étudiants nous interpellent dans le cadre de leur TFE', 'Avis donné par courriel'],
    [2019, "L'Onem demande aux Hautes Écoles des informations sur les stages d'étudiants"],
    [2020, 'Un service social demande notre avis sur une collègue', 'Déclinée — Conflit de travail'],
  ]);
  const withoutTheme = items(ref, [
    [2020, 'Un PCS et la concurrence entre services face aux appels à projets', 'Réorientée — Législation des asbl'],
  ]);

  // The service groups hearings with advice requests by theme (THEMED_KINDS), as the seed does.
  secrecyBetween.push(hearing.done[0]!);
  institutional.push(...hearing.done.slice(1), ...hearing.other);

  const hearingRefs = new Set([...hearing.done, ...hearing.other].map((i) => i.reference));
  const themed = [
    ...secrecyInstitution,
    ...secrecyBetween,
    ...secrecyPolice,
    ...institutional,
    ...workerRole,
    ...misc,
    ...withoutTheme,
  ].filter((i) => !hearingRefs.has(i.reference));
  const advice: KindReview = {
    code: 'advice',
    label: "Demande d'avis",
    done: themed.filter((i) => i.outcome === DONE),
    declinedOrCancelled: themed.filter((i) => i.outcome.startsWith('Déclinée')),
    later: [],
    other: themed.filter((i) => i.outcome !== DONE && !i.outcome.startsWith('Déclinée')),
  };

  const adviceByTheme: ThemeGroup[] = [
    {
      code: 'secrecy',
      label: 'Le secret professionnel',
      items: [],
      children: [
        { code: 'secrecy-institution', label: 'Dans une institution', items: secrecyInstitution },
        { code: 'secrecy-between', label: 'Entre institutions', items: secrecyBetween },
        { code: 'secrecy-police', label: 'Police et instances de contrôle', items: secrecyPolice },
      ],
    },
    { code: 'institutional-practices', label: 'Pratiques institutionnelles', items: institutional, children: [] },
    { code: 'worker-role', label: "La fonction de l'intervenant social", items: workerRole, children: [] },
    { code: 'misc', label: 'Divers', items: misc, children: [] },
  ];

  return { kinds: [training, advice, hearing, talk, publication], adviceByTheme, adviceWithoutTheme: withoutTheme };
}

/** The committee's 2019–2020 report, as Vigie would compute it. */
export function buildSampleReport(overrides: Partial<ActivityReport> = {}): ActivityReport {
  return {
    years: [2019, 2020],
    organisationName: 'Comité de Vigilance en Travail Social',
    title: "Rapport d'activités",
    generatedAt: '2021-10-19T09:30:00.000Z',
    introduction: INTRODUCTION,
    analysis: ANALYSIS,
    requests: {
      kinds: [
        kind('training', 'Formation', 5, 2),
        kind('advice', "Demande d'avis", 30, 34),
        kind('hearing', 'Rencontres en bureau', 12, 8),
        kind('talk', 'Intervention dans des colloques et groupes de travail', 4, 7),
        kind('publication', "Rédaction d'articles et interviews", 1, 2),
        kind('position', 'Avis écrit, co-signature, carte blanche, pétition', 3, 1, false),
      ],
      byKind: {
        training: { '2019': 5, '2020': 2 },
        advice: { '2019': 30, '2020': 34 },
        hearing: { '2019': 12, '2020': 8 },
        talk: { '2019': 4, '2020': 7 },
        publication: { '2019': 1, '2020': 2 },
        position: { '2019': 3, '2020': 1 },
      },
      total: { '2019': 52, '2020': 53 },
      totalSource: { '2019': 'records', '2020': 'records' },
      previousYearTotal: { '2019': 41, '2020': 52 },
      previousYearTotalSource: { '2019': 'manual', '2020': 'records' },
      change: { '2019': 11, '2020': 1 },
      byMonth: {
        '2019': [5, 6, 4, 5, 3, 4, 1, 2, 6, 5, 7, 4],
        '2020': [6, 5, 2, 3, 4, 5, 2, 1, 7, 6, 7, 5],
      },
    },
    keyFigures: [
      figure('board.meetings', 'Réunions de bureau', manual(17), manual(19)),
      figure('board.retreats', 'Mises au vert', manual(1), manual(0, 'annulée (confinement)')),
      figure('helpline.shifts', 'Permanences téléphoniques', manual(38), manual(37)),
      figure(
        'members.organisations',
        'Membres de la plénière : organisations',
        manual(null),
        manual(105, 'en septembre 2021'),
      ),
      figure(
        'members.individuals',
        'Membres de la plénière : personnes',
        manual(null),
        manual(219, 'en septembre 2021'),
      ),
      figure('members.organisations.new', 'Nouveaux membres : organisations', manual(3), manual(2)),
      figure('members.individuals.new', 'Nouveaux membres : personnes', manual(15), manual(11)),
      figure('assembly.meetings', 'Assemblées plénières', manual(1), manual(0, 'reportée en 2021')),
      figure(
        'newsletter.subscribers',
        'Abonnés à la newsletter',
        manual(null),
        manual(566, 'après nettoyage des fausses inscriptions'),
      ),
      figure(
        'manifesto.signatures.individuals',
        'Manifeste : signatures individuelles (total)',
        manual(1040),
        manual(1062),
      ),
      figure(
        'manifesto.signatures.organisations',
        'Manifeste : signatures d’organisations (total)',
        manual(104),
        manual(105),
      ),
      figure(
        'manifesto.signatures.individuals.new',
        'Manifeste : nouvelles signatures individuelles',
        manual(87),
        manual(22),
      ),
      figure(
        'manifesto.signatures.organisations.new',
        'Manifeste : nouvelles signatures d’organisations',
        manual(1),
        manual(1),
      ),
      figure(
        'website.visits.monthly_average',
        'Site internet : visites par mois (moyenne)',
        manual(2000, 'moyenne mensuelle'),
        manual(2000, 'moyenne mensuelle'),
      ),
      figure('social.facebook.followers', 'Facebook : abonnés', manual(847), manual(968)),
      figure('social.facebook.posts', 'Facebook : publications', manual(29), manual(37)),
    ],
    review: reviewFixture(),
    warnings: [],
    ...overrides,
  };
}

const SUBJECT_PARTS = [
  [
    'Une équipe de CPAS',
    'Un service d’aide à la jeunesse',
    'Une maison d’accueil',
    'Un Centre PMS',
    'Une AMO',
    'Un service de santé mentale',
  ],
  ['s’interroge sur', 'demande notre avis sur', 'est confrontée à', 'nous interpelle à propos de'],
  [
    'le partage d’informations avec la police',
    'la tenue des dossiers sociaux',
    'le secret partagé en réseau',
    'une demande de témoignage en justice',
    'l’usage des courriels',
    'la pression d’une direction',
  ],
];

/**
 * The benchmark report: `yearCount` years and about `requestCount` requests,
 * with the sample's kinds, themes and key figures on every year.
 */
export function buildLargeReport(yearCount = 10, requestCount = 10_000): ActivityReport {
  const sample = buildSampleReport();
  const years = Array.from({ length: yearCount }, (_, i) => 2016 + i);
  const kindCodes = sample.requests.kinds.map((k) => k.code);
  const perYear = Math.ceil(requestCount / yearCount);
  const ref = makeReferences();
  const byKind: Record<string, Record<string, number>> = Object.fromEntries(kindCodes.map((c) => [c, {}]));
  const byMonth: Record<string, number[]> = {};
  const total: Record<string, number> = {};
  const reviews = new Map(
    sample.review.kinds.map((k) => [
      k.code,
      { ...k, done: [], declinedOrCancelled: [], later: [], other: [] } as KindReview,
    ]),
  );
  const themeLeaves = sample.review.adviceByTheme.flatMap((g) => (g.children.length ? g.children : [g]));
  const themeItems = new Map<string, ReviewItem[]>(themeLeaves.map((l) => [l.code, []]));
  let n = 0;
  for (const year of years) {
    const months = new Array<number>(12).fill(0);
    for (let i = 0; i < perYear && n < requestCount; i++, n++) {
      const code = kindCodes[n % 7 === 0 ? 0 : n % 11 === 0 ? 3 : n % 5 === 0 ? 2 : 1] ?? 'advice';
      const subject = `${SUBJECT_PARTS[0]![n % 6]} ${SUBJECT_PARTS[1]![n % 4]} ${SUBJECT_PARTS[2]![(n >> 2) % 6]}`;
      const declined = n % 9 === 0;
      const item: ReviewItem = {
        reference: ref(year),
        year,
        subject,
        outcome: declined ? 'Déclinée — Hors de notre champ' : DONE,
        eventOn: null,
        plannedYear: null,
      };
      const review = reviews.get(code)!;
      (declined ? review.declinedOrCancelled : review.done).push(item);
      if (code === 'advice') themeItems.get(themeLeaves[n % themeLeaves.length]!.code)!.push(item);
      byKind[code]![year] = (byKind[code]![year] ?? 0) + 1;
      months[n % 12]! += 1;
    }
    byMonth[year] = months;
    total[year] = months.reduce((a, b) => a + b, 0);
    for (const c of kindCodes) byKind[c]![year] ??= 0;
  }
  const kinds = sample.requests.kinds.map((k) => ({
    ...k,
    byYear: Object.fromEntries(years.map((y) => [y, byKind[k.code]![y] ?? 0])),
  }));
  const adviceByTheme = sample.review.adviceByTheme.map((g) => ({
    ...g,
    items: g.children.length ? [] : themeItems.get(g.code)!,
    children: g.children.map((c) => ({ ...c, items: themeItems.get(c.code)! })),
  }));
  const keyFigures = sample.keyFigures.map((f) => ({
    ...f,
    byYear: Object.fromEntries(
      years.map((y, i) => [y, { value: 10 + ((i * 7 + f.key.length) % 40), source: 'manual' as const }]),
    ),
  }));
  const previousYearTotal = Object.fromEntries(years.map((y, i) => [y, i === 0 ? null : total[y - 1]!]));
  return {
    ...sample,
    years,
    requests: {
      kinds,
      byKind,
      total,
      totalSource: Object.fromEntries(years.map((y) => [y, 'records' as const])),
      previousYearTotal,
      previousYearTotalSource: Object.fromEntries(years.map((y, i) => [y, i === 0 ? null : ('records' as const)])),
      change: Object.fromEntries(
        years.map((y) => [y, previousYearTotal[y] == null ? null : total[y]! - previousYearTotal[y]!]),
      ),
      byMonth,
    },
    keyFigures,
    review: { kinds: [...reviews.values()], adviceByTheme, adviceWithoutTheme: [] },
  };
}
