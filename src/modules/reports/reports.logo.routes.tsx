import type { FastifyInstance } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { acceptMultipart, uploadedFile } from '../../web/multipart.js';
import { checkLogo, loadLogo, LogoInvalidError, saveLogo } from './reports.logo.service.js';
import { LogoPage } from './reports.logo.views.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { signedInUser } from '../../web/route-params.js';

const access = { access: REPORT_ACCESS };

/** The organisation's logo for the report's cover (its own plugin: the only multipart form of the report). */
export async function reportLogoRoutes(app: FastifyInstance): Promise<void> {
  acceptMultipart(app);
  const db = app.db;

  app.get('/bureau/rapport/logo', { config: access }, async (request, reply) =>
    sendHtml(reply, <LogoPage ctx={viewContext(request, reply)} logo={await loadLogo(db)} />),
  );

  app.post('/bureau/rapport/logo', { config: access }, async (request, reply) => {
    try {
      const logo = checkLogo(uploadedFile(request.body, 'logo')?.data ?? Buffer.alloc(0));
      await saveLogo(db, logo, signedInUser(request).id);
    } catch (error) {
      if (!(error instanceof LogoInvalidError)) throw error;
      const page = <LogoPage ctx={viewContext(request, reply)} logo={await loadLogo(db)} error={error.message} />;
      return sendHtml(reply, page, 400);
    }
    setFlash(reply, 'Logo enregistré : il figure sur la couverture du rapport.');
    return reply.redirect('/bureau/rapport/logo', 303);
  });

  app.post('/bureau/rapport/logo/retirer', { config: access }, async (request, reply) => {
    await saveLogo(db, null, signedInUser(request).id);
    setFlash(reply, 'Logo retiré.');
    return reply.redirect('/bureau/rapport/logo', 303);
  });
}
