import type { ViewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { localePath, translator, type Locale } from '../../web/i18n/index.js';
import { PublicLayout } from '../../web/public-layout.js';
import type { FormGuard } from '../antibot/antibot.service.js';
import { AntibotFields } from '../antibot/antibot.views.js';
import { PublicErrorSummary, PublicTextField } from '../../web/public-forms.js';
import { alternatesFor } from '../../web/alternates.js';

export function SubscribePage(p: {
  ctx: ViewContext;
  locale: Locale;
  guard: FormGuard;
  email: string;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const t = translator(p.locale);
  return (
    <PublicLayout
      ctx={p.ctx}
      locale={p.locale}
      title={t('newsletter.title')}
      description={t('newsletter.intro')}
      alternates={alternatesFor('/newsletter')}
      narrow
    >
      <h1 safe>{t('newsletter.title')}</h1>
      <p safe>{t('newsletter.intro')}</p>
      <PublicErrorSummary t={t} errors={p.errors} />
      <form
        method="post"
        action={localePath(p.locale, '/newsletter')}
        class="card"
        novalidate
        aria-labelledby="subscribe-title"
      >
        <h2 id="subscribe-title" safe>
          {t('newsletter.subscribe.title')}
        </h2>
        <input type="hidden" name="_csrf" value={p.ctx.csrfToken} />
        <AntibotFields guard={p.guard} honeypotLabel={t('form.honeypot')} />
        <PublicTextField
          t={t}
          name="email"
          type="email"
          label={t('field.email')}
          hint={t('field.email.hint')}
          value={p.email}
          errors={p.errors}
          required
          maxlength={254}
          autocomplete="email"
        />
        <button type="submit" safe>
          {t('newsletter.subscribe.submit')}
        </button>
      </form>
    </PublicLayout>
  );
}
