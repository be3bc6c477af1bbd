import type Html from '@kitajs/html';
import type { ViewContext } from './context.js';
import { assetUrl } from './assets.js';
import { primaryLinks } from './sections.js';
import { hasRole } from './access.js';
import { FlashAtTop } from './flash.js';

interface LayoutProps {
  ctx: ViewContext;
  title: string;
  children?: Html.Children;
  /** Narrow pages (login, forms on a phone). */
  narrow?: boolean;
  /** Scripts only some pages need, besides app.js (passkeys). */
  scripts?: Array<'passkey.js'>;
}

export function Layout({ ctx, title, children, narrow, scripts }: LayoutProps): JSX.Element {
  return (
    <html lang="fr-BE">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title safe>{`${title} · Vigie`}</title>
        {/* Declared so browsers do not fetch a missing /favicon.ico on every page. */}
        <link rel="icon" href={assetUrl('icon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('style.css')} />
        {/* Signed in: app.js keeps the session alive while a form is being filled in. */}
        {ctx.user ? <meta name="vigie-keep-alive" content="/session/maintien" /> : ''}
        <script src={assetUrl('app.js')} defer></script>
        {(scripts ?? []).map((name) => (
          <script src={assetUrl(name)} defer></script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href={ctx.user ? (hasRole(ctx.user, 'board') ? '/tableau-de-bord' : '/bureau') : '/'}>
              Vigie{' '}
              <span class="brand-org" safe>
                {ctx.organisationName}
              </span>
            </a>
            {ctx.user ? <UserMenu ctx={ctx} /> : ''}
          </div>
          {ctx.user ? <MainNav ctx={ctx} /> : <PublicNav ctx={ctx} />}
        </header>
        <main id="contenu" class={narrow ? 'narrow' : ''} tabindex="-1">
          {/* After the page's own content is built: a message placed by <FlashHere> is not repeated here. */}
          <FlashAtTop ctx={ctx} />
          {children}
        </main>
        <footer class="site-footer">
          {ctx.user ? (
            <p>
              Vigie — registre confidentiel. Les identités des demandeurs sont chiffrées et chaque consultation est
              tracée.
            </p>
          ) : (
            <p
              safe
            >{`${ctx.organisationName} — ce site ne dépose aucun cookie de mesure d'audience et n'enregistre pas les réponses que vous donnez au guide.`}</p>
          )}
          <p>
            <a href={ctx.sourceUrl}>Code source</a> (logiciel libre, licence AGPL)
          </p>
        </footer>
      </body>
    </html>
  );
}

function UserMenu({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <form method="post" action="/deconnexion" class="user-menu">
      <a class="user-name" href="/compte/securite">
        <span class="user-full" safe>
          {ctx.user?.displayName}
        </span>
        {/* On a phone the header keeps one short line. */}
        <span class="user-short">Mon compte</span>
        <span class="visually-hidden"> (sécurité du compte)</span>
      </a>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <button type="submit" class="link-button">
        Se déconnecter
      </button>
    </form>
  );
}

function PublicNav({ ctx }: { ctx: ViewContext }): JSX.Element {
  const items: Array<[string, string]> = [
    ['/', 'Accueil'],
    ['/guide', 'Puis-je parler ?'],
    ['/connexion', 'Espace du bureau'],
  ];
  return (
    <nav aria-label="Navigation principale" class="main-nav">
      <ul>
        {items.map(([href, label]) => (
          <li>
            <a
              href={href}
              aria-current={ctx.path === href || (href !== '/' && ctx.path.startsWith(`${href}/`)) ? 'page' : undefined}
              safe
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MainNav({ ctx }: { ctx: ViewContext }): JSX.Element {
  const user = ctx.user;
  if (!user) return '';
  const items: Array<[string, string]> = primaryLinks(user).map((l) => [l.href, l.label]);
  return (
    <nav aria-label="Navigation principale" class="main-nav">
      <ul>
        {items.map(([href, label]) => {
          const current = ctx.path === href || (href !== '/' && href !== '/bureau' && ctx.path.startsWith(`${href}/`));
          return (
            <li>
              <a href={href} aria-current={current ? 'page' : undefined} safe>
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
