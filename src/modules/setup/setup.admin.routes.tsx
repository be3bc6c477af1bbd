import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { fieldsOf, str } from '../../web/validation.js';
import { saveOrganisation } from './setup.organisation.service.js';
import { loadPrivacyController, savePrivacyController } from './setup.privacy.service.js';
import { OrganisationPage, type ControllerValues, type OrganisationValues } from './setup.admin.views.js';
import { FieldValidationError } from '../../errors.js';

const admin = { config: { access: 'admin' as const } };

function formValues<K extends string>(body: unknown, keys: readonly K[]): Record<K, string> {
  const b = fieldsOf(body);
  return Object.fromEntries(keys.map((k) => [k, str(b[k])])) as Record<K, string>;
}

export async function setupRoutes(app: FastifyInstance): Promise<void> {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      org?: OrganisationValues;
      controller?: ControllerValues;
      orgErrors?: FieldErrors;
      controllerErrors?: FieldErrors;
      status?: number;
    } = {},
  ) {
    const current = await app.organisation.get();
    const saved = await loadPrivacyController(app.db);
    const org = options.org ?? { name: current.name, article: current.article };
    const controller = options.controller ?? {
      controllerName: saved?.name ?? '',
      controllerAddress: saved?.address ?? '',
      controllerEmail: saved?.email ?? '',
      controllerDpo: saved?.dpo ?? '',
    };
    return sendHtml(
      reply,
      <OrganisationPage
        ctx={viewContext(request, reply)}
        org={org}
        controller={controller}
        orgErrors={options.orgErrors}
        controllerErrors={options.controllerErrors}
      />,
      options.status ?? 200,
    );
  }

  app.get('/admin/organisation', admin, async (request, reply) => render(request, reply));

  app.post('/admin/organisation', admin, async (request, reply) => {
    try {
      await saveOrganisation(app.db, request.body, request.currentUser?.id ?? null);
    } catch (error) {
      if (error instanceof FieldValidationError)
        return render(request, reply, {
          org: formValues(request.body, ['name', 'article'] as const),
          orgErrors: error.errors,
          status: 422,
        });
      throw error;
    }
    app.organisation.invalidate();
    setFlash(reply, 'Nom de l’organisation enregistré.');
    return reply.redirect('/admin/organisation', 303);
  });

  app.post('/admin/organisation/vie-privee', admin, async (request, reply) => {
    try {
      await savePrivacyController(app.db, request.body, request.currentUser?.id ?? null);
    } catch (error) {
      if (error instanceof FieldValidationError)
        return render(request, reply, {
          controller: formValues(request.body, [
            'controllerName',
            'controllerAddress',
            'controllerEmail',
            'controllerDpo',
          ] as const),
          controllerErrors: error.errors,
          status: 422,
        });
      throw error;
    }
    setFlash(reply, 'Responsable du traitement enregistré : la page « Vie privée » le nomme.');
    return reply.redirect('/admin/organisation#vie-privee', 303);
  });
}
