/**
 * The committee's 2019–2020 report (shared/seeds/001) as a register Vigie can
 * rebuild it from: its requests with their real outcomes and activity dates
 * (tests/fixtures/cvts-2019-2020.csv, a « report_text » for some), its labels
 * dated 2019 (cvts-2019-2020.taxonomy.yaml), its figures typed by hand (one
 * year, two years, measured on a date), its texts and its plan: « Les
 * formations », « Les avis et rencontres en bureau », « Journées d'études,
 * colloques, articles », « Le bureau du CVTS », in that order.
 */
import { readFileSync } from 'node:fs';
import type { Db } from '../../src/db/index.js';
import { addQuotedFigure, parseQuotedFigure } from '../../src/modules/figures/figures.quoted.service.js';
import { parseFigure, setFigure } from '../../src/modules/figures/figures.service.js';
import { parseCsv } from '../../src/modules/imports/imports.csv.js';
import { applyImport } from '../../src/modules/imports/imports.service.js';
import type { ReportPlanChoices } from '../../src/modules/reports/reports.model.js';
import { savePlan } from '../../src/modules/reports/reports.plan-settings.service.js';
import { saveReportTexts, setCountingRule } from '../../src/modules/reports/reports.queries.js';
import { importTaxonomy, parseTaxonomyYaml } from '../../src/modules/taxonomy/taxonomy.yaml.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** The seed's table « 2019 / 2020 » (what took place, as the committee counted that year). */
export const CVTS_TABLE: ReadonlyArray<[code: string, y2019: number, y2020: number]> = [
  ['training', 5, 2],
  ['advice', 30, 34],
  ['hearing', 12, 8],
  ['talk', 4, 7],
  ['publication', 1, 2],
];

/** Figures typed by hand, for one year (keyed) … */
const CVTS_KEYED: ReadonlyArray<[year: number, key: string, value: string, note?: string]> = [
  [2019, 'board.meetings', '17'],
  [2020, 'board.meetings', '19'],
  [2019, 'board.retreats', '1'],
  [2019, 'helpline.shifts', '38'],
  [2020, 'helpline.shifts', '37'],
  [2019, 'facebook.posts', '29'],
  [2020, 'facebook.posts', '37'],
];

/** … and as the committee quotes them: free labels, two-year figures, a date measured. */
const CVTS_QUOTED: ReadonlyArray<Record<string, string>> = [
  { group: 'Plénière', label: 'Nouveaux membres : personnes', firstYear: '2019', lastYear: '2020', value: '26' },
  { group: 'Plénière', label: 'Nouveaux membres : organisations', firstYear: '2019', lastYear: '2020', value: '5' },
  {
    group: 'Plénière',
    label: 'Membres : organisations',
    firstYear: '2020',
    value: '105',
    note: 'en septembre 2021',
  },
  { group: 'Plénière', label: 'Membres : personnes', firstYear: '2020', value: '219', note: 'en septembre 2021' },
  {
    group: 'Site et réseaux',
    label: 'Site : visites par mois (moyenne)',
    firstYear: '2019',
    lastYear: '2020',
    value: '2000',
  },
  {
    group: 'Site et réseaux',
    label: 'Site : visites en un mois (minimum)',
    firstYear: '2019',
    lastYear: '2020',
    value: '1214',
  },
  {
    group: 'Site et réseaux',
    label: 'Site : visites en un mois (maximum)',
    firstYear: '2019',
    lastYear: '2020',
    value: '3524',
  },
  {
    group: 'Site et réseaux',
    label: 'Site : visites depuis sa création',
    firstYear: '2020',
    value: '147263',
    source: 'historical',
  },
  { group: 'Site et réseaux', label: 'Newsletter : abonnés', firstYear: '2020', value: '566' },
  {
    group: 'Site et réseaux',
    label: 'Facebook : abonnés',
    firstYear: '2019',
    lastYear: '2020',
    value: '968',
    measuredOn: '2021-09-29',
  },
  {
    group: 'Manifeste',
    label: 'Manifeste : nouvelles signatures individuelles',
    firstYear: '2019',
    lastYear: '2020',
    value: '109',
  },
  {
    group: 'Manifeste',
    label: 'Manifeste : nouvelles signatures institutionnelles',
    firstYear: '2019',
    lastYear: '2020',
    value: '2',
  },
];

