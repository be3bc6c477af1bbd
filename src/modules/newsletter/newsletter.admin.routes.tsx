import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatInstant } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext, type ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { parseForm, requiredText, str } from '../../web/validation.js';
import { z } from 'zod';
import { markdownToHtml } from '../../web/markdown.js';
import {
  getIssue,
  listIssues,
  listSubscribers,
  moderateSubscriber,
  releaseSubscriber,
  sendIssue,
  SOURCE_LABELS,
  SUBSCRIBER_STATUS_LABELS,
  SUBSCRIBER_STATUSES,
  subscriberCounts,
  type SubscriberStatus,
} from './newsletter.service.js';
import { pageNumber } from '../../web/pagination.js';
import { mailContext } from '../mail/mail.context.js';
import { reasonsText } from '../antibot/antibot.views.js';
import { BOARD_PAGE_SIZE } from '../../web/pagination.js';

/** The board keeps the newsletter: subscribers, quarantine, issues. */
const board = { config: { access: 'board' as const } };

type Query = Record<string, unknown>;
type SubscriberRow = Awaited<ReturnType<typeof listSubscribers>>['rows'][number];

const issueSchema = z.object({ subject: requiredText('Objet', 200), body: requiredText('Texte', 100_000) });

function SubscriberActions({ ctx, row }: { ctx: ViewContext; row: SubscriberRow }): JSX.Element {
  const actions: Array<[string, string]> = [];
  if (row.status === 'quarantined') actions.push(['release', 'Libérer : envoyer l’e-mail de confirmation']);
  if (row.status === 'confirmed') actions.push(['bounced', 'Marquer en erreur (rebond)']);
  actions.push(['delete', 'Effacer']);
  return (
    <div class="actions">
      {actions.map(([action, label]) => (
        <form method="post" action={`/bureau/newsletter/abonnes/${row.id}`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="action" value={action} />
          <button type="submit" class={action === 'release' ? '' : 'secondary'}>
            <span safe>{label}</span>
            <span class="visually-hidden" safe>{` : ${row.email}`}</span>
          </button>
        </form>
      ))}
    </div>
  );
}

function NewsletterPage(p: {
  ctx: ViewContext;
  counts: Record<SubscriberStatus, number>;
  rows: SubscriberRow[];
  total: number;
  page: number;
  status: SubscriberStatus | undefined;
  q: string;
  issues: Awaited<ReturnType<typeof listIssues>>;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / BOARD_PAGE_SIZE));
  const qs = (page: number) => {
    const params = new URLSearchParams();
    if (p.status) params.set('statut', p.status);
    if (p.q) params.set('q', p.q);
    if (page > 1) params.set('page', String(page));
    const s = params.toString();
    return s ? `/bureau/newsletter?${s}` : '/bureau/newsletter';
  };
  return (
    <Layout ctx={p.ctx} title="Newsletter">
      <h1>Newsletter</h1>
      <p class="actions">
        <a class="button" href="/bureau/newsletter/rediger">
          Rédiger un envoi
        </a>
        <a href="/bureau/newsletter?statut=quarantined" safe>{`Quarantaine à examiner (${p.counts.quarantined})`}</a>
      </p>
      <p>
        <strong
          safe
        >{`${p.counts.confirmed} abonné·e${p.counts.confirmed > 1 ? 's' : ''} confirmé·e${p.counts.confirmed > 1 ? 's' : ''}`}</strong>
        <span safe>{` — ${SUBSCRIBER_STATUSES.filter((s) => s !== 'confirmed')
          .map((s) => `${SUBSCRIBER_STATUS_LABELS[s]} : ${p.counts[s]}`)
          .join(' · ')}`}</span>
      </p>
      <h2>Envois archivés</h2>
      {p.issues.length === 0 ? (
        <p>Aucun envoi pour l’instant.</p>
      ) : (
        <ul class="request-list">
          {p.issues.map((i) => (
            <li>
              <a class="subject" href={`/bureau/newsletter/envois/${i.id}`} safe>
                {i.subject}
              </a>
              <span
                class="meta"
                safe
              >{`Envoyé le ${i.sent_at ? formatInstant(i.sent_at) : '—'} à ${i.recipients} abonné·e(s)${i.author ? ` par ${i.author}` : ''}`}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Abonné·e·s</h2>
      <form method="get" action="/bureau/newsletter" class="filters" role="search" aria-label="Filtrer les abonné·e·s">
        <div class="grid">
          <TextField name="q" type="search" label="Rechercher une adresse" value={p.q} />
          <SelectField
            name="statut"
            label="Statut"
            value={p.status ?? ''}
            placeholder="Tous"
            options={SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: SUBSCRIBER_STATUS_LABELS[s] }))}
          />
        </div>
        <button type="submit">Filtrer</button>
      </form>
      <p role="status" safe>{`${p.total} adresse${p.total > 1 ? 's' : ''}`}</p>
      <ul class="request-list">
        {p.rows.map((r) => (
          <li>
            <span class="subject" safe>
              {r.email}
            </span>
            <span class="meta" safe>
              {`${SUBSCRIBER_STATUS_LABELS[r.status as SubscriberStatus] ?? r.status} · ${r.locale.toUpperCase()} · ${SOURCE_LABELS[r.source] ?? r.source} · inscrit·e le ${formatInstant(r.created_at)}${r.confirmed_at ? ` · confirmé·e le ${formatInstant(r.confirmed_at)}` : ''}`}
            </span>
            {r.quarantine_reasons ? <p class="notice" safe>{`Raisons : ${reasonsText(r.quarantine_reasons)}`}</p> : ''}
            <SubscriberActions ctx={p.ctx} row={r} />
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {p.page > 1 ? <a href={qs(p.page - 1)}>Page précédente</a> : <span></span>}
          <span safe>{`Page ${p.page} sur ${pages}`}</span>
          {p.page < pages ? <a href={qs(p.page + 1)}>Page suivante</a> : <span></span>}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

function ComposePage(p: {
  ctx: ViewContext;
  subject: string;
  body: string;
  recipients: number;
  errors?: FieldErrors | undefined;
  preview?: string;
}): JSX.Element {
  const safePreview = p.preview ?? '';
  return (
    <Layout ctx={p.ctx} title="Rédiger la newsletter">
      <h1>Rédiger la newsletter</h1>
      <p safe>
        {`L’envoi part à ${p.recipients} abonné·e(s) confirmé·e(s), un courriel par personne, par la file d’envoi. Chaque courriel porte un lien de désinscription en un clic, dans la langue de l’abonné·e.`}
      </p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/bureau/newsletter/rediger" class="card" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextField name="subject" label="Objet" value={p.subject} errors={p.errors} required maxlength={200} />
        <TextArea
          name="body"
          label="Texte (Markdown)"
          hint="Envoyé en texte brut : le Markdown reste lisible tel quel. L’aperçu montre la mise en forme."
          value={p.body}
          errors={p.errors}
          rows={16}
          required
        />
        <button type="submit" name="action" value="preview">
          Aperçu avant l’envoi
        </button>
      </form>
      {safePreview ? (
        <section class="card" aria-labelledby="preview-title">
          <h2 id="preview-title">Aperçu</h2>
          <p class="meta" safe>{`Objet : ${p.subject}`}</p>
          <div class="prose">{safePreview}</div>
          {/* Sending is a separate form: what is sent is exactly what was previewed. */}
          <form
            method="post"
            action="/bureau/newsletter/rediger"
            data-confirm={`Envoyer maintenant à ${p.recipients} abonné·e(s) ?`}
          >
            <CsrfField token={p.ctx.csrfToken} />
            <input type="hidden" name="subject" value={p.subject} />
            <input type="hidden" name="body" value={p.body} />
            <button type="submit" name="action" value="send" safe>
              {`Envoyer maintenant à ${p.recipients} abonné·e(s)`}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

function IssuePage({
  ctx,
  issue,
}: {
  ctx: ViewContext;
  issue: NonNullable<Awaited<ReturnType<typeof getIssue>>>;
}): JSX.Element {
  const safeHtml = markdownToHtml(issue.body);
  return (
    <Layout ctx={ctx} title={issue.subject}>
      <h1 safe>{issue.subject}</h1>
      <p
        class="meta"
        safe
      >{`Envoyé le ${issue.sent_at ? formatInstant(issue.sent_at) : '—'} à ${issue.recipients} abonné·e(s)${issue.author ? ` par ${issue.author}` : ''}`}</p>
      <div class="card prose">{safeHtml}</div>
      <h2>Texte envoyé</h2>
      <pre class="pre card" safe>
        {issue.body}
      </pre>
      <p>
        <a href="/bureau/newsletter">Retour à la newsletter</a>
      </p>
    </Layout>
  );
}

export async function newsletterAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Querystring: Query }>('/bureau/newsletter', board, async (request, reply) => {
    const raw = str(request.query.statut);
    const status = (SUBSCRIBER_STATUSES as readonly string[]).includes(raw) ? (raw as SubscriberStatus) : undefined;
    const q = str(request.query.q).slice(0, 200);
    const page = pageNumber(request.query.page);
    const [counts, list, issues] = await Promise.all([
      subscriberCounts(db),
      listSubscribers(db, { status, q, page, pageSize: BOARD_PAGE_SIZE }),
      listIssues(db),
    ]);
    return sendHtml(
      reply,
      <NewsletterPage
        ctx={viewContext(request, reply)}
        counts={counts}
        rows={list.rows}
        total={list.total}
        page={page}
        status={status}
        q={q}
        issues={issues}
      />,
    );
  });

  app.post<{ Params: { id: string }; Body: Query }>('/bureau/newsletter/abonnes/:id', board, async (request, reply) => {
    const id = Number.parseInt(request.params.id, 10);
    const action = str(request.body?.action);
    const actor = request.currentUser?.id ?? null;
    let ok = false;
    if (Number.isSafeInteger(id)) {
      if (action === 'release') ok = await releaseSubscriber(db, id, mailContext(request), actor);
      else if (action === 'bounced' || action === 'delete') ok = await moderateSubscriber(db, id, action, actor);
    }
    setFlash(reply, ok ? 'Abonnement mis à jour.' : 'Cette action n’est pas possible sur cet abonnement.');
    return reply.redirect('/bureau/newsletter', 303);
  });

  const renderCompose = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: { subject: string; body: string },
    errors?: FieldErrors,
    preview?: string,
    status = 200,
  ) => {
    const counts = await subscriberCounts(db);
    return sendHtml(
      reply,
      <ComposePage
        ctx={viewContext(request, reply)}
        subject={values.subject}
        body={values.body}
        recipients={counts.confirmed}
        errors={errors}
        preview={preview}
      />,
      status,
    );
  };

  app.get('/bureau/newsletter/rediger', board, async (request, reply) =>
    renderCompose(request, reply, { subject: '', body: '' }),
  );

  app.post<{ Body: Query }>('/bureau/newsletter/rediger', board, async (request, reply) => {
    const body = request.body ?? {};
    const values = { subject: str(body.subject), body: str(body.body).replace(/\r\n/g, '\n') };
    const parsed = parseForm(issueSchema, values);
    if (!parsed.ok) return renderCompose(request, reply, values, parsed.errors, undefined, 400);
    if (str(body.action) !== 'send')
      return renderCompose(request, reply, values, undefined, markdownToHtml(values.body));
    const { id, recipients } = await sendIssue(
      db,
      app.vault,
      { subject: parsed.data.subject, body: values.body },
      mailContext(request),
      request.currentUser?.id ?? null,
    );
    setFlash(reply, `Newsletter mise dans la file d’envoi pour ${recipients} abonné·e(s).`);
    return reply.redirect(`/bureau/newsletter/envois/${id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/bureau/newsletter/envois/:id', board, async (request, reply) => {
    const id = Number.parseInt(request.params.id, 10);
    const issue = Number.isSafeInteger(id) ? await getIssue(db, id) : undefined;
    if (!issue) {
      return sendHtml(
        reply,
        <Layout ctx={viewContext(request, reply)} title="Envoi introuvable">
          <h1>Envoi introuvable</h1>
          <p>
            <a href="/bureau/newsletter">Retour à la newsletter</a>
          </p>
        </Layout>,
        404,
      );
    }
    return sendHtml(reply, <IssuePage ctx={viewContext(request, reply)} issue={issue} />);
  });
}
