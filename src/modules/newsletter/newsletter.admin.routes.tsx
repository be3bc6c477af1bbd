import type { FastifyInstance } from 'fastify';
import { oneOf } from '../../lib/one-of.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { idParam, pageParam, str } from '../../web/validation.js';
import { listIssues } from './newsletter.issues.service.js';
import {
  listSubscribers,
  moderateSubscriber,
  releaseSubscriber,
  SUBSCRIBER_STATUSES,
  subscriberCounts,
} from './newsletter.service.js';
import { NewsletterPage } from './newsletter.admin.views.js';
import { mailContext } from '../mail/mail.context.js';
import { BOARD_PAGE_SIZE } from '../../web/pagination.js';
import { EXPORT_FORMATS, sendTable } from '../../web/downloads.js';
import { auditSubscribersExport, subscribersTable } from './newsletter.export.js';

/** The board keeps the newsletter: subscribers, quarantine, issues. */
const board = { config: { access: 'board' as const } };

type Query = Record<string, unknown>;

export async function newsletterAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Querystring: Query }>('/bureau/newsletter', board, async (request, reply) => {
    const raw = str(request.query.statut);
    const status = oneOf(SUBSCRIBER_STATUSES, raw);
    const q = str(request.query.q).slice(0, 200);
    const page = pageParam(request.query.page);
    const [counts, list, issues] = await Promise.all([
      subscriberCounts(db),
      listSubscribers(db, { status, q, page, pageSize: BOARD_PAGE_SIZE }),
      listIssues(db),
    ]);
    return sendHtml(
      reply,
      <NewsletterPage
        ctx={viewContext(request, reply)}
        counts={counts}
        rows={list.rows}
        total={list.total}
        page={page}
        status={status}
        q={q}
        issues={issues}
      />,
    );
  });

  // The subscribers' addresses, for an admin only (a board member reads the page, not the whole list).
  for (const format of EXPORT_FORMATS) {
    app.get<{ Querystring: Query }>(
      `/bureau/newsletter/abonnes.${format}`,
      { config: { access: 'admin' } },
      async (request, reply) => {
        const status = oneOf(SUBSCRIBER_STATUSES, str(request.query.statut));
        const table = await subscribersTable(db, { status, q: str(request.query.q).slice(0, 200) });
        await auditSubscribersExport(db, request.currentUser, format, table.rows.length);
        return sendTable(reply, format, 'abonnes-newsletter', table);
      },
    );
  }

  app.post<{ Params: { id: string }; Body: Query }>('/bureau/newsletter/abonnes/:id', board, async (request, reply) => {
    const id = idParam(request.params.id);
    const action = str(request.body?.action);
    const actor = request.currentUser?.id ?? null;
    let ok = false;
    if (id !== undefined) {
      if (action === 'release') ok = await releaseSubscriber(db, id, mailContext(request), actor);
      else if (action === 'bounced' || action === 'delete') ok = await moderateSubscriber(db, id, action, actor);
    }
    setFlash(reply, ok ? 'Abonnement mis à jour.' : 'Cette action n’est pas possible sur cet abonnement.');
    return reply.redirect('/bureau/newsletter', 303);
  });
}
