// Just over 300 lines: the identifying-text heuristics (tokenizer, word classes, name runs, e-mail,
// phone and national-number patterns, moving the found text into the identity) are tuned together
// against one corpus; the word lists are in requests.identifying.lexicon.ts and .patterns.ts.
import { loadLexicon, type Lexicon } from './requests.identifying.lexicon.js';
import {
  ADDRESS_AFTER,
  ADDRESS_BEFORE,
  EMAIL,
  FLEMISH_ADDRESS,
  IBAN,
  isIban,
  isNationalNumber,
  NATIONAL,
  PHONE,
} from './requests.identifying.patterns.js';

/**
 * Heuristics that flag free text which seems to name a person: the register's
 * subjects and notes must stay anonymous. A warning, never a block — false
 * alarms are expected and the volunteer decides. Measured on the corpus
 * tests/fixtures/identifying-corpus.jsonl (docs/identifying-text.md).
 */
export interface IdentifyingHint {
  kind: 'email' | 'phone' | 'national_number' | 'iban' | 'address' | 'name';
  excerpt: string;
}

/** Words that join the parts of a name (« Van den Broeck », « El Amrani », « Ben Salah »). */
const PARTICLES = new Set(
  "van von vande vander der den ter ten de du des d' d’ el al ben bin ibn ait aït ou da di do dos".split(' '),
);
/** Words after which a capitalised word is a place (« à Namur », « le CPAS de Waremme »). */
const PLACE_PREPOSITIONS = new Set(['à', 'au', 'en', 'vers', 'depuis', 'dans', 'près', 'in', 'te', 'uit']);
const PLACE_NOUNS = new Set(
  `cpas ocmw saj spj amo pms commune communes ville région province centre école hôpital tribunal parquet université
   prison zone police maison foyer service asbl abri as ts équipe équipes travailleur travailleuse travailleurs
   éducateur éducateurs arrondissement quartier habitants bourgmestre colloque antenne section bureau`.split(/\s+/),
);
/** After these words the next capitalised word is a name or nickname, even an ordinary word (« surnommé Titi »). */
const NAMING_WORDS = new Set(
  'surnommé surnommée dit dite prénommé prénommée nommé nommée appelé appelée alias pseudo'.split(' '),
);
/** A capitalised word after an article is a function or a thing, not a person's name. */
const ARTICLES = new Set(['le', 'la', 'les', "l'", 'l’']);
/** Pronouns, articles and conjunctions: some are also first names in the lists (« Elle »), never here. */
const FUNCTION_WORDS = new Set(
  `elle elles il ils on nous vous je tu ce cet cette ces celle celui son sa ses leur leurs mon ma mes notre votre
   un une le la les des du de et ou mais donc car ni si quand lors puis aussi depuis pour après avant sans chez
   selon dès hier demain ici lui eux qui que quoi comment pourquoi où chaque plusieurs certains certaines aucun
   aucune tout tous toute toutes`.split(/\s+/),
);
const ABBREVIATIONS = new Set(['tél', 'tel', 'gsm', 'nn', 'cf', 'ex', 'etc', 'nb', 'ps', 'rdv', 'ok', 'n°', 'info']);

type TokenClass = 'title' | 'not_name' | 'first' | 'name' | 'word' | 'unknown';

interface Token {
  text: string;
  capital: boolean;
  /** After a full stop, colon, line break or opening quote: a capital there says nothing. */
  sentenceStart: boolean;
  /** The lower-case word just before, for « à Namur » and « CPAS de Mons ». */
  before: string;
  beforeThat: string;
  /** After a comma, slash or dash: the run of capitalised words before it has ended. */
  afterBreak: boolean;
}

