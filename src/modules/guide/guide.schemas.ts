/**
 * Shape check of the content file. JSON carries no types, so the file a jurist edits is parsed
 * here once; the semantic rules (links, cycles, R13…) are in guide.validator.ts.
 */
import { z } from 'zod';
import {
  GUIDE_CATEGORIES,
  REFERENCE_KINDS,
  REFERENCE_TOPICS,
  type GuideCategory,
  type GuideContent,
} from './guide.types.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
const text = z.string().min(1);

const citation = z.object({
  ref: text,
  pinpoint: text.optional(),
  qualifier: text.optional(),
});

const answer = z.object({
  code: text,
  label: text,
  next: text,
  resultNote: text.optional(),
  references: z.array(citation).optional(),
});

const review = z.object({ by: text, on: isoDate });

const question = z.object({
  id: text,
  label: text,
  text,
  help: z.string(),
  answers: z.array(answer),
  rules: z.array(z.string()),
});

const leaf = z.object({
  id: text,
  category: z.enum(GUIDE_CATEGORIES),
  title: text,
  // Versions published before issue 11 have no points or steps: they parse, and the validator
  // then refuses to publish them again until they are written.
  points: z.array(z.string()).default([]),
  steps: z.array(z.string()).default([]),
  contacts: z.array(text).optional(),
  text: z.string(),
  references: z.array(citation),
  rules: z.array(z.string()),
  reviewNotes: text.optional(),
  review: review.optional(),
});

const numbering = z.object({
  label: text,
  validFrom: isoDate.nullable(),
  validUntil: isoDate.nullable(),
});

const reference = z.object({
  id: text,
  kind: z.enum(REFERENCE_KINDS),
  fullTitle: text.optional(),
  numberings: z.array(numbering),
  checkedOn: isoDate,
  url: z.url().optional(),
  annulled: z.object({ by: text, on: isoDate }).optional(),
  topics: z.array(z.enum(REFERENCE_TOPICS)).optional(),
  toVerify: text.optional(),
  officialText: z.object({ url: z.url(), checkedOn: isoDate }).optional(),
  penalCode1867: z
    .object({ article: text, newArticle: text.optional(), source: z.url().optional(), checkedOn: isoDate.optional() })
    .optional(),
  review: review.optional(),
});

const contact = z.object({
  id: text,
  name: text,
  phone: text.optional(),
  when: text.optional(),
  source: z.object({ url: z.url(), checkedOn: isoDate }).optional(),
  toVerify: text.optional(),
});

const categoryText = z.object({ label: text, description: text });

// Built from the list so that adding a category to the type forces a label in the content.
const categories = z.object(
  Object.fromEntries(GUIDE_CATEGORIES.map((c) => [c, categoryText])) as Record<GuideCategory, typeof categoryText>,
);

const guideContentSchema: z.ZodType<GuideContent> = z.object({
  version: text,
  checkedOn: isoDate,
  status: z.enum(['draft', 'reviewed']),
  locale: z.literal('fr-BE'),
  startQuestion: text,
  entry: z.object({ title: text, paragraphs: z.array(text) }),
  disclaimer: text,
  categories,
  questions: z.array(question),
  leaves: z.array(leaf),
  references: z.array(reference),
  contacts: z.array(contact).default([]),
  final: z.object({
    questionsTitle: text,
    questions: z.array(text),
    doubtReminder: text,
    adviceTitle: text,
    advice: z.array(
      z.object({ name: text, detail: text.optional(), schedule: text.optional(), toVerify: text.optional() }),
    ),
  }),
});

/** Parses unknown data into content, or throws with French, path-named messages. */
export function parseGuideContent(data: unknown): GuideContent {
  const parsed = guideContentSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`);
  throw new Error(`Contenu du guide mal formé :\n${lines.join('\n')}`);
}
