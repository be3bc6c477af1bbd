import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatInstant } from '../../lib/time.js';
import { oneOf } from '../../lib/one-of.js';
import { sendHtml, setFlash, viewContext, type ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
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
import {
  KIND_LABELS,
  SIGNATURE_KINDS,
  SIGNATURE_STATUSES,
  STATUS_LABELS,
  versionSchema,
  type SignatureStatus,
} from './manifesto.schemas.js';
import { moderateSignature, publishVersion, type ModerationAction } from './manifesto.service.js';
import { pageNumber } from '../../web/pagination.js';
import { mailContext } from '../mail/mail.context.js';
import { reasonsText } from '../antibot/antibot.views.js';
import { BOARD_PAGE_SIZE } from '../../web/pagination.js';

/** The board moderates signatures and keeps the Manifesto's text. */
const board = { config: { access: 'board' as const } };

type Query = Record<string, unknown>;
type SignatureRow = Awaited<ReturnType<typeof listSignatures>>['rows'][number];

function filterOf(query: Query) {
  const status = str(query.statut);
  const kind = str(query.type);
  return {
    status: oneOf(SIGNATURE_STATUSES, status),
    kind: oneOf(SIGNATURE_KINDS, kind),
    q: str(query.q).slice(0, 200),
  };
}

function queryString(f: ReturnType<typeof filterOf>, page?: number): string {
  const params = new URLSearchParams();
  if (f.status) params.set('statut', f.status);
  if (f.kind) params.set('type', f.kind);
  if (f.q) params.set('q', f.q);
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

const ACTIONS_FOR: Record<SignatureStatus, Array<[ModerationAction, string]>> = {
  quarantined: [
    ['release', 'Libérer : envoyer l’e-mail de confirmation'],
    ['confirm', 'Confirmer sans e-mail'],
    ['reject', 'Rejeter'],
  ],
  pending: [
    ['confirm', 'Confirmer'],
    ['reject', 'Rejeter'],
  ],
  confirmed: [['reject', 'Rejeter']],
  rejected: [['delete', 'Effacer']],
};

function Actions({ ctx, row, back }: { ctx: ViewContext; row: SignatureRow; back: string }): JSX.Element {
  const actions = [...ACTIONS_FOR[row.status]];
  if (row.status !== 'rejected')
    actions.push(
      row.hidden === 1 ? ['show', 'Remettre dans la liste publique'] : ['hide', 'Retirer de la liste publique'],
    );
  return (
    <div class="actions">
      {actions.map(([action, label]) => (
        <form method="post" action={`/bureau/signatures/${row.id}/moderer`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="action" value={action} />
          <input type="hidden" name="retour" value={back} />
          <button type="submit" class={action === 'reject' || action === 'delete' ? 'secondary' : ''}>
            <span safe>{label}</span>
            <span class="visually-hidden" safe>{` : ${row.name}`}</span>
          </button>
        </form>
      ))}
    </div>
  );
}

function SignaturesPage(p: {
  ctx: ViewContext;
  rows: SignatureRow[];
  total: number;
  page: number;
  filter: ReturnType<typeof filterOf>;
  counts: Record<string, number>;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / BOARD_PAGE_SIZE));
  const back = `/bureau/signatures${queryString(p.filter, p.page)}`;
  return (
    <Layout ctx={p.ctx} title="Signatures du Manifeste">
      <h1>Signatures du Manifeste</h1>
      <p class="actions">
        <a
          href="/bureau/signatures?statut=quarantined"
          safe
        >{`Quarantaine à examiner (${p.counts.quarantined ?? 0})`}</a>
        <a href={`/bureau/signatures.csv${queryString(p.filter)}`}>Exporter en CSV (cette sélection)</a>
        <a href="/bureau/signatures/par-mois">Signatures par mois</a>
        <a href="/bureau/manifeste">Texte du Manifeste</a>
      </p>
      <ul class="counters">
        {SIGNATURE_STATUSES.map((s) => (
          <li safe>{`${STATUS_LABELS[s]} : ${p.counts[s] ?? 0}`}</li>
        ))}
      </ul>
      <form method="get" action="/bureau/signatures" class="filters" role="search" aria-label="Filtrer les signatures">
        <div class="grid">
          <TextField name="q" type="search" label="Rechercher (nom, fonction, localité, e-mail)" value={p.filter.q} />
          <SelectField
            name="statut"
            label="Statut"
            value={p.filter.status ?? ''}
            placeholder="Tous"
            options={SIGNATURE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <SelectField
            name="type"
            label="Type"
            value={p.filter.kind ?? ''}
            placeholder="Tous"
            options={SIGNATURE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
        </div>
        <button type="submit">Filtrer</button>
      </form>
      <p role="status" id="result-count" safe>{`${p.total} signature${p.total > 1 ? 's' : ''}`}</p>
      <ul class="request-list">
        {p.rows.map((r) => (
          <li>
            <span
              class="subject"
              safe
            >{`${r.name}${r.function_or_org ? ` — ${r.function_or_org}` : ''}${r.town ? ` (${r.town})` : ''}`}</span>
            <span class="meta" safe>
              {`${KIND_LABELS[r.kind]} · ${r.email} · ${r.locale.toUpperCase()} · ${STATUS_LABELS[r.status]} · signée le ${formatInstant(r.created_at)}${r.confirmed_at ? ` · confirmée le ${formatInstant(r.confirmed_at)}` : ''}`}
            </span>
            <span class="meta" safe>
              {`Liste publique : ${r.show_publicly === 1 ? (r.hidden === 1 ? 'oui, mais masquée par le bureau' : 'oui') : 'non'} · Newsletter : ${r.newsletter === 1 ? 'oui' : 'non'} · Contact : ${r.contact === 1 ? 'oui' : 'non'}`}
            </span>
            {r.quarantine_reasons ? <p class="notice" safe>{`Raisons : ${reasonsText(r.quarantine_reasons)}`}</p> : ''}
            <Actions ctx={p.ctx} row={r} back={back} />
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {p.page > 1 ? (
            <a href={`/bureau/signatures${queryString(p.filter, p.page - 1)}`}>Page précédente</a>
          ) : (
            <span></span>
          )}
          <span safe>{`Page ${p.page} sur ${pages}`}</span>
          {p.page < pages ? (
            <a href={`/bureau/signatures${queryString(p.filter, p.page + 1)}`}>Page suivante</a>
          ) : (
            <span></span>
          )}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

function MonthsPage({
  ctx,
  rows,
}: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof countsPerMonth>>;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Signatures par mois">
      <h1>Signatures confirmées par mois</h1>
      <p>
        <a href="/bureau/signatures">Retour aux signatures</a>
      </p>
      {rows.length === 0 ? (
        <p>Aucune signature confirmée pour l’instant.</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="Signatures par mois" tabindex="0">
          <table>
            <caption class="visually-hidden">
              Signatures confirmées par mois de confirmation, les plus récents d’abord
            </caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Personnes</th>
                <th scope="col">Organisations</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row" safe>
                    {r.month}
                  </th>
                  <td safe>{String(r.individual)}</td>
                  <td safe>{String(r.organisation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

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
          hint="Une année (2020) ou une date complète (2020-06-15)."
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
          label="Texte (Markdown)"
          hint="# Titre, **gras**, listes avec « - » ou « 1. ». Le HTML est affiché tel quel, jamais interprété."
          value={p.values.body}
          errors={p.errors}
          rows={18}
          required
        />
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
            >{`Publiée : ${v.published_on} · saisie le ${formatInstant(v.created_at)}${v.author ? ` par ${v.author}` : ''}`}</span>
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
      summary: `${rows.length} ligne(s) exportée(s)`,
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
      id !== null &&
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
