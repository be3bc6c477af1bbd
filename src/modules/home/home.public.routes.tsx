import { sendCachedHtml } from '../../web/microcache.js';
import type { FastifyInstance } from 'fastify';
import { todayInBrussels } from '../../lib/time.js';
import { viewContext } from '../../web/context.js';
import { PREFIXES } from '../../web/alternates.js';
import { loadHomeData } from './home.service.js';
import { HomePage } from './home.public.views.js';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  for (const [locale, prefix] of PREFIXES) {
    app.get(prefix || '/', { config: { access: 'public' } }, async (request, reply) =>
      sendCachedHtml(request, reply, async () => {
        const data = await loadHomeData(app.db, locale, todayInBrussels());
        return `<!doctype html>${await (<HomePage ctx={viewContext(request, reply)} locale={locale} data={data} />)}`;
      }),
    );
  }
}
