/**
 * Heuristics that flag free text which seems to name a person: the register's
 * subjects and notes must stay anonymous. A warning, never a block — false
 * positives are expected and the volunteer decides.
 */
export interface IdentifyingHint {
  kind: 'email' | 'phone' | 'national_number' | 'name';
  excerpt: string;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?:\+|00)32[\s./-]*\d(?:[\s./-]*\d){7,8}\b|\b0\d(?:[\s./-]*\d){7,8}\b/g;
const NATIONAL = /\b(\d{2})[.\s]?(\d{2})[.\s]?(\d{2})[-.\s]?(\d{3})[.\s]?(\d{2})\b/g;
const TITLE_NAME = /\b(?:M\.|Mme|Mlle|Madame|Monsieur|Mademoiselle|Dr|Docteur|Me|Maître)\s+\p{Lu}[\p{L}'-]+/gu;
const CAPITALISED_PAIR = /(?<![.!?]\s|^)\b\p{Lu}\p{Ll}+(?:[-\s]\p{Lu}\p{Ll}+)+/gu;

// Capitalised words that are institutions, places or law, not people.
const NOT_NAMES = new Set(
  `le la les un une des du de au aux et en dans pour par sur avec
   cpas amo pms spj saj sas forem actiris onem inami cerso iessid mias adas ufas rgpd piis cvts ldh
   centre centres maison maisons service services aide jeunesse police parquet procureur procureure juge tribunal cour conseil collège collectif
   région région wallonne bruxelles wallonie flandre belgique fédération ligue école écoles haute hautes université ville commune communal
   code pénal loi décret ordonnance article arrêté ministre ministère gouvernement parlement état manifeste travail social sociale sociaux
   planning familial mutualité mutuelle logement logements santé mentale croix rouge fedasil office régional emploi guide moniteur
   janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche`.split(
    /\s+/,
  ),
);

// Frequent first names in Belgium: a lone first name mid-sentence is a name.
const FIRST_NAMES = new Set(
  `marie anne sophie julie laura sarah emma léa chloé camille manon lucie nathalie isabelle catherine christine sylvie martine françoise
   véronique valérie sandrine céline aurélie caroline stéphanie nadia fatima amina aïcha khadija samira yasmina leila myriam élise alice
   louise charlotte juliette inès zoé clara jeanne hélène monique nicole claire patricia brigitte dominique michèle chantal
   jean pierre paul jacques michel philippe alain bernard patrick eric éric christophe olivier thomas nicolas julien david daniel marc luc
   françois laurent vincent pascal didier thierry benoît frédéric sébastien stéphane guillaume antoine maxime hugo louis lucas nathan
   noah arthur jules adam mohamed mohammed ahmed youssef ali omar karim mehdi rachid hassan ibrahim mamadou moussa kevin kévin jonathan
   simon martin hervé bruno yves andré rené serge guy gérard francis georges emmanuel`.split(/\s+/),
);
const WORD = /(?<![.!?]\s|^)\b\p{Lu}\p{Ll}+\b/gu;

function isNationalNumber(m: RegExpMatchArray): boolean {
  const digits = m.slice(1, 6).join('');
  if (digits.length !== 11) return false;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
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
  for (const m of text.matchAll(EMAIL)) add('email', m[0]);
  for (const m of text.matchAll(NATIONAL)) if (isNationalNumber(m)) add('national_number', m[0]);
  for (const m of text.matchAll(PHONE))
    if (!hints.some((h) => h.kind === 'national_number' && h.excerpt.includes(m[0].trim()))) add('phone', m[0].trim());
  for (const m of text.matchAll(TITLE_NAME)) add('name', m[0]);
  for (const m of text.matchAll(CAPITALISED_PAIR)) {
    const words = m[0].split(/[-\s]+/);
    if (words.every((w) => !NOT_NAMES.has(w.toLowerCase()))) add('name', m[0]);
  }
  for (const m of text.matchAll(WORD)) {
    if (FIRST_NAMES.has(m[0].toLowerCase()) && !hints.some((h) => h.excerpt.includes(m[0]))) add('name', m[0]);
  }
  return hints;
}

export const HINT_LABELS: Record<IdentifyingHint['kind'], string> = {
  email: 'une adresse e-mail',
  phone: 'un numéro de téléphone',
  national_number: 'un numéro de registre national',
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
const STAND_INS: Record<IdentifyingHint['kind'], string> = {
  name: 'la personne',
  email: '(e-mail dans les coordonnées)',
  phone: '(téléphone dans les coordonnées)',
  national_number: '(numéro de registre national retiré)',
};

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
 * e-mail or phone already typed in the coordinates is never overwritten: that
 * part stays in the text, still flagged. Pure: nothing is saved here.
 */
export function moveIdentifyingText(values: IdentityText): { values: IdentityText; moved: IdentifyingHint[] } {
  const next = { ...values };
  const moved: IdentifyingHint[] = [];
  for (const hint of findIdentifyingText(`${values.subject}\n${values.notes}`)) {
    if (hint.kind !== 'national_number') {
      const field = IDENTITY_FIELD[hint.kind];
      const current = next[field].trim();
      if (hint.kind === 'name') next[field] = current ? `${current}, ${hint.excerpt}` : hint.excerpt;
      else if (current === '' || current === hint.excerpt) next[field] = hint.excerpt;
      else continue;
    }
    next.subject = replaceAll(next.subject, hint.excerpt, STAND_INS[hint.kind]);
    next.notes = replaceAll(next.notes, hint.excerpt, STAND_INS[hint.kind]);
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
