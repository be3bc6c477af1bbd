/**
 * Answers travel in the URL (`r=Q_BOUND:Oui;Q_CONTEXT:Oui`), never on the
 * server: a path can be shared as a link, and nothing a visitor answers is
 * stored. Codes are validated by the engine, not here.
 */
const PAIR = /^(Q_[A-Z0-9_]{1,40}):([A-Za-z0-9_-]{1,40})$/;

export function decodeAnswers(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const part of raw.split(';').slice(0, 60)) {
    const m = PAIR.exec(part.trim());
    if (m?.[1] && m[2]) out[m[1]] = m[2];
  }
  return out;
}

export function encodeAnswers(answers: Readonly<Record<string, string>>): string {
  return Object.entries(answers)
    .map(([q, a]) => `${q}:${a}`)
    .join(';');
}

export function guideUrl(
  answers: Readonly<Record<string, string>>,
  extra: { question?: string; request?: number | undefined } = {},
): string {
  const params = new URLSearchParams();
  const r = encodeAnswers(answers);
  if (r) params.set('r', r);
  if (extra.question) params.set('q', extra.question);
  if (extra.request) params.set('demande', String(extra.request));
  return `/guide/parcours?${params.toString()}`;
}
