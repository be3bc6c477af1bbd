import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateLong, formatInstant } from '../../lib/time.js';
import { oneOf } from '../../lib/one-of.js';
import { plural, pluralForm, NOUNS } from '../../lib/plural.js';
import { sendHtml, setFlash, viewContext, type ViewContext } from '../../web/context.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
  FormattingHelp,
} from '../../web/forms.js';
import { LOCALE_NAMES } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { idParam, parseForm, str } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { markdownToHtml } from '../../web/markdown.js';
import { signaturesCsv } from './manifesto.csv.js';
import {
  countsPerMonth,
  exportSignatures,
  listAllVersions,
  listSignatures,
  statusCounts,
} from './manifesto.queries.js';
import { versionSchema } from './manifesto.schemas.js';
import { publishVersion } from './manifesto.service.js';
import {
  BULK_ACTIONS,
  moderateSignature,
  moderateSignatures,
  type ModerationAction,
} from './manifesto.moderation.service.js';
import { filterOf, MonthsPage, SignaturesPage, type Query } from './manifesto.signatures.views.js';
import { pageNumber } from '../../web/pagination.js';
import { mailContext } from '../mail/mail.context.js';
import { BOARD_PAGE_SIZE } from '../../web/pagination.js';

/** The board moderates signatures and keeps the Manifesto's text. */
const board = { config: { access: 'board' as const } };

type VersionValues = Record<'locale' | 'versionLabel' | 'publishedOn' | 'summary' | 'body', string>;

