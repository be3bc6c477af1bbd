import type { FastifyInstance } from 'fastify';
import { alternatesFor, PREFIXES } from '../../web/alternates.js';
import { sendHtml, viewContext } from '../../web/context.js';
import { str } from '../../web/validation.js';
import { UNSUBSCRIBE_PATH, unsubscribeMember } from './plenary.convocation.service.js';
import { UnsubscribeConfirmPage, UnsubscribeResultPage } from './plenary.public.views.js';

type Body = Record<string, string | string[] | undefined>;

/** The unsubscribe link of the plenary's mailings, in the public site's languages: no account, no cookie needed. */
export async function plenaryPublicRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  for (const [locale, prefix] of PREFIXES) {
    const path = `${prefix}${UNSUBSCRIBE_PATH}`;
    const alternatesOf = (token: string) => alternatesFor(UNSUBSCRIBE_PATH, `?jeton=${encodeURIComponent(token)}`);

    // A link opened in a mail only shows a button: mail scanners follow links, never forms.
    app.get<{ Querystring: Body }>(path, { config: { access: 'public' } }, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const token = str(request.query.jeton);
      return sendHtml(
        reply,
        <UnsubscribeConfirmPage
          ctx={viewContext(request, reply)}
          locale={locale}
          action={`${path}?jeton=${encodeURIComponent(token)}`}
          token={token}
          alternates={alternatesOf(token)}
        />,
      );
    });

    // RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click`
    // to the URL of the List-Unsubscribe header, without any cookie or CSRF token.
    // Declared `api: true` ON PURPOSE so the CSRF check does not refuse them; the
    // unguessable token in the URL is the only credential, and the worst a forged
    // request can do is unsubscribe the member that token belongs to.
    app.post<{ Body: Body; Querystring: Body }>(
      path,
      { config: { access: 'public', api: true } },
      async (request, reply) => {
        reply.header('Cache-Control', 'no-store');
        const token = str(request.query.jeton) || str(request.body?.jeton);
        const ok = await unsubscribeMember(db, token, app.clock());
        return sendHtml(
          reply,
          <UnsubscribeResultPage ctx={viewContext(request, reply)} locale={locale} ok={ok} alternates={{}} />,
          ok ? 200 : 404,
        );
      },
    );
  }
}
