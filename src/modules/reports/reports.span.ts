import { NotFoundError } from '../../errors.js';
import { yearSpan } from './reports.service.js';

export interface Span {
  years: number[];
  /** Canonical « 2019-2020 » (one year: « 2017-2017 »). */
  span: string;
  base: string;
  ext: 'json' | 'md' | null;
}

export function parseSpan(raw: string): Span {
  const m = /^(\d{4})(?:-(\d{4}))?(?:\.(json|md))?$/.exec(raw);
  if (!m)
    throw new NotFoundError(
      "Ce rapport n'existe pas : l'adresse attend des années, par exemple /bureau/rapport/2019-2020.",
    );
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  const years = yearSpan(first, last);
  const span = `${first}-${last}`;
  return { years, span, base: `/bureau/rapport/${span}`, ext: (m[3] as 'json' | 'md' | undefined) ?? null };
}
