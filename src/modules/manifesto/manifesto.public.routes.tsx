import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendCachedHtml, sendNeutralAnswer } from '../../web/microcache.js';
import { sendHtml, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { LOCALES, localePath, translator } from '../../web/i18n/index.js';
import { idParam, pageParam, parseForm, str } from '../../web/validation.js';
import type { SignupOutcome } from '../newsletter/newsletter.service.js';
import { confirmedCounts, currentVersion, findVersion, listVersions, publicSignatories } from './manifesto.queries.js';
import { PUBLIC_PAGE_SIZE, signSchema } from './manifesto.schemas.js';
import { GroupCommit } from '../../lib/group-commit.js';
import {
  confirmSignature,
  isConfirmedToken,
  findPendingByToken,
  submitSignatures,
  type SignatureSubmission,
} from './manifesto.service.js';
import {
  EMPTY_SIGN,
  HistoryPage,
  ManifestoPage,
  SignatoriesPage,
  SignPage,
  VersionPage,
  type SignValues,
} from './manifesto.public.views.js';
import { alternatesFor } from '../../web/alternates.js';
import { ConfirmButtonPage, MessagePage } from '../../web/public-pages.js';
import { tooMany } from '../../web/public-pages.js';
import { mailContext } from '../mail/mail.context.js';
import { CONFIRM_DAYS } from '../../lib/signup-delays.js';

/** The public side: anyone may read, sign and confirm. */
const pub = { config: { access: 'public' as const } };

type Body = Record<string, unknown>;

function signValues(body: Body): SignValues {
  return {
    kind: str(body.kind),
    name: str(body.name),
    functionOrOrg: str(body.functionOrOrg),
    town: str(body.town),
    email: str(body.email),
    showPublicly: str(body.showPublicly) !== '',
    newsletter: str(body.newsletter) !== '',
    contact: str(body.contact) !== '',
  };
}

export async function manifestoRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  // Concurrent signatures are saved together, one commit per group (src/lib/group-commit.ts).
  const intake = new GroupCommit<SignatureSubmission, SignupOutcome>(
    (items) => submitSignatures(db, app.vault, items),
    {
      concurrency: app.dbKind === 'postgres' ? 2 : 1,
      // Measured with scripts/bench-public.ts: a second turn gathers ~20 % more on SQLite, no loss on PostgreSQL.
      turns: 2,
    },
  );
  app.addHook('onClose', () => intake.idle());

  for (const locale of LOCALES) {
    const t = translator(locale);
    const p = (path: string) => localePath(locale, path);
    // Built once per language, not per submission.
    const schema = signSchema(t);

    app.get(p('/manifeste'), pub, async (request, reply) =>
      sendCachedHtml(request, reply, async () => {
        const [version, counts] = await Promise.all([currentVersion(db, locale), confirmedCounts(db)]);
        return `<!doctype html>${await (<ManifestoPage ctx={viewContext(request, reply)} locale={locale} version={version} counts={counts} />)}`;
      }),
    );

    app.get(p('/manifeste/historique'), pub, async (request, reply) => {
      const [versions, current] = await Promise.all([listVersions(db, locale), currentVersion(db, locale)]);
      return sendHtml(
        reply,
        <HistoryPage ctx={viewContext(request, reply)} locale={locale} versions={versions} currentId={current?.id} />,
      );
    });

    app.get<{ Params: { id: string } }>(p('/manifeste/historique/:id'), pub, async (request, reply) => {
      // « 1-anything » still finds version 1, as parseInt read it; the visit counter keeps one key per version.
      const id = idParam(/^\d+/.exec(request.params.id)?.[0]);
      const version = id === undefined ? undefined : await findVersion(db, id);
      if (!version || version.locale !== locale) {
        return sendHtml(
          reply,
          <MessagePage
            ctx={viewContext(request, reply)}
            locale={locale}
            title={t('manifesto.history.title')}
            message={t('manifesto.none')}
          />,
          404,
        );
      }
      return sendHtml(reply, <VersionPage ctx={viewContext(request, reply)} locale={locale} version={version} />);
    });

    /** Nobody signs a placeholder: until the board publishes the real text in this language, the form is closed. */
    const signingClosed = async () => (await currentVersion(db, locale))?.is_placeholder !== 0;

    app.get<{ Querystring: Body }>(p('/manifeste/signataires'), pub, async (request, reply) => {
      const page = pageParam(request.query.page);
      const [list, counts, closed] = await Promise.all([
        publicSignatories(db, page, PUBLIC_PAGE_SIZE),
        confirmedCounts(db),
        signingClosed(),
      ]);
      const pages = Math.max(1, Math.ceil(list.total / PUBLIC_PAGE_SIZE));
      return sendHtml(
        reply,
        <SignatoriesPage
          ctx={viewContext(request, reply)}
          locale={locale}
          rows={list.rows}
          page={Math.min(page, pages)}
          pages={pages}
          total={list.total}
          counts={counts}
          signingOpen={!closed}
        />,
      );
    });

    const renderSign = (
      request: FastifyRequest,
      reply: FastifyReply,
      values: SignValues,
      errors?: FieldErrors,
      status = 200,
    ) =>
      sendHtml(
        reply,
        <SignPage
          ctx={viewContext(request, reply)}
          locale={locale}
          guard={app.antibot.issue()}
          values={values}
          errors={errors}
        />,
        status,
      );

    const renderClosed = (request: FastifyRequest, reply: FastifyReply, status: number) =>
      sendHtml(
        reply,
        <MessagePage
          ctx={viewContext(request, reply)}
          locale={locale}
          title={t('manifesto.sign.title')}
          message={t('manifesto.sign.closed')}
          alternates={alternatesFor('/manifeste/signer')}
        />,
        status,
      );

    app.get(p('/manifeste/signer'), pub, async (request, reply) =>
      (await signingClosed()) ? renderClosed(request, reply, 200) : renderSign(request, reply, EMPTY_SIGN),
    );

    app.post<{ Body: Body }>(p('/manifeste/signer'), pub, async (request, reply) => {
      if (await signingClosed()) return renderClosed(request, reply, 409);
      const body = request.body ?? {};
      const parsed = parseForm(schema, body);
      if (!parsed.ok) return renderSign(request, reply, signValues(body), parsed.errors, 400);
      const assessment = await app.antibot.assess({ fields: body, email: parsed.data.email, ip: request.ip });
      if (assessment.verdict === 'reject') return tooMany(request, reply, locale);
      // The same form sent again (double click, replay): the same answer, nothing saved or sent.
      const outcome =
        assessment.verdict === 'duplicate'
          ? 'duplicate'
          : await intake.submit({ input: parsed.data, locale, assessment, mail: mailContext(request) });
      // The outcome is logged (never the address): the page below is the same for all.
      request.log.info({ outcome, reasons: assessment.reasons }, 'manifesto signature submitted');
      return sendNeutralAnswer(
        request,
        reply,
        async () =>
          `<!doctype html>${await (<MessagePage ctx={viewContext(request, reply)} locale={locale} title={t('manifesto.sent.title')} message={t('manifesto.sent.body', { days: CONFIRM_DAYS })} />)}`,
      );
    });

    app.get<{ Querystring: Body }>(p('/manifeste/confirmer'), pub, async (request, reply) => {
      const token = str(request.query.jeton);
      const ctx = viewContext(request, reply);
      const alternates = alternatesFor('/manifeste/confirmer', `?jeton=${encodeURIComponent(token)}`);
      // Looking is not confirming: a mail scanner that opens the link changes nothing.
      if (!(await findPendingByToken(db, token))) {
        const already = await isConfirmedToken(db, token);
        return sendHtml(
          reply,
          <MessagePage
            ctx={ctx}
            locale={locale}
            title={already ? t('manifesto.confirmed.title') : t('manifesto.confirm.title')}
            message={already ? t('manifesto.confirm.already') : t('manifesto.confirm.invalid')}
            alternates={alternates}
          />,
          already ? 200 : 404,
        );
      }
      return sendHtml(
        reply,
        <ConfirmButtonPage
          ctx={ctx}
          locale={locale}
          title={t('manifesto.confirm.title')}
          message={t('manifesto.confirm.body')}
          button={t('manifesto.confirm.button')}
          action={p('/manifeste/confirmer')}
          token={token}
          alternates={alternates}
          withCsrf
        />,
      );
    });

    app.post<{ Body: Body }>(p('/manifeste/confirmer'), pub, async (request, reply) => {
      const ok = await confirmSignature(db, str(request.body?.jeton));
      if (ok) await app.publicCache.clear();
      const ctx = viewContext(request, reply);
      if (!ok) {
        const already = await isConfirmedToken(db, str(request.body?.jeton));
        return sendHtml(
          reply,
          <MessagePage
            ctx={ctx}
            locale={locale}
            title={already ? t('manifesto.confirmed.title') : t('manifesto.confirm.title')}
            message={already ? t('manifesto.confirm.already') : t('manifesto.confirm.invalid')}
          />,
          already ? 200 : 404,
        );
      }
      return sendHtml(
        reply,
        <MessagePage
          ctx={ctx}
          locale={locale}
          title={t('manifesto.confirmed.title')}
          message={t('manifesto.confirmed.body')}
        >
          <p>
            <a href={p('/manifeste/signataires')} safe>
              {t('manifesto.list.link')}
            </a>
          </p>
        </MessagePage>,
      );
    });
  }
}
