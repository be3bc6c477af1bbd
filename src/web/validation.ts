import { z } from 'zod';
import type { FieldErrors } from './forms.js';

export type FormBody = Record<string, string | string[] | undefined>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates a form body; the first French message per field is kept. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A single text value from a form (arrays happen when a field is repeated). */
export function str(value: unknown): string {
  if (Array.isArray(value)) return str(value[0]);
  return typeof value === 'string' ? value : '';
}

export function strList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

// Reusable field schemas with French messages.
export const text = (label: string, max = 500) =>
  z.preprocess((v) => str(v).trim(), z.string().max(max, `${label} : ${max} caractères au maximum.`));

export const requiredText = (label: string, max = 500, message?: string) =>
  z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .min(1, message ?? `${label} : ce champ est obligatoire.`)
      .max(max, `${label} : ${max} caractères au maximum.`),
  );

export const email = (label = 'Adresse e-mail') =>
  z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .min(1, `${label} : ce champ est obligatoire.`)
      .max(254, `${label} : adresse trop longue.`)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, `${label} : cette adresse n'est pas valide (exemple : prenom@exemple.be).`),
  );

export const password = (label = 'Mot de passe') =>
  z.preprocess(
    (v) => str(v),
    z.string().min(10, `${label} : au moins 10 caractères.`).max(200, `${label} : 200 caractères au maximum.`),
  );
