import type { FastifyInstance } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { reportTextProblem } from '../../lib/report-text.js';
import { idParam, isTicked, str } from '../../web/validation.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { yearsLabel } from './reports.present.js';
import {
  findRequestForText,
  hintsFor,
  listSpanRequests,
  markRequestChecked,
  saveReportText,
} from './reports.request-text.service.js';
import { RequestTextPage, SpanRequestsPage } from './reports.request-text.views.js';
import { parseSpan } from './reports.span.js';
import { signedInUser } from '../../web/route-params.js';

const access = { access: REPORT_ACCESS };

/** Where to go back: only a page of the report (never an address from elsewhere). */
function returnTo(raw: unknown, fallback: string): string {
  const v = str(raw);
  return /^\/bureau\/rapport\/[\w/-]*(?:#[\w-]+)?$/.test(v) ? v : fallback;
}

function requestId(raw: string): number {
  return idParam(raw) ?? 0;
}

/** Each request's text for the report, and « vérifié : rien d'identifiant ». */
export async function reportRequestTextRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Params: { span: string } }>(
    '/bureau/rapport/:span/demandes',
    { config: access },
    async (request, reply) => {
      const s = parseSpan(request.params.span);
      const rows = await listSpanRequests(db, s.years[0] as number, s.years[s.years.length - 1] as number);
      return sendHtml(
        reply,
        <SpanRequestsPage ctx={viewContext(request, reply)} label={yearsLabel(s.years)} base={s.base} rows={rows} />,
      );
    },
  );

  app.get<{ Params: { id: string }; Querystring: Record<string, string | string[]> }>(
    '/bureau/rapport/demandes/:id/texte',
    { config: access },
    async (request, reply) => {
      const r = await findRequestForText(db, requestId(request.params.id));
      const back = returnTo(request.query.retour, `/bureau/rapport/${r.year}`);
      return sendHtml(
        reply,
        <RequestTextPage ctx={viewContext(request, reply)} r={r} value={r.reportText} returnTo={back} />,
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/bureau/rapport/demandes/:id/texte',
    { config: access },
    async (request, reply) => {
      const r = await findRequestForText(db, requestId(request.params.id));
      const back = returnTo(request.body?.retour, `/bureau/rapport/${r.year}`);
      const value = str(request.body?.reportText).trim();
      const checked = isTicked(request.body?.verifie);
      const problem = reportTextProblem(value);
      const ctx = () => viewContext(request, reply);
      if (problem)
        return sendHtml(
          reply,
          <RequestTextPage ctx={ctx()} r={r} value={value} returnTo={back} errors={{ reportText: problem }} />,
          400,
        );
      const hints = hintsFor(r, value);
      if (value && hints.length && !checked && !isTicked(request.body?.confirmIdentifying))
        return sendHtml(
          reply,
          <RequestTextPage ctx={ctx()} r={r} value={value} returnTo={back} warnings={hints} />,
          422,
        );
      await saveReportText(db, r, value, checked, signedInUser(request).id);
      setFlash(reply, `Texte pour le rapport de la demande ${r.reference} enregistré.`);
      return reply.redirect(back, 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/bureau/rapport/demandes/:id/verifie',
    { config: access },
    async (request, reply) => {
      const r = await findRequestForText(db, requestId(request.params.id));
      await markRequestChecked(db, r, signedInUser(request).id);
      setFlash(
        reply,
        `Demande ${r.reference} : vérifiée, rien d'identifiant. Ce n'est plus signalé tant que ses textes ne changent pas.`,
      );
      return reply.redirect(returnTo(request.body?.retour, `/bureau/rapport/${r.year}`), 303);
    },
  );
}
