import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { isTicked, parseForm, str } from '../../web/validation.js';
import { signedInUser } from '../../web/route-params.js';
import { erasePerson } from './people.erase.service.js';
import { renderPersonPdf } from './people.pdf.js';
import { findPerson, type PersonQuery } from './people.search.service.js';
import { personQuerySchema } from './people.schemas.js';
import { PeoplePage } from './people.views.js';

const access = { access: 'board' as const };
type Body = Record<string, unknown>;

/** The search, from a POST body (never a URL: an address or a name must not reach the logs). */
function parseQuery(body: Body): {
  values: { email: string; name: string };
  query?: PersonQuery;
  errors?: FieldErrors;
} {
  const values = { email: str(body.email).trim(), name: str(body.name).trim() };
  const parsed = parseForm(personQuerySchema, body);
  if (!parsed.ok) return { values, errors: parsed.errors };
  return { values, query: { email: parsed.data.email || null, name: parsed.data.name || null } };
}

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    props: Omit<Parameters<typeof PeoplePage>[0], 'ctx'>,
    status = 200,
  ) => sendHtml(reply, <PeoplePage ctx={viewContext(request, reply)} {...props} />, status);

  app.get('/bureau/personnes', { config: access }, (request, reply) =>
    render(request, reply, { values: { email: '', name: '' } }),
  );

  app.post<{ Body: Body }>('/bureau/personnes', { config: access }, async (request, reply) => {
    const { values, query, errors } = parseQuery(request.body ?? {});
    if (!query) return render(request, reply, { values, errors }, 400);
    const record = await findPerson(app.db, app.vault, query, signedInUser(request), 'person.search', app.clock());
    return render(request, reply, { values, record });
  });

  app.post<{ Body: Body }>('/bureau/personnes/copie', { config: access }, async (request, reply) => {
    const body = request.body ?? {};
    const { values, query, errors } = parseQuery(body);
    if (!query) return render(request, reply, { values, errors }, 400);
    const now = app.clock();
    const record = await findPerson(app.db, app.vault, query, signedInUser(request), 'person.export', now);
    reply.header('cache-control', 'no-store');
    if (str(body.format) === 'json')
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="donnees-personne.json"')
        .send(JSON.stringify({ etabliLe: now.toISOString(), ...record }, null, 2));
    const pdf = await renderPersonPdf(record, request.organisation?.name ?? app.config.organisationName, now);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', 'attachment; filename="donnees-personne.pdf"')
      .send(pdf);
  });

  app.post<{ Body: Body }>('/bureau/personnes/effacer', { config: access }, async (request, reply) => {
    const body = request.body ?? {};
    const { values, query, errors } = parseQuery(body);
    if (!query) return render(request, reply, { values, errors }, 400);
    if (!isTicked(body.confirm)) {
      const record = await findPerson(app.db, app.vault, query, signedInUser(request), 'person.search', app.clock());
      return render(
        request,
        reply,
        { values, record, errors: { confirm: 'Cochez la case pour confirmer l’effacement.' } },
        400,
      );
    }
    const summary = await erasePerson(app.db, app.vault, query, signedInUser(request), app.clock());
    setFlash(reply, `Effacement fait (${summary}).`);
    return reply.redirect('/bureau/personnes', 303);
  });
}
