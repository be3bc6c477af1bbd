import type { ViewContext } from '../../web/context.js';
import { translator, type Locale } from '../../web/i18n/index.js';
import { ConfirmButtonPage, MessagePage } from '../../web/public-pages.js';

type Alternates = Partial<Record<Locale, string>>;

/** What the unsubscribe link of a convocation opens: one button (mail scanners follow links, never forms). */
export function UnsubscribeConfirmPage(p: {
  ctx: ViewContext;
  locale: Locale;
  action: string;
  token: string;
  alternates: Alternates;
}): JSX.Element {
  const t = translator(p.locale);
  return (
    <ConfirmButtonPage
      ctx={p.ctx}
      locale={p.locale}
      title={t('plenary.unsubscribe.title')}
      message={t('plenary.unsubscribe.body')}
      button={t('plenary.unsubscribe.button')}
      action={p.action}
      token={p.token}
      alternates={p.alternates}
      withCsrf={false}
    />
  );
}

/** The answer to the button (or to the mail client's one-click POST): done, or an unknown link. */
export function UnsubscribeResultPage(p: {
  ctx: ViewContext;
  locale: Locale;
  ok: boolean;
  alternates: Alternates;
}): JSX.Element {
  const t = translator(p.locale);
  return (
    <MessagePage
      ctx={p.ctx}
      locale={p.locale}
      title={t('plenary.unsubscribe.title')}
      message={t(p.ok ? 'plenary.unsubscribed.body' : 'plenary.unsubscribe.invalid')}
      alternates={p.alternates}
    />
  );
}
