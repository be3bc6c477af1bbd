import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FieldValidationError } from '../../errors.js';
import { schoolYearOf, schoolYear } from '../../lib/school-calendar.js';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { idParam, str } from '../../web/validation.js';
import { addClosure, deleteClosure, helplineInfo, listClosures } from './site.helpline.service.js';
import { helplineWhen } from './site.helpline.views.js';
import { ClosuresPage, SettingsPage } from './site.admin.settings.views.js';
import { formFromBody, saveSettings, settingsToForm, type SettingsForm } from './site.settings.service.js';

/** The board writes the public site. */
const access = { access: 'board' as const };
type Body = Record<string, unknown>;

/** This school year and the next: what the board checks. */
function currentSchoolYears() {
  const current = schoolYearOf(todayInBrussels());
  return [current, schoolYear(Number(current.name.slice(0, 4)) + 1)];
}

/** The site's settings (helpline hours, contact details) and the helpline's closures, under /bureau/contenu. */
export async function siteSettingsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  // Settings: helpline hours and contact details.
  async function renderSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: SettingsForm,
    errors?: FieldErrors,
  ) {
    const info = await helplineInfo(app.db);
    return sendHtml(
      reply,
      <SettingsPage
        ctx={viewContext(request, reply)}
        values={values ?? settingsToForm(info.settings)}
        errors={errors}
        next={helplineWhen('fr', info)}
      />,
      errors ? 400 : 200,
    );
  }
  app.get('/bureau/contenu/reglages', { config: access }, (request, reply) => renderSettings(request, reply));
  app.post<{ Body: Body }>('/bureau/contenu/reglages', { config: access }, async (request, reply) => {
    const body = request.body ?? {};
    try {
      await saveSettings(db, body, request.currentUser);
      setFlash(reply, 'Réglages enregistrés.');
      return reply.redirect('/bureau/contenu/reglages', 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return renderSettings(request, reply, formFromBody(body), error.errors);
    }
  });

  // Helpline closures (school holidays, exceptional closures).
  async function renderClosures(
    request: FastifyRequest,
    reply: FastifyReply,
    values = { startsOn: '', endsOn: '', label: '' },
    errors?: FieldErrors,
  ) {
    return sendHtml(
      reply,
      <ClosuresPage
        ctx={viewContext(request, reply)}
        closures={await listClosures(db)}
        schoolYears={currentSchoolYears()}
        values={values}
        errors={errors}
      />,
      errors ? 400 : 200,
    );
  }
  app.get('/bureau/contenu/fermetures', { config: access }, (request, reply) => renderClosures(request, reply));
  app.post<{ Body: Body }>('/bureau/contenu/fermetures', { config: access }, async (request, reply) => {
    const body = request.body ?? {};
    try {
      await addClosure(db, body, request.currentUser);
      setFlash(reply, 'Fermeture ajoutée.');
      return reply.redirect('/bureau/contenu/fermetures', 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return renderClosures(
        request,
        reply,
        { startsOn: str(body.startsOn), endsOn: str(body.endsOn), label: str(body.label) },
        error.errors,
      );
    }
  });
  app.post<{ Params: { id: string } }>(
    '/bureau/contenu/fermetures/:id/supprimer',
    { config: access },
    async (request, reply) => {
      const deleted = await deleteClosure(db, idParam(request.params.id) ?? 0, request.currentUser);
      setFlash(reply, deleted ? 'Fermeture supprimée.' : 'Cette fermeture n’existe pas (ou plus).');
      return reply.redirect('/bureau/contenu/fermetures', 303);
    },
  );
}
