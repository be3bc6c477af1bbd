import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FieldValidationError } from '../../errors.js';
import { foldText } from '../../lib/text.js';
import { todayInBrussels } from '../../lib/time.js';
import { pathId, signedInUser } from '../../web/route-params.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { isTicked, str } from '../../web/validation.js';
import { mailContext } from '../mail/mail.context.js';
import { sendMinutesFile } from '../meetings/meetings.minutes.render.js';
import { MinutesPage } from '../meetings/meetings.minutes.views.js';
import { convocationState, sendConvocation } from './plenary.convocation.service.js';
import { AssemblyPage } from './plenary.detail.views.js';
import { approveAssemblyMinutes, assemblyMinutes } from './plenary.minutes.service.js';
import { AttendancePage, MinutesNotesPage } from './plenary.minutes.views.js';
import {
  addAgendaItem,
  attendanceOf,
  createAssembly,
  findAssembly,
  listAssemblies,
  loadAssembly,
  moveAgendaItem,
  removeAgendaItem,
  saveMinutesNotes,
  setAttendance,
  updateAssembly,
} from './plenary.service.js';
import { AssembliesPage, AssemblyFormPage, type AssemblyFormValues } from './plenary.views.js';

type Body = Record<string, string | string[] | undefined>;
type Id = { Params: { id: string } };
type IdBody = { Params: { id: string }; Body: Body };
const access = { access: 'board' as const };

const formValues = (body: Body): AssemblyFormValues => ({
  title: str(body.title),
  heldOn: str(body.heldOn),
  startsAt: str(body.startsAt),
  endsAt: str(body.endsAt),
  place: str(body.place),
  videoUrl: str(body.videoUrl),
  isPublic: isTicked(body.isPublic),
  cancelled: isTicked(body.cancelled),
});