function VersionsPage(p: {
  ctx: ViewContext;
  versions: Awaited<ReturnType<typeof listAllVersions>>;
  values: VersionValues;
  errors?: FieldErrors | undefined;
  preview?: string;
}): JSX.Element {
  const safePreview = p.preview ?? '';
  return (
    <Layout ctx={p.ctx} title="Texte du Manifeste">
      <h1>Texte du Manifeste</h1>
      <p>
        Chaque langue a son texte et son historique. Publier une version la met en ligne tout de suite ; les versions
        précédentes restent lisibles dans l’historique public. Le texte provisoire installé avec Vigie disparaît de
        l’historique dès qu’une vraie version existe dans sa langue.
      </p>
      <h2 id="new-version">Publier une nouvelle version</h2>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/bureau/manifeste" class="card" novalidate aria-labelledby="new-version">
        <CsrfField token={p.ctx.csrfToken} />
        <SelectField
          name="locale"
          label="Langue"
          value={p.values.locale}
          options={(['fr', 'nl', 'en'] as const).map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
          errors={p.errors}
          required
        />
        <TextField
          name="versionLabel"
          label="Nom de la version"
          hint="Par exemple « Mise à jour 2020 »."
          value={p.values.versionLabel}
          errors={p.errors}
          required
          maxlength={120}
        />
        <TextField
          name="publishedOn"
          label="Date de publication"
          hint="Une année (2020) ou une date complète (15/06/2020)."
          value={p.values.publishedOn}
          errors={p.errors}
          required
          maxlength={10}
        />
        <TextArea
          name="summary"
          label="Ce qui a changé"
          hint="Une phrase, montrée dans l’historique."
          value={p.values.summary}
          errors={p.errors}
          rows={2}
        />
        <TextArea
          name="body"
          label="Texte"
          hint="Le HTML est affiché tel quel, jamais interprété."
          value={p.values.body}
          errors={p.errors}
          rows={18}
          required
        />
        <FormattingHelp />
        <div class="actions">
          <button type="submit" name="action" value="preview" class="secondary">
            Aperçu
          </button>
          <button type="submit" name="action" value="publish">
            Publier
          </button>
        </div>
      </form>
      {safePreview ? (
        <section class="card" aria-labelledby="preview-title">
          <h2 id="preview-title">Aperçu</h2>
          <div class="prose">{safePreview}</div>
        </section>
      ) : (
        ''
      )}
      <h2>Versions</h2>
      <ul class="request-list">
        {p.versions.map((v) => (
          <li>
            <span
              class="subject"
              safe
            >{`${LOCALE_NAMES[v.locale as 'fr'] ?? v.locale} — ${v.version_label}${v.is_placeholder === 1 ? ' (texte provisoire)' : ''}`}</span>
            <span
              class="meta"
              safe
            >{`Publiée : ${v.published_on.length === 4 ? v.published_on : formatDateLong(v.published_on)} · saisie le ${formatInstant(v.created_at)}${v.author ? ` par ${v.author}` : ''}`}</span>
            {v.summary ? <p safe>{v.summary}</p> : ''}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const MODERATION: readonly ModerationAction[] = ['confirm', 'reject', 'release', 'hide', 'show', 'delete'];

export async function manifestoAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Querystring: Query }>('/bureau/signatures', board, async (request, reply) => {
    const filter = filterOf(request.query);
    const page = pageNumber(request.query.page);
    const [list, counts] = await Promise.all([
      listSignatures(db, { ...filter, page, pageSize: BOARD_PAGE_SIZE }),
      statusCounts(db),
    ]);
    return sendHtml(
      reply,
      <SignaturesPage
        ctx={viewContext(request, reply)}
        rows={list.rows}
        total={list.total}
        page={page}
        filter={filter}
        counts={counts}
      />,
    );
  });

  app.get('/bureau/signatures/par-mois', board, async (request, reply) =>
    sendHtml(reply, <MonthsPage ctx={viewContext(request, reply)} rows={await countsPerMonth(db)} />),
  );

  app.get<{ Querystring: Query }>('/bureau/signatures.csv', board, async (request, reply) => {
    const filter = filterOf(request.query);
    const rows = await exportSignatures(db, filter);
    await recordAudit(db, {
      actorId: request.currentUser?.id ?? null,
      action: 'signature.export',
      entityType: 'signature',
      summary: `${plural(rows.length, { one: 'ligne exportée', other: 'lignes exportées' })}`,
    });
    return reply
      .header('content-disposition', 'attachment; filename="signatures-manifeste.csv"')
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(signaturesCsv(rows));
  });

  app.post<{ Params: { id: string }; Body: Query }>('/bureau/signatures/:id/moderer', board, async (request, reply) => {
    const id = idParam(request.params.id);
    const action = oneOf(MODERATION, str(request.body?.action));
    const back = str(request.body?.retour);
    const ok =
      id !== undefined &&
      action !== undefined &&
      (await moderateSignature(db, id, action, request.currentUser?.id ?? null, mailContext(request)));
    setFlash(
      reply,
      ok
        ? 'Signature mise à jour.'
        : 'Cette action n’est pas possible sur cette signature (elle a peut-être déjà été traitée).',
    );
    return reply.redirect(back.startsWith('/bureau/signatures') ? back : '/bureau/signatures', 303);
  });

  app.post<{ Body: Query }>('/bureau/signatures/lot', board, async (request, reply) => {
    const action = str(request.body?.action);
    const back = str(request.body?.retour);
    const raw = request.body?.ids;
    const ids = (Array.isArray(raw) ? raw : [raw]).map(idParam).filter((id) => id !== undefined);
    const bulk = oneOf(BULK_ACTIONS, action);
    const ok =
      bulk !== undefined &&
      ids.length > 0 &&
      (await moderateSignatures(db, ids, bulk, request.currentUser?.id ?? null, mailContext(request)));
    setFlash(
      reply,
      ok
        ? `${plural(new Set(ids).size, NOUNS.signature)} ${pluralForm(new Set(ids).size, { one: 'traitée', other: 'traitées' })}.`
        : ids.length === 0
          ? 'Cochez au moins une signature.'
          : 'Rien n’a été fait : une des signatures cochées a déjà été traitée ou n’existe plus. Rechargez la liste.',
    );
    return reply.redirect(back.startsWith('/bureau/signatures') ? back : '/bureau/signatures', 303);
  });

  const emptyVersion: VersionValues = { locale: 'fr', versionLabel: '', publishedOn: '', summary: '', body: '' };
  const renderVersions = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: VersionValues,
    errors?: FieldErrors,
    preview?: string,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <VersionsPage
        ctx={viewContext(request, reply)}
        versions={await listAllVersions(db)}
        values={values}
        errors={errors}
        preview={preview}
      />,
      status,
    );

  app.get('/bureau/manifeste', board, async (request, reply) => renderVersions(request, reply, emptyVersion));

  app.post<{ Body: Query }>('/bureau/manifeste', board, async (request, reply) => {
    const body = request.body ?? {};
    const values: VersionValues = {
      locale: str(body.locale),
      versionLabel: str(body.versionLabel),
      publishedOn: str(body.publishedOn),
      summary: str(body.summary),
      body: str(body.body),
    };
    if (str(body.action) === 'preview')
      return renderVersions(request, reply, values, undefined, markdownToHtml(values.body));
    const parsed = parseForm(versionSchema, body);
    if (!parsed.ok) return renderVersions(request, reply, values, parsed.errors, undefined, 400);
    await publishVersion(db, parsed.data, request.currentUser?.id ?? null);
    setFlash(reply, `Version publiée (${LOCALE_NAMES[parsed.data.locale]}) : ${parsed.data.versionLabel}.`);
    return reply.redirect('/bureau/manifeste', 303);
  });
}