const TOKEN = /[\p{L}\p{M}]+(?:[-'’.][\p{L}\p{M}]+)*\.?|[.!?:;«»"“”()\n—–,/&+]|\d+/gu;
const ELISION = /^([cdjlmnst]|qu)['’](?=\p{L})/iu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = true;
  let before = '';
  let beforeThat = '';
  let broken = false;
  for (const m of text.matchAll(TOKEN)) {
    let raw = m[0];
    if (/^[,/&+]$/.test(raw)) {
      broken = true;
      continue;
    }
    if (/^[.!?:;«"“\n—–(]$/.test(raw)) {
      start = true;
      continue;
    }
    if (/^[»”)]$/.test(raw) || /^\d+$/.test(raw)) {
      broken = true;
      continue;
    }
    const elision = ELISION.exec(raw);
    if (elision) {
      beforeThat = before;
      before = elision[0].toLowerCase();
      raw = raw.slice(elision[0].length);
    }
    const word = raw.replace(/\.$/, '');
    tokens.push({
      text: word,
      capital: /^\p{Lu}/u.test(word),
      sentenceStart: start,
      before,
      beforeThat,
      afterBreak: broken,
    });
    broken = false;
    beforeThat = before;
    before = word.toLowerCase();
    start = raw.endsWith('.') && !/^\p{Lu}\p{Ll}?\.$/u.test(raw) && !ABBREVIATIONS.has(word.toLowerCase());
  }
  return tokens;
}

function classify(token: string, lex: Lexicon): TokenClass {
  const lower = token.toLowerCase();
  if (lex.titles.has(lower) || lex.titles.has(`${lower}.`)) return 'title';
  if (/^\p{Lu}{2,}$/u.test(token) || ABBREVIATIONS.has(lower)) return 'not_name';
  if (FUNCTION_WORDS.has(lower)) return 'word';
  // Several capitals (HELMo, FdSS, DoucheFLUX) make an organisation's name, not a person's (McCarthy, DeSmet are).
  // Each part of a hyphenated name counts alone (Pieter-Jan, Marie-Claire).
  if (
    token
      .split('-')
      .some(
        (part) =>
          (part.match(/\p{Lu}/gu) ?? []).length >= 2 &&
          !/^(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|O['’])\p{Lu}\p{Ll}+$/u.test(part),
      )
  )
    return 'not_name';
  const parts = lower.split(/[-'’]/);
  if (lex.notNames.has(lower) || /^(saint|sint|sainte|sint)-/.test(lower) || lex.notNames.has(parts[0] ?? ''))
    return 'not_name';
  if (lex.firstNames.has(lower) || (parts.length > 1 && parts.every((p) => lex.firstNames.has(p)))) return 'first';
  const isWord = lex.words.has(lower) || (parts.length > 1 && parts.every((p) => p.length <= 2 || lex.words.has(p)));
  if (lex.names.has(lower) && !isWord) return 'name';
  if (isWord) return 'word';
  if (parts.some((p) => lex.firstNames.has(p) || lex.names.has(p))) return 'name';
  return 'unknown';
}

function isPlaceContext(t: Token): boolean {
  if (PLACE_PREPOSITIONS.has(t.before)) return true;
  return (
    (t.before === 'de' || t.before === "d'" || t.before === 'd’' || t.before === 'du') && PLACE_NOUNS.has(t.beforeThat)
  );
}

/** Runs of capitalised words (with the particles between them), judged as a whole. */
function findNames(text: string): string[] {
  const lex = loadLexicon();
  const tokens = tokenize(text);
  const found: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (!first?.capital) {
      i++;
      continue;
    }
    // « surnommé « Titi » »: whatever the word, it names someone.
    if (NAMING_WORDS.has(first.before)) {
      found.push(first.text);
      i++;
      continue;
    }
    const run: Token[] = [first];
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const t = tokens[j] as Token;
      if (t.sentenceStart || t.afterBreak || ARTICLES.has(t.before)) break;
      if (t.capital) run.push(t);
      else if (PARTICLES.has(t.text.toLowerCase()) && tokens[j + 1]?.capital && !tokens[j + 1]?.sentenceStart) continue;
      else break;
    }
    i = j;
    const judged = judgeRun(run, lex);
    if (judged) found.push(judged);
  }
  return found;
}

const head = (run: Token[]): Token => run[0] as Token;

function judgeRun(run: Token[], lex: Lexicon): string | null {
  const classes = run.map((t) => (PARTICLES.has(t.text.toLowerCase()) ? null : classify(t.text, lex)));
  const titled = classes.indexOf('title');
  // « Mme Dupont », « Dr Haddad », « Mevrouw De Clercq »: a title then a capitalised word.
  if (titled >= 0 && titled < run.length - 1)
    return run
      .slice(titled)
      .map((t) => t.text)
      .join(' ');
  if (classes.includes('not_name') || classes.includes('title')) return null;
  let from = 0;
  // A sentence starts with a capital: an ordinary word there is not a name (« Appel », « Le »).
  if (head(run).sentenceStart && classes[0] === 'word') from = 1;
  const rest = classes.slice(from).filter((c): c is TokenClass => c !== null);
  const tokens = run.slice(from);
  if (rest.length === 0) return null;
  const text = tokens.map((t) => t.text).join(' ');
  if (rest.length >= 2) return rest.every((c) => c === 'word') ? null : text;
  const only = rest[0];
  const token = tokens.find((t) => !PARTICLES.has(t.text.toLowerCase())) as Token;
  if (only === 'first') return text;
  if (only === 'word') return null;
  // A lone unknown or family name: a name, unless it stands where a place does
  // or after an article (« Madame l’Échevine », « la Présidente »).
  if (!token.sentenceStart && (isPlaceContext(token) || ARTICLES.has(token.before))) return null;
  return text;
}

export function findIdentifyingText(text: string): IdentifyingHint[] {
  const hints: IdentifyingHint[] = [];
  const seen = new Set<string>();
  const add = (kind: IdentifyingHint['kind'], excerpt: string) => {
    const key = `${kind}:${excerpt}`;
    if (!seen.has(key)) {
      seen.add(key);
      hints.push({ kind, excerpt });
    }
  };
  const covered = (part: string) => hints.some((h) => h.excerpt.includes(part.trim()));
  for (const m of text.matchAll(EMAIL)) add('email', m[0]);
  for (const m of text.matchAll(IBAN)) if (isIban(m[0])) add('iban', m[0]);
  for (const m of text.matchAll(NATIONAL)) if (isNationalNumber(m) && !covered(m[0])) add('national_number', m[0]);
  for (const m of text.matchAll(PHONE)) if (!covered(m[0])) add('phone', m[0].trim());
  for (const re of [ADDRESS_AFTER, ADDRESS_BEFORE, FLEMISH_ADDRESS])
    for (const m of text.matchAll(re)) if (!covered(m[0])) add('address', m[0].trim());
  for (const name of findNames(text.replace(EMAIL, ' '))) if (!covered(name)) add('name', name);
  return hints;
}

export const HINT_LABELS: Record<IdentifyingHint['kind'], string> = {
  email: 'une adresse e-mail',
  phone: 'un numéro de téléphone',
  national_number: 'un numéro de registre national',
  iban: 'un numéro de compte bancaire',
  address: 'une adresse',
  name: 'un nom de personne',
};

export interface IdentityText {
  subject: string;
  notes: string;
  identityName: string;
  identityEmail: string;
  identityPhone: string;
}

/** What stands in the anonymous text where an identifying part was taken out. */
const STAND_INS = {
  name: 'la personne',
  email: '(e-mail dans les coordonnées)',
  phone: '(téléphone dans les coordonnées)',
  national_number: '(numéro de registre national retiré)',
} as const;
type Movable = keyof typeof STAND_INS;
const isMovable = (kind: IdentifyingHint['kind']): kind is Movable => Object.hasOwn(STAND_INS, kind);

const IDENTITY_FIELD = {
  name: 'identityName',
  email: 'identityEmail',
  phone: 'identityPhone',
} as const;

/**
 * « Déplacer dans les coordonnées chiffrées »: each name, e-mail and phone
 * number found in the subject or the notes goes into the requester's
 * coordinates (encrypted when saved) and a plain stand-in takes its place; a
 * national register number is only taken out (Vigie never stores one). An
 * e-mail or phone already typed in the coordinates is never overwritten, and
 * a postal address or a bank account has no place in the coordinates: those
 * stay in the text, still flagged. Pure: nothing is saved here.
 */
export function moveIdentifyingText(values: IdentityText): { values: IdentityText; moved: IdentifyingHint[] } {
  const next = { ...values };
  const moved: IdentifyingHint[] = [];
  for (const hint of findIdentifyingText(`${values.subject}\n${values.notes}`)) {
    const kind = hint.kind;
    if (!isMovable(kind)) continue;
    if (kind !== 'national_number') {
      const field = IDENTITY_FIELD[kind];
      const current = next[field].trim();
      if (kind === 'name') next[field] = current ? `${current}, ${hint.excerpt}` : hint.excerpt;
      else if (current === '' || current === hint.excerpt) next[field] = hint.excerpt;
      else continue;
    }
    next.subject = replaceAll(next.subject, hint.excerpt, STAND_INS[kind]);
    next.notes = replaceAll(next.notes, hint.excerpt, STAND_INS[kind]);
    moved.push(hint);
  }
  return { values: next, moved };
}

/** Replaces every occurrence, capitalising the stand-in where a sentence starts. */
function replaceAll(text: string, excerpt: string, standIn: string): string {
  return text
    .split(excerpt)
    .reduce((out, part, i) =>
      i === 0
        ? part
        : `${out}${/(^|[.!?]\s+|\n\s*)$/.test(out) ? standIn.charAt(0).toUpperCase() + standIn.slice(1) : standIn}${part}`,
    );
}
