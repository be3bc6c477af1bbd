import type { FastifyInstance } from 'fastify';
import { sendHtml, viewContext } from '../../web/context.js';
import { ConfirmButtonPage, MessagePage } from '../../web/public-pages.js';
import { str } from '../../web/validation.js';
import { UNSUBSCRIBE_PATH, unsubscribeMember } from './plenary.convocation.service.js';

type Body = Record<string, string | string[] | undefined>;
const TITLE = 'Convocations de la plénière';

/** The unsubscribe link of the plenary's mailings: public, no account, no cookie needed. */
export async function plenaryPublicRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  // A link opened in a mail only shows a button: mail scanners follow links, never forms.
  app.get<{ Querystring: Body }>(UNSUBSCRIBE_PATH, { config: { access: 'public' } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const token = str(request.query.jeton);
    return sendHtml(
      reply,
      <ConfirmButtonPage
        ctx={viewContext(request, reply)}
        locale="fr"
        title={TITLE}
        message="Vous ne recevrez plus par e-mail les convocations de la plénière. Vous restez membre."
        button="Ne plus recevoir les convocations"
        action={`${UNSUBSCRIBE_PATH}?jeton=${encodeURIComponent(token)}`}
        token={token}
        alternates={{}}
        withCsrf={false}
      />,
    );
  });

  // RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click`
  // to the URL of the List-Unsubscribe header, without any cookie or CSRF token.
  // Declared `api: true` ON PURPOSE so the CSRF check does not refuse them; the
  // unguessable token in the URL is the only credential, and the worst a forged
  // request can do is unsubscribe the member that token belongs to.
  app.post<{ Body: Body; Querystring: Body }>(
    UNSUBSCRIBE_PATH,
    { config: { access: 'public', api: true } },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const token = str(request.query.jeton) || str(request.body?.jeton);
      const ok = await unsubscribeMember(db, token, app.clock());
      const ctx = viewContext(request, reply);
      if (!ok)
        return sendHtml(
          reply,
          <MessagePage
            ctx={ctx}
            locale="fr"
            title={TITLE}
            message="Ce lien de désinscription n’est pas valide. Écrivez-nous si vous recevez encore des convocations."
          />,
          404,
        );
      return sendHtml(
        reply,
        <MessagePage
          ctx={ctx}
          locale="fr"
          title={TITLE}
          message="C’est fait : vous ne recevrez plus les convocations de la plénière par e-mail. Vous restez membre de la plénière."
        />,
      );
    },
  );
}