/** The plenary's assemblies: agenda, convocation, attendance, minutes. */
export async function plenaryRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const organisation = async () => (await app.organisation.get()).name;
  const today = () => todayInBrussels(app.clock());

  app.get('/bureau/assemblees', { config: access }, async (request, reply) => {
    const all = await listAssemblies(db);
    return sendHtml(
      reply,
      <AssembliesPage
        ctx={viewContext(request, reply)}
        upcoming={all.filter((a) => a.heldOn >= today())}
        past={all.filter((a) => a.heldOn < today())}
      />,
    );
  });

  app.get('/bureau/assemblees/nouvelle', { config: access }, (request, reply) =>
    sendHtml(reply, <AssemblyFormPage ctx={viewContext(request, reply)} values={formValues({})} />),
  );

  app.post<{ Body: Body }>('/bureau/assemblees/nouvelle', { config: access }, async (request, reply) => {
    try {
      const id = await createAssembly(db, request.body ?? {}, signedInUser(request), app.clock());
      setFlash(reply, 'Assemblée créée : ajoutez son ordre du jour.', { near: 'ajouter-point' });
      return reply.redirect(`/bureau/assemblees/${id}#ajouter-point`, 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const values = formValues(request.body ?? {});
      return sendHtml(
        reply,
        <AssemblyFormPage ctx={viewContext(request, reply)} values={values} errors={error.errors} />,
        400,
      );
    }
  });

  async function renderAssembly(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    errors?: FieldErrors,
    itemTitle?: string,
  ) {
    const assembly = await loadAssembly(db, id);
    return sendHtml(
      reply,
      <AssemblyPage
        ctx={viewContext(request, reply)}
        assembly={assembly}
        convocation={await convocationState(db, id, assembly.heldOn, assembly.convocationSentAt)}
        canApprove={!assembly.approvedAt && !assembly.cancelled && assembly.heldOn <= today()}
        errors={errors}
        {...(itemTitle === undefined ? {} : { itemTitle })}
      />,
      errors ? 400 : 200,
    );
  }

  app.get<Id>('/bureau/assemblees/:id', { config: access }, (request, reply) =>
    renderAssembly(request, reply, pathId(request.params.id)),
  );

  app.get<Id>('/bureau/assemblees/:id/modifier', { config: access }, async (request, reply) => {
    const a = await findAssembly(db, pathId(request.params.id));
    const values: AssemblyFormValues = { ...a, startsAt: a.startsAt ?? '', endsAt: a.endsAt ?? '' };
    return sendHtml(reply, <AssemblyFormPage ctx={viewContext(request, reply)} assembly={a} values={values} />);
  });

  app.post<IdBody>('/bureau/assemblees/:id/modifier', { config: access }, async (request, reply) => {
    const id = pathId(request.params.id);
    try {
      await updateAssembly(db, id, request.body ?? {}, signedInUser(request), app.clock());
      setFlash(reply, 'Assemblée enregistrée.');
      return reply.redirect(`/bureau/assemblees/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return sendHtml(
        reply,
        <AssemblyFormPage
          ctx={viewContext(request, reply)}
          assembly={await findAssembly(db, id)}
          values={formValues(request.body ?? {})}
          errors={error.errors}
        />,
        400,
      );
    }
  });

  app.post<IdBody>('/bureau/assemblees/:id/points', { config: access }, async (request, reply) => {
    const id = pathId(request.params.id);
    try {
      await addAgendaItem(db, id, request.body ?? {}, signedInUser(request), app.clock());
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return renderAssembly(request, reply, id, error.errors, str(request.body?.title));
    }
    setFlash(reply, 'Point ajouté.', { near: 'ajouter-point' });
    return reply.redirect(`/bureau/assemblees/${id}#ajouter-point`, 303);
  });

  for (const [segment, direction] of [
    ['monter', 'up'],
    ['descendre', 'down'],
  ] as const)
    app.post<{ Params: { id: string; itemId: string } }>(
      `/bureau/assemblees/:id/points/:itemId/${segment}`,
      { config: access },
      async (request, reply) => {
        const id = pathId(request.params.id);
        await moveAgendaItem(db, id, pathId(request.params.itemId), direction);
        return reply.redirect(`/bureau/assemblees/${id}`, 303);
      },
    );

  app.post<{ Params: { id: string; itemId: string } }>(
    '/bureau/assemblees/:id/points/:itemId/retirer',
    { config: access },
    async (request, reply) => {
      const id = pathId(request.params.id);
      await removeAgendaItem(db, id, pathId(request.params.itemId));
      setFlash(reply, 'Point retiré de l’ordre du jour.');
      return reply.redirect(`/bureau/assemblees/${id}`, 303);
    },
  );

  app.post<Id>('/bureau/assemblees/:id/convocation', { config: access }, async (request, reply) => {
    const id = pathId(request.params.id);
    const count = await sendConvocation(db, id, mailContext(request), signedInUser(request), app.clock());
    setFlash(reply, `Convocation confiée à l’envoi pour ${count} membre${count > 1 ? 's' : ''}.`);
    return reply.redirect(`/bureau/assemblees/${id}`, 303);
  });

  async function renderAttendance(
    request: FastifyRequest<{ Querystring: Body }>,
    reply: FastifyReply,
    id: number,
    errors?: FieldErrors,
  ) {
    const assembly = await loadAssembly(db, id);
    const q = str(request.query.q).trim().slice(0, 100);
    const lines = (await attendanceOf(db, assembly)).filter((l) => !q || foldText(l.name).includes(foldText(q)));
    return sendHtml(
      reply,
      <AttendancePage ctx={viewContext(request, reply)} assembly={assembly} lines={lines} q={q} errors={errors} />,
      errors ? 400 : 200,
    );
  }

  app.get<Id & { Querystring: Body }>('/bureau/assemblees/:id/presences', { config: access }, (request, reply) =>
    renderAttendance(request, reply, pathId(request.params.id)),
  );

  app.post<IdBody & { Querystring: Body }>(
    '/bureau/assemblees/:id/presences',
    { config: access },
    async (request, reply) => {
      const id = pathId(request.params.id);
      try {
        await setAttendance(db, id, request.body ?? {}, signedInUser(request), app.clock());
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return renderAttendance(request, reply, id, error.errors);
      }
      setFlash(reply, 'Présences enregistrées.');
      const q = str(request.query.q);
      return reply.redirect(`/bureau/assemblees/${id}/presences${q ? `?q=${encodeURIComponent(q)}` : ''}`, 303);
    },
  );

  app.get<Id>('/bureau/assemblees/:id/notes', { config: access }, async (request, reply) =>
    sendHtml(
      reply,
      <MinutesNotesPage
        ctx={viewContext(request, reply)}
        assembly={await loadAssembly(db, pathId(request.params.id))}
      />,
    ),
  );

  app.post<IdBody>('/bureau/assemblees/:id/notes', { config: access }, async (request, reply) => {
    const id = pathId(request.params.id);
    const body = request.body ?? {};
    try {
      await saveMinutesNotes(db, id, body, signedInUser(request), app.clock());
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, str(v)]));
      return sendHtml(
        reply,
        <MinutesNotesPage
          ctx={viewContext(request, reply)}
          assembly={await loadAssembly(db, id)}
          values={values}
          errors={error.errors}
        />,
        400,
      );
    }
    setFlash(reply, 'Procès-verbal enregistré.');
    return reply.redirect(`/bureau/assemblees/${id}/proces-verbal`, 303);
  });

  app.post<Id>('/bureau/assemblees/:id/approuver', { config: access }, async (request, reply) => {
    const id = pathId(request.params.id);
    await approveAssemblyMinutes(db, id, signedInUser(request), await organisation(), app.clock());
    setFlash(reply, 'Procès-verbal approuvé : il ne peut plus être modifié.');
    return reply.redirect(`/bureau/assemblees/${id}`, 303);
  });

  app.get<Id>('/bureau/assemblees/:id/proces-verbal', { config: access }, async (request, reply) => {
    const id = pathId(request.params.id);
    const doc = await assemblyMinutes(db, id, await organisation());
    return sendHtml(
      reply,
      <MinutesPage ctx={viewContext(request, reply)} base={`/bureau/assemblees/${id}`} back="L’assemblée" doc={doc} />,
    );
  });

  for (const format of ['pdf', 'docx'] as const)
    app.get<Id>(`/bureau/assemblees/:id/proces-verbal.${format}`, { config: access }, async (request, reply) => {
      const id = pathId(request.params.id);
      const assembly = await findAssembly(db, id);
      const doc = await assemblyMinutes(db, id, await organisation());
      return sendMinutesFile(reply, doc, format, `proces-verbal-pleniere-${assembly.heldOn}`);
    });
}
