import type { RetentionDelays } from '../../config.js';
import type { ViewContext } from '../../web/context.js';
import { localePath, translator, type Locale } from '../../web/i18n/index.js';
import { alternatesFor } from '../../web/alternates.js';
import { PublicLayout } from '../../web/public-layout.js';
import type { PrivacyController } from '../setup/setup.privacy.service.js';

/** The sections of the notice, in order: what is recorded, why and on what basis, how long, the rights. */
const SECTIONS = [
  ['privacy.visits.title', 'privacy.visits'],
  ['privacy.cookies.title', 'privacy.cookies'],
  ['privacy.guide.title', 'privacy.guide'],
  ['privacy.signatures.title', 'privacy.signatures'],
  ['privacy.requests.title', 'privacy.requests'],
] as const;

const BASES = [
  'privacy.basis.newsletter',
  'privacy.basis.signatures',
  'privacy.basis.members',
  'privacy.basis.requests',
  'privacy.basis.visits',
] as const;

function Lines({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line, i) => (
          <>
            {i > 0 ? <br /> : ''}
            <span safe>{line}</span>
          </>
        ))}
    </>
  );
}

function Controller({ locale, controller }: { locale: Locale; controller: PrivacyController | null }): JSX.Element {
  const t = translator(locale);
  if (!controller) return <p safe>{t('privacy.controller.missing')}</p>;
  return (
    <>
      <p safe>{t('privacy.controller')}</p>
      <p>
        <strong safe>{controller.name}</strong>
        <br />
        <Lines text={controller.address} />
      </p>
      <p>
        <span safe>{`${t('privacy.controller.email')} `}</span>
        <a href={`mailto:${controller.email}`} safe>
          {controller.email}
        </a>
      </p>
      {controller.dpo ? (
        <p>
          <span safe>{`${t('privacy.controller.dpo')} `}</span>
          <Lines text={controller.dpo} />
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/**
 * The public privacy notice (GDPR articles 13 and 14): the controller from the
 * settings (« L’organisation » in the back office), the purposes and their
 * legal bases, the retention delays this server really applies, the rights and
 * how to use them, the supervisory authority.
 */
export function PrivacyPage({
  ctx,
  locale,
  retention,
  controller,
}: {
  ctx: ViewContext;
  locale: Locale;
  retention: RetentionDelays;
  controller: PrivacyController | null;
}): JSX.Element {
  const t = translator(locale);
  const delays = { ...retention };
  return (
    <PublicLayout
      ctx={ctx}
      locale={locale}
      title={t('privacy.title')}
      description={t('privacy.intro')}
      alternates={alternatesFor('/vie-privee')}
      narrow
    >
      <h1 safe>{t('privacy.title')}</h1>
      <p safe>{t('privacy.intro')}</p>
      <h2 safe>{t('privacy.controller.title')}</h2>
      <Controller locale={locale} controller={controller} />
      {SECTIONS.map(([title, body]) => (
        <>
          <h2 safe>{t(title)}</h2>
          <p safe>{t(body)}</p>
        </>
      ))}
      <h2 safe>{t('privacy.purposes.title')}</h2>
      <p safe>{t('privacy.purposes.intro')}</p>
      <ul>
        {BASES.map((key) => (
          <li safe>{t(key)}</li>
        ))}
      </ul>
      <p safe>{t('privacy.basis.sensitive')}</p>
      <h2 safe>{t('privacy.retention.title')}</h2>
      <p safe>{t('privacy.retention', delays)}</p>
      <h2 safe>{t('privacy.rights.title')}</h2>
      <p safe>{t('privacy.rights')}</p>
      <p safe>{t('privacy.rights.articles')}</p>
      <h2 safe>{t('privacy.ask.title')}</h2>
      <p safe>{t('privacy.ask')}</p>
      <h2 safe>{t('privacy.authority.title')}</h2>
      <p safe>{t('privacy.authority')}</p>
      <p class="meta" safe>
        {t('privacy.source')}
      </p>
      <p>
        <a href={localePath(locale, '/contact')} safe>
          {t('contact.title')}
        </a>
      </p>
    </PublicLayout>
  );
}
