import type Html from '@kitajs/html';
import { PublicLayout } from './public-layout.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml, viewContext, type ViewContext } from './context.js';
import { translator, type Locale } from './i18n/index.js';

/** A short page with a title and a message: the neutral answers. */
export function MessagePage({
  children,
  ...p
}: {
  ctx: ViewContext;
  locale: Locale;
  title: string;
  message: string;
  alternates?: Partial<Record<Locale, string>>;
  children?: Html.Children;
}): JSX.Element {
  return (
    <PublicLayout ctx={p.ctx} locale={p.locale} title={p.title} alternates={p.alternates} narrow>
      <h1 safe>{p.title}</h1>
      <p role="status" safe>
        {p.message}
      </p>
      {children}
    </PublicLayout>
  );
}

/** The page a mail link opens: a button that confirms by POST (mail scanners only GET). */
export function ConfirmButtonPage(p: {
  ctx: ViewContext;
  locale: Locale;
  title: string;
  message: string;
  button: string;
  action: string;
  token: string;
  alternates: Partial<Record<Locale, string>>;
  withCsrf: boolean;
}): JSX.Element {
  return (
    <PublicLayout ctx={p.ctx} locale={p.locale} title={p.title} alternates={p.alternates} narrow>
      <h1 safe>{p.title}</h1>
      <p safe>{p.message}</p>
      <form method="post" action={p.action}>
        {p.withCsrf ? <input type="hidden" name="_csrf" value={p.ctx.csrfToken} /> : ''}
        <input type="hidden" name="jeton" value={p.token} />
        <button type="submit" safe>
          {p.button}
        </button>
      </form>
    </PublicLayout>
  );
}

/** The answer to a rejected submission (rate limit): a real 429, in the visitor's language. */
export function tooMany(request: FastifyRequest, reply: FastifyReply, locale: Locale) {
  const t = translator(locale);
  return sendHtml(
    reply,
    <MessagePage
      ctx={viewContext(request, reply)}
      locale={locale}
      title={t('ratelimit.title')}
      message={t('ratelimit.body')}
    />,
    429,
  );
}
