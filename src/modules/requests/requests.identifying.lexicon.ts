import { createRequire } from 'node:module';
import { dictionary as fr } from '@zxcvbn-ts/language-fr';
import { dictionary as nl } from '@zxcvbn-ts/language-nl-be';

/**
 * The word lists the identifying-text detector leans on, loaded once on first
 * use (a few megabytes):
 * - French words (an-array-of-french-words, ~336,000 forms, lower case): a
 *   capitalised word that is an ordinary word is not a name by itself;
 * - person names from the zxcvbn-ts French and Belgian-Dutch packages (first
 *   names and family names, ~24,000);
 * - below, what no list gives: Belgian places, institutions and services of
 *   the social sector, titles, and first names of the people Belgian social
 *   workers meet that the lists above miss (Maghreb, Eastern Europe, Africa).
 */
const require = createRequire(import.meta.url);

const words = (text: string): string[] => text.trim().split(/\s+/);

/** Communes, regions and neighbours a request may mention (lower case, as written with hyphens). */
const PLACES = words(`
  belgique belgië wallonie flandre vlaanderen bruxelles brussel brussels hainaut namur liège luxembourg brabant anvers
  antwerpen limbourg limburg gand gent bruges brugge louvain leuven malines mechelen courtrai kortrijk ostende oostende
  alost aalst hasselt genk ypres ieper roulers roeselare saint-nicolas sint-niklaas termonde dendermonde turnhout
  lokeren vilvorde vilvoorde tongres tongeren audenarde oudenaarde renaix ronse grammont geraardsbergen hal halle
  anderlecht auderghem berchem-sainte-agathe etterbeek evere forest ganshoren ixelles jette koekelberg
  molenbeek molenbeek-saint-jean saint-gilles saint-josse saint-josse-ten-noode schaerbeek uccle watermael-boitsfort
  woluwe-saint-lambert woluwe-saint-pierre laeken neder-over-heembeek haren
  charleroi mons tournai mouscron la-louvière louvière verviers seraing herstal arlon bastogne marche-en-famenne
  dinant ciney philippeville couvin chimay thuin binche soignies ath lessines enghien braine-le-comte nivelles
  wavre ottignies ottignies-louvain-la-neuve louvain-la-neuve jodoigne tubize waterloo braine-l'alleud rixensart
  gembloux andenne huy waremme eupen malmedy spa stavelot virton bouillon neufchâteau libramont sambreville
  fleurus châtelet courcelles fontaine-l'évêque farciennes quaregnon boussu dour saint-ghislain frameries
  péruwelz leuze-en-hainaut comines comines-warneton flémalle ans saint-nicolas grâce-hollogne visé chaudfontaine
  esneux aywaille sprimont herve dison welkenraedt hannut jambes durbuy hotton la-roche-en-ardenne
  france paris lille maubeuge pays-bas nederland amsterdam allemagne deutschland cologne aix-la-chapelle
  maroc rabat casablanca tanger algérie alger tunisie tunis turquie istanbul roumanie bucarest pologne varsovie
  bulgarie sofia albanie kosovo syrie afghanistan congo kinshasa rdc cameroun guinée sénégal dakar érythrée
  europe afrique ardenne ardennes famenne condroz borinage centre`);

/** Institutions, services, laws and bodies written with capitals (lower case). */
const INSTITUTIONS = words(`
  cpas ocmw saj spj amo pms cpms ape one onem rva inami riziv forem actiris vdab fedasil samusocial
  solidaris partenamut helan mutualité mutualités mutualiste mc fgtb csc cgslb ugent ulb uclouvain uliège ulg umons unamur vub kuleuven
  infor doucheflux diogènes l'îlot îlot ilot espace babel caritas médecins oxfam unicef unia myria ciré cire
  cvts ldh liga rgpd gdpr cedh cjue cass iessid irss ifc iriscare aviq cocof cocom cfwb fwb fédération wallonie-bruxelles
  vie féminine lire écrire relais sos enfants-parents infirmiers plateforme coordination concertation
  comité ligue office service services centre centres maison maisons conseil collège cour tribunal tribunaux parquet
  police code loi lois décret décrets arrêté arrêtés ordonnance circulaire convention constitution charte article
  région province commune ville état gouvernement parlement ministère ministre sénat chambre europe européenne
  croix-rouge rode-kruis haute école université institut académie asbl vzw sprl srl
  noël pâques toussaint carnaval ramadan aïd
  rtbf vrt rtl bx1 dh sudinfo soir libre vif knack standaard morgen alter échos médor moustique`);

