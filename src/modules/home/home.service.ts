import type { DbOrTrx } from '../../db/index.js';
import type { Locale } from '../../web/i18n/index.js';
import { helplineInfo } from '../site/site.helpline.service.js';
import { findBySlug, listPublished } from '../site/site.queries.js';
import type { HomeData } from './home.public.views.js';

/** The page « about » the board may write (type page, slug a-propos) is linked from the home page when published. */
const ABOUT_SLUG = 'a-propos';

/** What the public home page shows: the helpline, the latest news, the next events, the « about » page if published. */
export async function loadHomeData(db: DbOrTrx, locale: Locale, today: string): Promise<HomeData> {
  const [helpline, news, events, about] = await Promise.all([
    helplineInfo(db),
    listPublished(db, { type: 'news', locale, limit: 3 }),
    listPublished(db, { type: 'event', locale, fromDay: today, limit: 2 }),
    findBySlug(db, 'page', locale, ABOUT_SLUG),
  ]);
  return { helpline, news, events, about: about?.status === 'published' ? about : undefined };
}
