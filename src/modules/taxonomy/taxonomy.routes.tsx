import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FieldValidationError } from '../../errors.js';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { idParam, parseForm, str } from '../../web/validation.js';
import { createEntry, findEntryForAdmin, renameEntry, setEntryYears } from './taxonomy.admin.service.js';
import { newEntrySchema, renameSchema, yearsSchema } from './taxonomy.schemas.js';
import { loadTaxonomy, type TaxonomyEntry } from './taxonomy.service.js';
import { EntryPage, TaxonomyPage } from './taxonomy.views.js';
import {
  exportTaxonomy,
  importSummary,
  importTaxonomy,
  parseTaxonomyYaml,
  TaxonomyImportError,
} from './taxonomy.yaml.js';

const access = { access: 'admin' as const };
const thisYear = () => Number(todayInBrussels().slice(0, 4));

type Body = Record<string, unknown> | undefined;

export async function taxonomyRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; values?: Record<string, string>; importText?: string; importErrors?: string[] } = {},
    status = 200,
  ) {
    const taxonomy = await loadTaxonomy(db, thisYear());
    const values = extra.values ?? { type: 'kind', label: '', code: '', parentId: '', countsInTotal: '' };
    return sendHtml(
      reply,
      <TaxonomyPage
        ctx={viewContext(request, reply)}
        taxonomy={taxonomy}
        errors={extra.errors}
        values={values}
        {...(extra.importText !== undefined ? { importText: extra.importText } : {})}
        {...(extra.importErrors ? { importErrors: extra.importErrors } : {})}
      />,
      status,
    );
  }

  const loadEntry = (rawId: string): Promise<TaxonomyEntry> => findEntryForAdmin(db, idParam(rawId), thisYear());

  function entryValues(e: TaxonomyEntry): Record<string, string> {
    return {
      label: e.label,
      fromYear: String(thisYear()),
      countsInTotal: e.countsInTotal ? 'oui' : '',
      inUseFrom: e.inUseFrom ? String(e.inUseFrom) : '',
      inUseUntil: e.inUseUntil ? String(e.inUseUntil) : '',
    };
  }

  app.get('/admin/taxonomie', { config: access }, async (request, reply) => renderList(request, reply));

  app.get('/admin/taxonomie.yaml', { config: access }, async (_request, reply) =>
    reply
      .type('application/yaml; charset=utf-8')
      .header('content-disposition', 'attachment; filename="vigie-categories.yaml"')
      .send(await exportTaxonomy(db)),
  );

  app.post<{ Body: Body }>('/admin/taxonomie', { config: access }, async (request, reply) => {
    const body = request.body;
    const values = {
      type: str(body?.type),
      label: str(body?.label),
      code: str(body?.code),
      parentId: str(body?.parentId),
      countsInTotal: str(body?.countsInTotal),
    };
    const parsed = parseForm(newEntrySchema, body);
    if (!parsed.ok) return renderList(request, reply, { errors: parsed.errors, values }, 422);
    try {
      await createEntry(db, parsed.data, request.currentUser?.id ?? null);
    } catch (error) {
      if (error instanceof FieldValidationError)
        return renderList(request, reply, { errors: error.errors, values }, 422);
      throw error;
    }
    setFlash(reply, 'Catégorie ajoutée.');
    return reply.redirect('/admin/taxonomie', 303);
  });

  app.post<{ Body: Body }>('/admin/taxonomie/import', { config: access }, async (request, reply) => {
    const text = str(request.body?.yaml);
    try {
      const report = await importTaxonomy(db, parseTaxonomyYaml(text), request.currentUser?.id ?? null);
      setFlash(reply, importSummary(report));
      return reply.redirect('/admin/taxonomie', 303);
    } catch (error) {
      if (error instanceof TaxonomyImportError)
        return renderList(request, reply, { importText: text, importErrors: error.problems }, 422);
      throw error;
    }
  });

  app.get<{ Params: { id: string } }>('/admin/taxonomie/:id', { config: access }, async (request, reply) => {
    const entry = await loadEntry(request.params.id);
    return sendHtml(reply, <EntryPage ctx={viewContext(request, reply)} entry={entry} values={entryValues(entry)} />);
  });

  app.post<{ Params: { id: string }; Body: Body }>(
    '/admin/taxonomie/:id/libelle',
    { config: access },
    async (request, reply) => {
      const entry = await loadEntry(request.params.id);
      const body = request.body;
      const parsed = parseForm(renameSchema, body);
      if (!parsed.ok) {
        const values = {
          ...entryValues(entry),
          label: str(body?.label),
          fromYear: str(body?.fromYear),
          countsInTotal: str(body?.countsInTotal),
        };
        return sendHtml(
          reply,
          <EntryPage ctx={viewContext(request, reply)} entry={entry} values={values} errors={parsed.errors} />,
          422,
        );
      }
      await renameEntry(db, entry, parsed.data, request.currentUser?.id ?? null);
      setFlash(reply, 'Libellé enregistré.');
      return reply.redirect(`/admin/taxonomie/${entry.id}`, 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/admin/taxonomie/:id/annees',
    { config: access },
    async (request, reply) => {
      const entry = await loadEntry(request.params.id);
      const body = request.body;
      const parsed = parseForm(yearsSchema, body);
      if (!parsed.ok) {
        const values = { ...entryValues(entry), inUseFrom: str(body?.inUseFrom), inUseUntil: str(body?.inUseUntil) };
        return sendHtml(
          reply,
          <EntryPage ctx={viewContext(request, reply)} entry={entry} values={values} errors={parsed.errors} />,
          422,
        );
      }
      await setEntryYears(db, entry, parsed.data, request.currentUser?.id ?? null);
      setFlash(reply, "Années d'usage enregistrées.");
      return reply.redirect(`/admin/taxonomie/${entry.id}`, 303);
    },
  );
}
