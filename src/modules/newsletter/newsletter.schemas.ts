import { z } from 'zod';
import { requiredText, text } from '../../web/validation.js';
import type { IssueInput } from './newsletter.issues.service.js';

const MAX_BODY = 100_000;

/** An issue as the board types it: French required; Dutch and English each whole or empty. */
export const issueSchema = z
  .object({
    subjectFr: requiredText('Objet (version française)', 200),
    bodyFr: requiredText('Texte (version française)', MAX_BODY),
    subjectNl: text('Objet (version néerlandaise)', 200),
    bodyNl: text('Texte (version néerlandaise)', MAX_BODY),
    subjectEn: text('Objet (version anglaise)', 200),
    bodyEn: text('Texte (version anglaise)', MAX_BODY),
  })
  .superRefine((v, ctx) => {
    for (const [subject, body, language] of [
      ['subjectNl', 'bodyNl', 'néerlandaise'],
      ['subjectEn', 'bodyEn', 'anglaise'],
    ] as const) {
      if (v[subject] && !v[body])
        ctx.addIssue({
          code: 'custom',
          path: [body],
          message: `Texte (version ${language}) : écrivez le texte, ou effacez l’objet.`,
        });
      if (v[body] && !v[subject])
        ctx.addIssue({
          code: 'custom',
          path: [subject],
          message: `Objet (version ${language}) : indiquez l’objet, ou effacez le texte.`,
        });
    }
  })
  .transform((v): IssueInput => ({
    fr: { subject: v.subjectFr, body: v.bodyFr },
    nl: v.subjectNl ? { subject: v.subjectNl, body: v.bodyNl } : null,
    en: v.subjectEn ? { subject: v.subjectEn, body: v.bodyEn } : null,
  }));
