import { plural, pluralForm } from '../../lib/plural.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { REGISTER_ACCESS } from '../requests/requests.policy.js';
import type { Table } from './imports.csv.js';
import { acceptMultipart, uploadedFile } from '../../web/multipart.js';
import { MAX_ROWS } from './imports.rows.js';
import { SAMPLE_CSV } from './imports.sample.js';
import { applyImport, ImportInvalidError, planImportFile, type ImportFormat } from './imports.service.js';
import { ImportPage, PreviewPage } from './imports.views.js';
import { signedInUser } from '../../web/route-params.js';
import { fieldsOf } from '../../web/validation.js';

/** Importing writes to the register: the same people as the register itself. */
const access = { access: REGISTER_ACCESS };

// The table comes back from the preview page: it is checked again, entirely,
// before anything is written, so a tampered field can do no more than a file.
const tableSchema = z.object({
  header: z.array(z.string().max(200)).max(100),
  rows: z
    .array(z.object({ line: z.number().int().positive(), cells: z.array(z.string().max(25_000)).max(100) }))
    .max(MAX_ROWS + 1),
});

export async function importsRoutes(app: FastifyInstance): Promise<void> {
  acceptMultipart(app);
  const db = app.db;

  const showError = (request: FastifyRequest, reply: FastifyReply, message: string) =>
    sendHtml(reply, <ImportPage ctx={viewContext(request, reply)} fileError={message} />, 400);

  app.get('/bureau/import', { config: access }, async (request, reply) =>
    sendHtml(reply, <ImportPage ctx={viewContext(request, reply)} />),
  );

  app.get('/bureau/import/exemple.csv', { config: access }, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="exemple-import-demandes.csv"')
      .send(`\ufeff${SAMPLE_CSV}`),
  );

  // Step 1: read and check the file, show what would be created. Writes nothing.
  app.post('/bureau/import', { config: access }, async (request, reply) => {
    const file = uploadedFile(request.body, 'fichier');
    if (!file || file.data.length === 0) return showError(request, reply, 'Choisissez un fichier CSV ou XLSX.');
    const read = await planImportFile(db, file.data);
    if (!read.ok) return showError(request, reply, read.message);
    const plan = read.plan;
    const page = (
      <PreviewPage
        ctx={viewContext(request, reply)}
        plan={plan}
        table={read.table}
        format={read.format}
        filename={file.filename || 'sans nom'}
      />
    );
    return sendHtml(reply, page, plan.errors.length ? 400 : 200);
  });

  // Step 2: the board member confirmed the preview.
  app.post('/bureau/import/confirmer', { config: access }, async (request, reply) => {
    const body = fieldsOf(request.body);
    const format: ImportFormat = body.format === 'xlsx' ? 'xlsx' : 'csv';
    let table: Table;
    try {
      const raw = typeof body.tableau === 'string' ? Buffer.from(body.tableau, 'base64').toString('utf8') : '';
      table = tableSchema.parse(JSON.parse(raw));
    } catch {
      return showError(request, reply, "L'aperçu a expiré ou a été modifié : choisissez à nouveau le fichier.");
    }
    const user = signedInUser(request);
    try {
      const result = await applyImport(db, table, user.id, format);
      const refs = result.created.map((c) => c.reference).sort();
      const range = refs.length ? ` (${refs[0]} à ${refs.at(-1)})` : '';
      setFlash(
        reply,
        `Import terminé : ${plural(refs.length, { one: 'demande créée', other: 'demandes créées' })}${range}, ${result.alreadyImported.length} déjà ${pluralForm(result.alreadyImported.length, { one: 'importée', other: 'importées' })}.`,
      );
      return reply.redirect('/demandes', 303);
    } catch (error) {
      if (!(error instanceof ImportInvalidError)) throw error;
      const plan = { rows: [], alreadyImported: [], errors: error.problems, warnings: [] };
      return sendHtml(
        reply,
        <PreviewPage
          ctx={viewContext(request, reply)}
          plan={plan}
          table={table}
          format={format}
          filename="(aperçu confirmé)"
        />,
        400,
      );
    }
  });
}
