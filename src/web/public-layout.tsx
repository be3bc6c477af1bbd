import type Html from '@kitajs/html';
import { assetUrl } from './assets.js';
import { FlashAtTop } from './flash.js';
import type { ViewContext } from './context.js';
import { HTML_LANG, LOCALE_NAMES, LOCALES, localePath, translator, type Locale } from './i18n/index.js';

interface PublicLayoutProps {
  ctx: ViewContext;
  locale: Locale;
  title: string;
  description?: string;
  /**
   * The same page in other languages (paths); gives hreflang links and the language switch.
   * Without it, the page exists in its own language only (the login, the guide): it is its own alternate.
   */
  alternates?: Partial<Record<Locale, string>>;
  children?: Html.Children;
  /** Narrow reading column (forms, the guide). */
  narrow?: boolean;
}

const NAV: Array<[string, Parameters<ReturnType<typeof translator>>[0]]> = [
  ['/', 'nav.home'],
  ['/manifeste', 'nav.manifesto'],
  ['/actualites', 'nav.news'],
  ['/ressources', 'nav.resources'],
  ['/agenda', 'nav.agenda'],
  ['/temoignages', 'nav.testimonies'],
  ['/membres', 'nav.members'],
  ['/guide', 'nav.guide'],
  ['/newsletter', 'newsletter.title'],
  ['/contact', 'nav.contact'],
];

/**
 * The public site's frame: right `lang`, hreflang alternates, a language
 * switch, no script needed, no third-party resource.
 */
export function PublicLayout({
  ctx,
  locale,
  title,
  description,
  alternates: given,
  children,
  narrow,
}: PublicLayoutProps): JSX.Element {
  const t = translator(locale);
  const base = ctx.publicUrl;
  const alternates: Partial<Record<Locale, string>> = given ?? { [locale]: ctx.path };
  const others = LOCALES.filter((l) => alternates[l] !== undefined);
  return (
    <html lang={HTML_LANG[locale]}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title safe>{`${title} · ${ctx.organisationName}`}</title>
        {description ? <meta name="description" content={description} /> : ''}
        {others.map((l) => (
          <link rel="alternate" hreflang={HTML_LANG[l]} href={`${base}${alternates[l] ?? ''}`} />
        ))}
        {alternates.fr ? <link rel="alternate" hreflang="x-default" href={`${base}${alternates.fr}`} /> : ''}
        {/* The news feed of this language (src/modules/site/site.feed.ts). */}
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${t('nav.news')} · ${ctx.organisationName}`}
          href={`${base}${localePath(locale, '/actualites.atom')}`}
        />
        <link rel="icon" href={assetUrl('icon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('style.css')} />
        <script src={assetUrl('app.js')} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#contenu" safe>
          {t('skip')}
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href={localePath(locale, '/')} safe>
              {ctx.organisationName}
            </a>
            {/* Always there: a page that exists in one language only (the guide, the login) leads to the other languages' home. */}
            <nav aria-label={t('lang.switch')} class="lang-switch">
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    <a
                      href={alternates[l] ?? localePath(l, '/')}
                      hreflang={HTML_LANG[l]}
                      lang={HTML_LANG[l]}
                      aria-current={l === locale ? 'true' : undefined}
                      safe
                    >
                      {LOCALE_NAMES[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav aria-label={t('nav.label')} class="main-nav">
            <ul>
              {NAV.map(([path, key]) => {
                const href = path === '/guide' ? '/guide' : localePath(locale, path);
                const current = ctx.path === href || (path !== '/' && ctx.path.startsWith(`${href}/`));
                return (
                  <li>
                    <a href={href} aria-current={current ? 'page' : undefined} safe>
                      {t(key)}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        </header>
        <main id="contenu" class={narrow ? 'narrow' : ''} tabindex="-1">
          {/* After the page's own content is built: a message placed by <FlashHere> is not repeated here. */}
          <FlashAtTop ctx={ctx} />
          {children}
        </main>
        <footer class="site-footer">
          <p safe>{t('footer.note')}</p>
          <p>
            <a href={localePath(locale, '/vie-privee')} safe>
              {t('footer.privacy')}
            </a>{' '}
            ·{' '}
            <a href="/connexion" safe>
              {t('nav.board')}
            </a>{' '}
            ·{' '}
            <a href={ctx.sourceUrl} safe>
              {t('footer.source')}
            </a>
          </p>
        </footer>
      </body>
    </html>
  );
}
