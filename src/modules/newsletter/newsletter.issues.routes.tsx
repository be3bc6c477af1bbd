import { NOUNS, plural } from '../../lib/plural.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { isLocale } from '../../web/i18n/index.js';
import { idParam, parseForm, str } from '../../web/validation.js';
import { mailContext } from '../mail/mail.context.js';
import {
  deleteDraft,
  getIssue,
  issueDeliveries,
  saveDraft,
  sendIssue,
  sendTest,
  versionFor,
  type Issue,
} from './newsletter.issues.service.js';
import {
  EMPTY_ISSUE,
  IssueEditPage,
  issueFormValues,
  IssuePage,
  SendConfirmPage,
  type IssueFormValues,
} from './newsletter.issues.views.js';
import { renderIssueMail } from './newsletter.render.js';
import { issueSchema } from './newsletter.schemas.js';
import { confirmedByLocale } from './newsletter.service.js';
import { keysOf } from '../../lib/one-of.js';

const board = { config: { access: 'board' as const } };
type Body = Record<string, unknown>;

function formValues(body: Body): IssueFormValues {
  const out = { ...EMPTY_ISSUE };
  for (const key of keysOf(out)) out[key] = str(body[key]).replace(/\r\n/g, '\n');
  return out;
}

function issueId(raw: string): number {
  return idParam(raw) ?? 0;
}

/**
 * The board writes an issue as a draft (French, and Dutch and English when it
 * can), previews it, sends itself a test, then confirms the send on its own
 * page: no single click mails five hundred people.
 */
export async function newsletterIssuesRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  async function loadIssue(raw: string): Promise<Issue> {
    const issue = await getIssue(db, issueId(raw));
    if (!issue) throw new NotFoundError('Cette newsletter n’existe pas.');
    return issue;
  }

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | null,
    values: IssueFormValues,
    options: { errors?: FieldErrors; preview?: boolean; status?: number } = {},
  ) {
    const counts = await confirmedByLocale(db);
    return sendHtml(
      reply,
      <IssueEditPage
        ctx={viewContext(request, reply)}
        id={id}
        values={values}
        recipients={counts.fr + counts.nl + counts.en}
        errors={options.errors}
        preview={options.preview ?? false}
      />,
      options.status ?? 200,
    );
  }

  function whereTheMailIs(): string {
    return app.mailer.enabled
      ? 'Il part dans la minute.'
      : 'Il attend dans la boîte d’envoi : ce serveur n’envoie pas encore d’e-mails.';
  }

  /** Saves the draft (creating it if needed), then does what the pressed button asked. */
  async function handleEdit(request: FastifyRequest<{ Body: Body }>, reply: FastifyReply, id: number | null) {
    const body = request.body ?? {};
    const values = formValues(body);
    const parsed = parseForm(issueSchema, values);
    if (!parsed.ok) return renderEdit(request, reply, id, values, { errors: parsed.errors, status: 422 });
    const actor = request.currentUser;
    const savedId = await saveDraft(db, id, parsed.data, actor?.id ?? null);
    const action = str(body.action);
    if (action === 'preview') return renderEdit(request, reply, savedId, values, { preview: true });
    if (action === 'test' && actor) {
      const locales = await sendTest(db, savedId, actor.email, mailContext(request), actor.id);
      setFlash(
        reply,
        `Brouillon enregistré. Essai envoyé à ${actor.email} (${locales.length > 1 ? `${locales.length} versions` : '1 version'}). ${whereTheMailIs()}`,
      );
    } else setFlash(reply, 'Brouillon enregistré.');
    return reply.redirect(`/bureau/newsletter/envois/${savedId}/modifier`, 303);
  }

  app.get('/bureau/newsletter/rediger', board, async (request, reply) => renderEdit(request, reply, null, EMPTY_ISSUE));
  app.post<{ Body: Body }>('/bureau/newsletter/rediger', board, async (request, reply) =>
    handleEdit(request, reply, null),
  );

  app.get<{ Params: { id: string } }>('/bureau/newsletter/envois/:id/modifier', board, async (request, reply) => {
    const issue = await loadIssue(request.params.id);
    if (issue.status !== 'draft') return reply.redirect(`/bureau/newsletter/envois/${issue.id}`, 303);
    return renderEdit(request, reply, issue.id, issueFormValues(issue));
  });
  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/newsletter/envois/:id/modifier',
    board,
    async (request, reply) => handleEdit(request, reply, (await loadIssue(request.params.id)).id),
  );

  app.post<{ Params: { id: string } }>('/bureau/newsletter/envois/:id/supprimer', board, async (request, reply) => {
    await deleteDraft(db, (await loadIssue(request.params.id)).id);
    setFlash(reply, 'Brouillon supprimé.');
    return reply.redirect('/bureau/newsletter', 303);
  });

  app.get<{ Params: { id: string } }>('/bureau/newsletter/envois/:id/envoyer', board, async (request, reply) => {
    const issue = await loadIssue(request.params.id);
    if (issue.status !== 'draft') return reply.redirect(`/bureau/newsletter/envois/${issue.id}`, 303);
    const counts = await confirmedByLocale(db);
    return sendHtml(reply, <SendConfirmPage ctx={viewContext(request, reply)} issue={issue} byLocale={counts} />);
  });

  app.post<{ Params: { id: string } }>('/bureau/newsletter/envois/:id/envoyer', board, async (request, reply) => {
    const issue = await loadIssue(request.params.id);
    const { recipients } = await sendIssue(
      db,
      app.vault,
      issue.id,
      mailContext(request),
      request.currentUser?.id ?? null,
    );
    setFlash(
      reply,
      `Newsletter mise en file pour ${plural(recipients, NOUNS.subscriber)}. ${app.mailer.enabled ? 'Les e-mails partent par paquets : cette page montre où en est l’envoi.' : 'Ce serveur n’envoie pas encore d’e-mails : ils attendent dans la boîte d’envoi.'}`,
    );
    return reply.redirect(`/bureau/newsletter/envois/${issue.id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/bureau/newsletter/envois/:id', board, async (request, reply) => {
    const issue = await loadIssue(request.params.id);
    if (issue.status === 'draft') return reply.redirect(`/bureau/newsletter/envois/${issue.id}/modifier`, 303);
    const state = await issueDeliveries(db, issue);
    return sendHtml(reply, <IssuePage ctx={viewContext(request, reply)} issue={issue} state={state} />);
  });

  // The mail's HTML part as a page: its inline styles need a policy of their own (no script, nothing from elsewhere).
  app.get<{ Params: { id: string; locale: string } }>(
    '/bureau/newsletter/envois/:id/courriel/:locale',
    board,
    async (request, reply) => {
      const issue = await loadIssue(request.params.id);
      const wanted = request.params.locale;
      if (!isLocale(wanted) || (wanted !== 'fr' && !issue.versions[wanted]))
        throw new NotFoundError('Cette version n’existe pas.');
      const { version, locale } = versionFor(issue.versions, wanted);
      const { html } = renderIssueMail(version, locale, mailContext(request), { kind: 'test' });
      return reply
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        )
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );
}
