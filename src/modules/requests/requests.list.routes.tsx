import type { FastifyInstance, FastifyRequest } from 'fastify';
import { searchTerms } from '../../lib/text.js';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, viewContext } from '../../web/context.js';
import { idParam, isTicked, pageParam, str, yearParam } from '../../web/validation.js';
import { sendTable, type ExportFormat } from '../../web/downloads.js';
import { loadTaxonomy } from '../taxonomy/taxonomy.service.js';
import { oneOf } from '../../lib/one-of.js';
import { STATUSES } from './requests.constants.js';
import { auditRequestsExport, EXPORT_MAX_ROWS, requestsTable } from './requests.export.js';
import { access } from './requests.params.js';
import { agendaItems, toListItems } from './requests.presenter.js';
import { listRequests, requestYears, type RequestFilter } from './requests.queries.js';
import { AgendaPage } from './requests.agenda.views.js';
import { RequestListPage, type ListQuery } from './requests.list.views.js';
import { signedInUser } from '../../web/route-params.js';

const PAGE_SIZE = 25;

/** The register's list, its spreadsheet exports and the board's « à discuter » agenda. */
export async function requestListRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const currentYear = () => Number(todayInBrussels().slice(0, 4));

  /** The list's search and filters, from the address (the page and the export read them alike). */
  async function listFilterOf(
    request: FastifyRequest<{ Querystring: Record<string, string | string[]> }>,
    pageSize: number,
  ) {
    const qs = request.query;
    const query: ListQuery = {
      q: str(qs.q).slice(0, 200),
      year: str(qs.annee),
      kind: str(qs.type),
      status: str(qs.statut),
      theme: str(qs.theme),
      sector: str(qs.secteur),
      mine: isTicked(qs.moi),
      sort: str(qs.tri),
      page: pageParam(qs.page),
    };
    const taxonomy = await loadTaxonomy(db, currentYear());
    const themeId = idParam(query.theme);
    const status = query.status === 'open' ? 'open' : oneOf(STATUSES.values, query.status);
    const filter: RequestFilter = {
      year: yearParam(query.year),
      kindId: idParam(query.kind),
      status,
      sectorId: idParam(query.sector),
      // A parent theme also finds its sub-themes.
      themeIds: themeId
        ? [themeId, ...taxonomy.theme.filter((t) => t.parentId === themeId).map((t) => t.id)]
        : undefined,
      assignedTo: query.mine ? signedInUser(request).id : undefined,
      terms: searchTerms(query.q),
      sort: query.sort === 'anciennes' ? 'received_asc' : query.sort === 'modifiees' ? 'updated_desc' : 'received_desc',
      page: pageSize === PAGE_SIZE ? query.page : 1,
      pageSize,
    };
    return { query, filter, taxonomy };
  }

  app.get<{ Querystring: Record<string, string | string[]> }>(
    '/demandes',
    { config: access },
    async (request, reply) => {
      const { query, filter, taxonomy } = await listFilterOf(request, PAGE_SIZE);
      const [{ rows, total }, years] = await Promise.all([listRequests(db, filter), requestYears(db)]);
      const items = await toListItems(db, rows, taxonomy);
      return sendHtml(
        reply,
        <RequestListPage
          ctx={viewContext(request, reply)}
          items={items}
          total={total}
          query={query}
          pageSize={PAGE_SIZE}
          years={years}
          taxonomy={taxonomy}
        />,
      );
    },
  );

  // The register as a spreadsheet (CSV or XLSX), with the list's filters: never an identity, nor the confidential notes.
  for (const format of ['csv', 'xlsx'] as const satisfies readonly ExportFormat[]) {
    app.get<{ Querystring: Record<string, string | string[]> }>(
      `/demandes.${format}`,
      { config: access },
      async (request, reply) => {
        const { filter, taxonomy } = await listFilterOf(request, EXPORT_MAX_ROWS);
        const { rows } = await listRequests(db, filter);
        const items = await toListItems(db, rows, taxonomy);
        await auditRequestsExport(db, signedInUser(request), format, items.length);
        return sendTable(reply, format, 'demandes', requestsTable(items, rows));
      },
    );
  }

  app.get('/bureau/a-discuter', { config: access }, async (request, reply) => {
    const items = await agendaItems(db, await loadTaxonomy(db, currentYear()));
    return sendHtml(reply, <AgendaPage ctx={viewContext(request, reply)} items={items} />);
  });
}
