import { sendCachedHtml } from '../../web/microcache.js';
import type { FastifyInstance } from 'fastify';
import { todayInBrussels } from '../../lib/time.js';
import { viewContext, type ViewContext } from '../../web/context.js';
import { localePath, translator, type Locale } from '../../web/i18n/index.js';
import { PublicLayout } from '../../web/public-layout.js';
import { findBySlug, listPublished, type ContentRow } from '../site/site.queries.js';
import { HelplineCard, helplineInfo, type HelplineInfo } from '../site/site.public.routes.js';
import { itemPath, ItemSummary } from '../site/site.public.views.js';
import { alternatesFor, PREFIXES } from '../../web/alternates.js';

/** The page « about » the board may write (type page, slug a-propos) is linked from the home page when published. */
const ABOUT_SLUG = 'a-propos';

interface HomeData {
  helpline: HelplineInfo;
  news: ContentRow[];
  events: ContentRow[];
  about: ContentRow | undefined;
}

/** Public landing page: what the committee is, the helpline and its next date, latest news and events, the guide. */
function HomePage({ ctx, locale, data }: { ctx: ViewContext; locale: Locale; data: HomeData }): JSX.Element {
  const t = translator(locale);
  return (
    <PublicLayout
      ctx={ctx}
      locale={locale}
      title={t('home.title')}
      description={t('home.lead')}
      alternates={alternatesFor('/')}
    >
      <h1 safe>{ctx.organisationName}</h1>
      <p class="lead" safe>
        {t('home.lead')}
      </p>
      <HelplineCard locale={locale} info={data.helpline} />
      <section class="card" aria-labelledby="guide">
        <h2 id="guide" safe>
          {t('nav.guide')}
        </h2>
        <p safe>{t('home.guide.text')}</p>
        <p>
          <a class="button" href="/guide" safe>
            {t('home.guide.link')}
          </a>
        </p>
      </section>
      <section aria-labelledby="actualites">
        <h2 id="actualites" safe>
          {t('home.news')}
        </h2>
        {data.news.length === 0 ? <p safe>{t('list.empty')}</p> : ''}
        <ul class="item-list">
          {data.news.map((r) => (
            <ItemSummary locale={locale} row={r} level={3} />
          ))}
        </ul>
        <p>
          <a href={localePath(locale, '/actualites')} safe>
            {t('home.news.all')}
          </a>
        </p>
      </section>
      {data.events.length ? (
        <section aria-labelledby="agenda">
          <h2 id="agenda" safe>
            {t('home.events')}
          </h2>
          <ul class="item-list">
            {data.events.map((r) => (
              <ItemSummary locale={locale} row={r} level={3} />
            ))}
          </ul>
          <p>
            <a href={localePath(locale, '/agenda')} safe>
              {t('home.events.all')}
            </a>
          </p>
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="qui">
        <h2 id="qui" safe>
          {t('home.about.title')}
        </h2>
        <p safe>{t('home.about')}</p>
        {data.about ? (
          <p>
            <a href={itemPath(locale, 'page', data.about.slug)} safe>
              {t('home.about.more')}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
    </PublicLayout>
  );
}

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  for (const [locale, prefix] of PREFIXES) {
    app.get(prefix || '/', { config: { access: 'public' } }, async (request, reply) =>
      sendCachedHtml(request, reply, async () => {
        const [helpline, news, events, about] = await Promise.all([
          helplineInfo(app),
          listPublished(app.db, { type: 'news', locale, limit: 3 }),
          listPublished(app.db, { type: 'event', locale, fromDay: todayInBrussels(), limit: 2 }),
          findBySlug(app.db, 'page', locale, ABOUT_SLUG),
        ]);
        const data: HomeData = { helpline, news, events, about: about?.status === 'published' ? about : undefined };
        return `<!doctype html>${await (<HomePage ctx={viewContext(request, reply)} locale={locale} data={data} />)}`;
      }),
    );
  }
}
