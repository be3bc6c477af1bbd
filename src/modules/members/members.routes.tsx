import { plural } from '../../lib/plural.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, FieldValidationError } from '../../errors.js';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { isTicked, str } from '../../web/validation.js';
import { acceptMultipart, uploadedFile } from '../../web/multipart.js';
import { importMembersCsv } from './members.import.service.js';
import { auditMembersExport, membersTable } from './members.export.js';
import { EXPORT_FORMATS, sendTable } from '../../web/downloads.js';
import { MEMBERS_SAMPLE_CSV } from './members.sample.js';
import {
  createMember,
  deleteMember,
  listMembers,
  MEMBER_KINDS,
  parseMember,
  publicOrganisations,
  requireMember,
  updateMember,
} from './members.service.js';
import {
  MemberEditPage,
  MembersImportPage,
  MembersListPage,
  PublicMembersPage,
  valuesFromMember,
  type MemberValues,
} from './members.views.js';
import { PREFIXES } from '../../web/alternates.js';
import { oneOf } from '../../lib/one-of.js';

const access = { access: 'board' as const };
const MAX_CSV_BYTES = 2 * 1024 * 1024;
type Body = Record<string, unknown>;

function idOf(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', 'Ce membre n’existe pas (ou plus).');
  return id;
}

function valuesOf(body: Body): MemberValues {
  return {
    kind: str(body.kind),
    name: str(body.name),
    contactEmail: str(body.contactEmail),
    contactPhone: str(body.contactPhone),
    joinedOn: str(body.joinedOn),
    leftOn: str(body.leftOn),
    showPublicly: str(body.showPublicly),
    mailConsent: str(body.mailConsent),
    notes: str(body.notes),
  };
}

export async function membersRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  acceptMultipart(app, { maxFileBytes: MAX_CSV_BYTES, bodyLimit: MAX_CSV_BYTES + 64 * 1024 });

  // Public: organisations that agreed to be listed. Never a contact detail, never an individual.
  for (const [locale, prefix] of PREFIXES) {
    app.get(`${prefix}/membres`, { config: { access: 'public' } }, async (request, reply) =>
      sendHtml(
        reply,
        <PublicMembersPage
          ctx={viewContext(request, reply)}
          locale={locale}
          organisations={await publicOrganisations(db, todayInBrussels())}
        />,
      ),
    );
  }

  /** The list's filters, from the address (the page and the exports read them alike). */
  function filterOf(query: Body) {
    const kindRaw = str(query.type);
    const kind = oneOf(MEMBER_KINDS, kindRaw);
    const showLeft = isTicked(query.anciens);
    const q = str(query.q).trim().slice(0, 100);
    return { kind, showLeft, q };
  }
  const rowsOf = (f: ReturnType<typeof filterOf>) =>
    listMembers(db, { kind: f.kind, currentOn: f.showLeft ? undefined : todayInBrussels(), q: f.q || undefined });

  app.get<{ Querystring: Body }>('/bureau/membres', { config: access }, async (request, reply) => {
    const f = filterOf(request.query);
    return sendHtml(
      reply,
      <MembersListPage
        ctx={viewContext(request, reply)}
        rows={await rowsOf(f)}
        kind={f.kind}
        showLeft={f.showLeft}
        q={f.q}
      />,
    );
  });

  for (const format of EXPORT_FORMATS) {
    app.get<{ Querystring: Body }>(`/bureau/membres.${format}`, { config: access }, async (request, reply) => {
      const rows = await rowsOf(filterOf(request.query));
      await auditMembersExport(db, request.currentUser, format, rows.length);
      return sendTable(reply, format, 'membres', membersTable(rows));
    });
  }

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: MemberValues,
    id?: number,
    errors?: FieldErrors,
  ) =>
    sendHtml(
      reply,
      <MemberEditPage
        ctx={viewContext(request, reply)}
        values={values}
        errors={errors}
        id={id}
        member={id ? await requireMember(db, id) : undefined}
      />,
      errors ? 400 : 200,
    );

  app.get('/bureau/membres/nouveau', { config: access }, (request, reply) =>
    render(request, reply, {
      kind: 'organisation',
      name: '',
      contactEmail: '',
      contactPhone: '',
      joinedOn: todayInBrussels(),
      leftOn: '',
      showPublicly: '',
      mailConsent: '',
      notes: '',
    }),
  );

  app.post<{ Body: Body }>('/bureau/membres', { config: access }, async (request, reply) => {
    const body = request.body ?? {};
    try {
      const input = parseMember(body);
      const id = await createMember(db, input, request.currentUser);
      setFlash(reply, 'Membre ajouté.');
      return reply.redirect(`/bureau/membres/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return render(request, reply, valuesOf(body), undefined, error.errors);
    }
  });

  app.get('/bureau/membres/import', { config: access }, (request, reply) =>
    sendHtml(reply, <MembersImportPage ctx={viewContext(request, reply)} />),
  );
  app.get('/bureau/membres/import/exemple.csv', { config: access }, async (_request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="membres-exemple.csv"')
      .send(MEMBERS_SAMPLE_CSV),
  );

  app.post<{ Body: Body }>('/bureau/membres/import', { config: access }, async (request, reply) => {
    const data = uploadedFile(request.body, 'file')?.data;
    if (!data || data.length === 0) {
      return sendHtml(
        reply,
        <MembersImportPage
          ctx={viewContext(request, reply)}
          problems={[{ line: 1, column: null, message: 'choisissez un fichier CSV à importer.' }]}
        />,
        400,
      );
    }
    const imported = await importMembersCsv(db, data, request.currentUser);
    if (!imported.ok)
      return sendHtml(reply, <MembersImportPage ctx={viewContext(request, reply)} problems={imported.problems} />, 400);
    setFlash(reply, `${plural(imported.count, { one: 'membre importé', other: 'membres importés' })}.`);
    return reply.redirect('/bureau/membres?anciens=1', 303);
  });

  app.get<{ Params: { id: string } }>('/bureau/membres/:id', { config: access }, async (request, reply) => {
    const id = idOf(request.params.id);
    return render(request, reply, valuesFromMember(await requireMember(db, id)), id);
  });

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/membres/:id',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const body = request.body ?? {};
      try {
        const input = parseMember(body);
        await updateMember(db, id, input, request.currentUser);
        setFlash(reply, 'Modifications enregistrées.');
        return reply.redirect(`/bureau/membres/${id}`, 303);
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return render(request, reply, valuesOf(body), id, error.errors);
      }
    },
  );

  app.post<{ Params: { id: string } }>('/bureau/membres/:id/supprimer', { config: access }, async (request, reply) => {
    const row = await deleteMember(db, idOf(request.params.id), request.currentUser);
    setFlash(reply, `« ${row.name} » a été supprimé.`);
    return reply.redirect('/bureau/membres', 303);
  });
}
