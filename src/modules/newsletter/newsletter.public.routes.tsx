import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendHtml, viewContext, type ViewContext } from '../../web/context.js';
import { LOCALES, localePath, translator } from '../../web/i18n/index.js';
import { parseForm, str } from '../../web/validation.js';
import { z } from 'zod';
import {
  confirmSubscription,
  findByUnsubscribeToken,
  findPendingByConfirmToken,
  isConfirmedByToken,
  requestSubscription,
  unsubscribe,
} from './newsletter.service.js';
import { SubscribePage } from './newsletter.public.views.js';
import { alternatesFor } from '../../web/alternates.js';
import { ConfirmButtonPage, MessagePage, tooMany } from '../../web/public-pages.js';
import { mailContext } from '../mail/mail.context.js';
import { CONFIRM_DAYS } from '../../lib/signup-delays.js';
import { publicEmailField } from '../../web/validation.js';

const pub = { config: { access: 'public' as const } };

type Body = Record<string, unknown>;

export async function newsletterRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  for (const locale of LOCALES) {
    const t = translator(locale);
    const p = (path: string) => localePath(locale, path);
    const schema = z.object({ email: publicEmailField(t) });

    /** A confirmation link that no longer confirms: already served (nothing to do), or expired or unknown. */
    async function spentLink(
      reply: FastifyReply,
      ctx: ViewContext,
      token: string,
      alternates?: ReturnType<typeof alternatesFor>,
    ) {
      const already = await isConfirmedByToken(db, token);
      return sendHtml(
        reply,
        <MessagePage
          ctx={ctx}
          locale={locale}
          title={already ? t('newsletter.confirmed.title') : t('newsletter.confirm.title')}
          message={already ? t('newsletter.confirm.already') : t('newsletter.confirm.invalid')}
          {...(alternates ? { alternates } : {})}
        />,
        already ? 200 : 404,
      );
    }

    app.get(p('/newsletter'), pub, async (request, reply) =>
      sendHtml(
        reply,
        <SubscribePage ctx={viewContext(request, reply)} locale={locale} guard={app.antibot.issue()} email="" />,
      ),
    );

    app.post<{ Body: Body }>(p('/newsletter'), pub, async (request, reply) => {
      const body = request.body ?? {};
      const parsed = parseForm(schema, body);
      if (!parsed.ok)
        return sendHtml(
          reply,
          <SubscribePage
            ctx={viewContext(request, reply)}
            locale={locale}
            guard={app.antibot.issue()}
            email={str(body.email)}
            errors={parsed.errors}
          />,
          400,
        );
      // The same defences as the signing form: a subscription is created here too.
      const assessment = await app.antibot.assess({ fields: body, email: parsed.data.email, ip: request.ip });
      if (assessment.verdict === 'reject') return tooMany(request, reply, locale);
      // The same form sent again (double click, replay): the same answer, nothing saved or sent.
      const outcome =
        assessment.verdict === 'duplicate'
          ? 'duplicate'
          : await requestSubscription(
              db,
              app.vault,
              { email: parsed.data.email, locale, assessment },
              mailContext(request),
            );
      request.log.info({ outcome, reasons: assessment.reasons }, 'newsletter subscription submitted');
      return sendHtml(
        reply,
        <MessagePage
          ctx={viewContext(request, reply)}
          locale={locale}
          title={t('manifesto.sent.title')}
          message={t('newsletter.sent.body', { days: CONFIRM_DAYS })}
        />,
      );
    });

    app.get<{ Querystring: Body }>(p('/newsletter/confirmer'), pub, async (request, reply) => {
      const token = str(request.query.jeton);
      const ctx = viewContext(request, reply);
      const alternates = alternatesFor('/newsletter/confirmer', `?jeton=${encodeURIComponent(token)}`);
      if (!(await findPendingByConfirmToken(db, token))) return spentLink(reply, ctx, token, alternates);
      return sendHtml(
        reply,
        <ConfirmButtonPage
          ctx={ctx}
          locale={locale}
          title={t('newsletter.confirm.title')}
          message={t('newsletter.confirm.body')}
          button={t('newsletter.confirm.button')}
          action={p('/newsletter/confirmer')}
          token={token}
          alternates={alternates}
          withCsrf
        />,
      );
    });

    app.post<{ Body: Body }>(p('/newsletter/confirmer'), pub, async (request, reply) => {
      const token = str(request.body?.jeton);
      const ok = await confirmSubscription(db, token);
      const ctx = viewContext(request, reply);
      if (!ok) return spentLink(reply, ctx, token);
      return sendHtml(
        reply,
        <MessagePage
          ctx={ctx}
          locale={locale}
          title={t('newsletter.confirmed.title')}
          message={t('newsletter.confirmed.body')}
        />,
      );
    });

    app.get<{ Querystring: Body }>(p('/newsletter/desinscription'), pub, async (request, reply) => {
      const token = str(request.query.jeton);
      const ctx = viewContext(request, reply);
      const alternates = alternatesFor('/newsletter/desinscription', `?jeton=${encodeURIComponent(token)}`);
      // Opening the link changes nothing (mail scanners open links): the button does.
      if (!(await findByUnsubscribeToken(db, token))) {
        return sendHtml(
          reply,
          <MessagePage
            ctx={ctx}
            locale={locale}
            title={t('newsletter.unsubscribe.title')}
            message={t('newsletter.unsubscribe.invalid')}
            alternates={alternates}
          />,
          404,
        );
      }
      return sendHtml(
        reply,
        <ConfirmButtonPage
          ctx={ctx}
          locale={locale}
          title={t('newsletter.unsubscribe.title')}
          message={t('newsletter.unsubscribe.body')}
          button={t('newsletter.unsubscribe.button')}
          action={`${p('/newsletter/desinscription')}?jeton=${encodeURIComponent(token)}`}
          token={token}
          alternates={alternates}
          withCsrf={false}
        />,
      );
    });

    // RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click`
    // to the URL of the List-Unsubscribe header, without any cookie or CSRF token.
    // Declared `api: true` ON PURPOSE so the CSRF check does not refuse them; the
    // unguessable token in the URL is the only credential, and the worst a forged
    // request can do is unsubscribe the address that token belongs to.
    app.post<{ Body: Body; Querystring: Body }>(
      p('/newsletter/desinscription'),
      { config: { access: 'public', api: true } },
      async (request, reply) => {
        const token = str(request.query.jeton) || str(request.body?.jeton);
        const ok = await unsubscribe(db, token);
        const ctx = viewContext(request, reply);
        if (!ok)
          return sendHtml(
            reply,
            <MessagePage
              ctx={ctx}
              locale={locale}
              title={t('newsletter.unsubscribe.title')}
              message={t('newsletter.unsubscribe.invalid')}
            />,
            404,
          );
        return sendHtml(
          reply,
          <MessagePage
            ctx={ctx}
            locale={locale}
            title={t('newsletter.unsubscribed.title')}
            message={t('newsletter.unsubscribed.body')}
          >
            <p>
              <a href={p('/newsletter')} safe>
                {t('newsletter.subscribe.title')}
              </a>
            </p>
          </MessagePage>,
        );
      },
    );
  }
}
