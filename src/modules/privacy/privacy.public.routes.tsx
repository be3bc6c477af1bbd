import type { FastifyInstance } from 'fastify';
import { sendHtml, viewContext } from '../../web/context.js';
import { PREFIXES } from '../../web/alternates.js';
import { loadPrivacyController } from '../setup/setup.privacy.service.js';
import { PrivacyPage } from './privacy.views.js';

/** « Vie privée » in each language of the public site. */
export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  for (const [locale, prefix] of PREFIXES) {
    app.get(`${prefix}/vie-privee`, { config: { access: 'public' } }, async (request, reply) =>
      sendHtml(
        reply,
        <PrivacyPage
          ctx={viewContext(request, reply)}
          locale={locale}
          retention={app.config.retention}
          controller={await loadPrivacyController(app.db)}
        />,
      ),
    );
  }
}
