import type { ViewContext } from '../../web/context.js';
import { translator, type Locale } from '../../web/i18n/index.js';
import { PublicLayout } from '../../web/public-layout.js';
import { alternatesFor } from '../../web/alternates.js';
import type { HelplineInfo } from './site.helpline.service.js';
import { HelplineCard } from './site.helpline.views.js';

/** The contact page: the helpline, the e-mail and postal addresses from the settings. */
export function ContactPage({
  ctx,
  locale,
  info,
}: {
  ctx: ViewContext;
  locale: Locale;
  info: HelplineInfo;
}): JSX.Element {
  const t = translator(locale);
  const s = info.settings;
  return (
    <PublicLayout
      ctx={ctx}
      locale={locale}
      title={t('contact.title')}
      description={t('contact.intro')}
      alternates={alternatesFor('/contact')}
      narrow
    >
      <h1 safe>{t('contact.title')}</h1>
      <p safe>{t('contact.intro')}</p>
      <HelplineCard locale={locale} info={info} />
      {s.contactEmail || s.contactAddress ? (
        <dl class="contact">
          {s.contactEmail ? (
            <>
              <dt safe>{t('contact.email')}</dt>
              <dd>
                <a href={`mailto:${s.contactEmail}`} safe>
                  {s.contactEmail}
                </a>
              </dd>
            </>
          ) : (
            ''
          )}
          {s.contactAddress ? (
            <>
              <dt safe>{t('contact.address')}</dt>
              <dd>
                {s.contactAddress
                  .split(/\r?\n/)
                  .filter((line) => line.trim())
                  .map((line, i) => (
                    <>
                      {i > 0 ? <br /> : ''}
                      <span safe>{line}</span>
                    </>
                  ))}
              </dd>
            </>
          ) : (
            ''
          )}
        </dl>
      ) : (
        <p safe>{t('contact.missing')}</p>
      )}
      <p class="notice" safe>
        {t('contact.privacy')}
      </p>
    </PublicLayout>
  );
}