const CVTS_INTRODUCTION = `Le CVTS, comme tout le monde, a été chahuté par ces deux années de crise sanitaire.

Fidèle à notre fonctionnement, et n'étant pas tenus par les mêmes contraintes légales en tant qu'association de fait, nous avons choisi de ne pas organiser notre Assemblée plénière en 2020, plutôt que de la tenir en ligne, modalité non propice aux débats qui nous sont chers.

Le présent rapport d'activités comporte donc le rapport des deux dernières années en un seul document : **2019 et 2020**.

Bonne lecture !`;

const CVTS_ANALYSIS = `Que retenir de ces deux années, que mettre en avant ?

Nous pouvons réfléchir à deux niveaux : ce qui se joue sur le terrain du travail social et le rôle du Comité de Vigilance en Travail social.

## Du côté du terrain

Ces deux années ont renforcé les inquiétudes que nous avons et qui ont donné naissance à l'écriture du Manifeste.

*En bref, nous nous retrouvons sur le « quoi ». Le « comment et le qui » posent question.*

## Du côté du CVTS

La question de la résistance en travail social a toujours émergé au sein du CVTS. Quelle est l'étape suivante ? Agir, réagir, résister ? Comment cela s'organise ?`;

/** The seed's plan: its sections, in its order, with its texts and its NB. */
const CVTS_PLAN: ReportPlanChoices = {
  chapterTexts: {
    figures:
      "Les réunions de bureau sont l'occasion d'analyser collectivement les interpellations et les différentes demandes de formation.",
    review:
      'Les activités du CVTS se déclinent à travers différents espaces : contact téléphonique, rencontres, avis, formations, articles…',
  },
  sections: [
    {
      id: 'formations',
      chapter: 'review',
      title: 'Les formations',
      kinds: ['training'],
      layout: 'table',
      text: 'Nous privilégions le groupe restreint et le présentiel pour les formations.',
      notes: [
        '3 formations ont été négociées pour 2021.',
        "Pour préserver un minimum de confidentialité, nous restons évidemment évasifs sur l'identité des demandeurs.",
      ],
    },
    {
      id: 'avis',
      chapter: 'review',
      title: 'Les avis et rencontres en bureau',
      kinds: ['advice', 'hearing'],
      layout: 'themes',
      text: 'Nous sommes accessibles par mail ou via la permanence du jeudi après-midi.',
      notes: [],
    },
    {
      id: 'journees',
      chapter: 'review',
      title: "Journées d'études, colloques, articles",
      kinds: ['talk', 'publication', 'position', 'other'],
      layout: 'list',
      text: '',
      notes: [],
    },
    {
      id: 'bureau',
      chapter: 'review',
      title: 'Le bureau du CVTS',
      kinds: [],
      layout: 'list',
      text: "Le bureau s'est interrogé sur son fonctionnement à différents titres : notre organisation (permanence, bureau) est-elle toujours opérante ?",
      notes: [],
    },
  ],
  kindTexts: {},
};

/** Loads the whole 2019–2020 register, figures, texts and plan into `db`. */
export async function loadCvts2019(db: Db, actorId: number): Promise<void> {
  await importTaxonomy(db, parseTaxonomyYaml(fixture('cvts-2019-2020.taxonomy.yaml')), actorId);
  await applyImport(db, parseCsv(fixture('cvts-2019-2020.csv')), actorId, 'csv');
  // The committee's table for these years counts what took place: a rule dated from 2019.
  await setCountingRule(db, 2019, 'took_place', actorId);
  for (const [year, key, value, note] of CVTS_KEYED)
    await setFigure(db, parseFigure({ year: String(year), key, value, note: note ?? '' }), actorId);
  for (const f of CVTS_QUOTED) await addQuotedFigure(db, parseQuotedFigure(f), actorId);
  await saveReportTexts(db, 2019, 2020, { introduction: CVTS_INTRODUCTION, analysis: CVTS_ANALYSIS }, actorId);
  await savePlan(db, 2019, 2020, CVTS_PLAN, actorId);
}
