import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { isValidIsoDate } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { fieldsOf, normaliseDayInput, str } from '../../web/validation.js';
import { currentGuide, GuideContentRejectedError } from './guide.versions.service.js';
import { markReviewed } from './guide.review.service.js';
import { ReviewPage } from './guide.review.views.js';

/**
 * The jurist's review (issue 11): each result with every path that reaches it, its references and
 * open points; a board member marks results and references « relu » (name, date). The content
 * becomes `reviewed` only when everything is; any later edit of an item clears its mark.
 */
const access = { access: 'board' as const };

export async function guideReviewRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get('/bureau/guide/relecture', { config: access }, async (request, reply) => {
    const { content } = await currentGuide(db);
    const by = request.currentUser?.displayName ?? '';
    return sendHtml(reply, <ReviewPage ctx={viewContext(request, reply)} content={content} by={by} />);
  });

  app.post<{ Params: { kind: string; id: string } }>(
    '/bureau/guide/relecture/:kind/:id',
    { config: access },
    async (request, reply) => {
      const { kind, id } = request.params;
      if (kind !== 'leaf' && kind !== 'reference') throw new NotFoundError();
      const body = fieldsOf(request.body);
      const by = str(body.by).trim().slice(0, 200);
      // The date field sends ISO; typed by hand without a picker, « 27/11/2026 » is read too.
      const on = normaliseDayInput(str(body.on));
      if (!by || !isValidIsoDate(on)) {
        setFlash(reply, 'Relecture non enregistrée : indiquez un nom et une date (JJ/MM/AAAA).');
        return reply.redirect('/bureau/guide/relecture', 303);
      }
      let reviewed: boolean;
      try {
        reviewed = await markReviewed(db, { kind, id, by, on }, request.currentUser?.id ?? null);
      } catch (error) {
        if (error instanceof GuideContentRejectedError) {
          setFlash(reply, `Relecture refusée : ${error.problems.join(' ')}`);
          return reply.redirect('/bureau/guide/relecture', 303);
        }
        throw error;
      }
      setFlash(reply, reviewed ? 'Tout est relu : le guide n’est plus un brouillon.' : 'Marqué « relu ».', {
        near: `${kind === 'leaf' ? 'leaf' : 'ref'}-${id}`,
      });
      return reply.redirect(`/bureau/guide/relecture#${kind === 'leaf' ? 'leaf' : 'ref'}-${id}`, 303);
    },
  );
}