/** Words that introduce a person by their role or civility. */
const TITLES = words(`
  m. m mr mr. mme mme. mlle mlle. madame monsieur mademoiselle messieurs mesdames dr dr. docteur docteure
  me me. maître pr pr. professeur professeure abbé père sœur frère
  mevrouw mevr. mevr meneer mijnheer dhr. dhr juffrouw mrs mrs. ms ms. mister`);

/** First names the lists miss, frequent among the people Belgian social workers meet. */
const EXTRA_FIRST_NAMES = words(`
  ahmed mohamed mohammed mohamad muhammad mehdi youssef youssouf yassine yasmina yasmine karim rachid hamza amine
  omar khadija fatima fatma fatiha samira nadia naïma naima leila leïla aïcha aicha malika zineb zahra houda hanane
  ilias ilyas anas ayoub bilal soufiane sofiane hicham nabil redouane reda said saïd mustafa moustapha abdel abdelkader
  inès ines imane souad latifa rachida zohra farid hakim kamel walid nordine noureddine ismaël ismail
  mamadou moussa amadou ousmane ibrahima aminata fatoumata mariam awa oumar boubacar seydou issa
  agnieszka katarzyna małgorzata malgorzata ewa anna joanna magdalena piotr tomasz krzysztof paweł pawel marek michał michal
  jakub dawid kamil łukasz lukasz wojciech
  ioana elena andreea alexandra maria mihai andrei ion vasile gheorghe bogdan cristian florin adrian
  svetlana natasha natalia olga irina tatiana ekaterina oksana iryna olena dmytro sergei sergey alexei vladimir igor
  dragan nikola milan milena jelena ana marko stefan dejan goran zoran
  arben dritan besnik fatmir valon blerim edona arta
  mehmet ahmet mustafa emre ayşe ayse elif zeynep
  koen wim joris pieter lieven lieve annelies hilde sofie bart jan jef jo lotte wout robbe
  kevin jonathan dylan bryan jason`);

export interface Lexicon {
  /** Ordinary French (and Dutch) words, lower case. */
  words: ReadonlySet<string>;
  /** Person names (first and family names), lower case. */
  names: ReadonlySet<string>;
  /** First names only: a capitalised first name mid-sentence is a name even when it is also a word (Pierre, Claire). */
  firstNames: ReadonlySet<string>;
  /** Places and institutions: never a name. */
  notNames: ReadonlySet<string>;
  titles: ReadonlySet<string>;
}

let lexicon: Lexicon | null = null;

export function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const french = require('an-array-of-french-words') as string[];
  // The French package's two name lists are labelled the other way round: take both.
  const frNames = [...fr['firstnames-fr'], ...fr['lastnames-fr']];
  const firstNames = new Set([
    ...fr['lastnames-fr'],
    ...nl.boysFirstnames,
    ...nl.girlsFirstnames,
    ...EXTRA_FIRST_NAMES,
  ]);
  lexicon = {
    words: new Set([...french.map((w) => w.toLowerCase()), ...nl.commonWords.slice(0, 3000)]),
    names: new Set([...frNames, ...nl.lastnames, ...firstNames]),
    firstNames,
    notNames: new Set([...PLACES, ...INSTITUTIONS]),
    titles: new Set(TITLES),
  };
  return lexicon;
}
