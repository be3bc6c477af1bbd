import type { ViewContext } from '../../web/context.js';
import { localePath, translator, type Locale } from '../../web/i18n/index.js';
import { PublicLayout } from '../../web/public-layout.js';
import type { ContentRow } from '../site/site.queries.js';
import type { HelplineInfo } from '../site/site.helpline.service.js';
import { HelplineCard } from '../site/site.helpline.views.js';
import { itemPath, ItemSummary } from '../site/site.public.views.js';
import { alternatesFor } from '../../web/alternates.js';

export interface HomeData {
  helpline: HelplineInfo;
  news: ContentRow[];
  events: ContentRow[];
  about: ContentRow | undefined;
}

/** Public landing page: what the committee is, the helpline and its next date, latest news and events, the guide. */
export function HomePage({ ctx, locale, data }: { ctx: ViewContext; locale: Locale; data: HomeData }): JSX.Element {
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
