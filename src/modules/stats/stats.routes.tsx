import type { FastifyInstance } from 'fastify';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, viewContext } from '../../web/context.js';
import { yearParam } from '../../web/validation.js';
import { yearStats } from './stats.service.js';
import { StatsPage } from './stats.views.js';

export async function statsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, unknown> }>(
    '/bureau/statistiques',
    { config: { access: 'board' } },
    async (request, reply) => {
      const current = Number(todayInBrussels(app.clock()).slice(0, 4));
      const asked = yearParam(request.query.annee) ?? current;
      const year = asked >= 2000 && asked <= current + 1 ? asked : current;
      const stats = await yearStats(app.db, year);
      return sendHtml(reply, <StatsPage ctx={viewContext(request, reply)} s={stats} />);
    },
  );
}
