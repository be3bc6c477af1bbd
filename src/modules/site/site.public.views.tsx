import type { ViewContext } from '../../web/context.js';
import { localePath, translator, type Locale, type MessageKey } from '../../web/i18n/index.js';
import { PublicLayout } from '../../web/public-layout.js';
import { TYPE_SECTIONS, type ContentType } from './site.constants.js';
import { formatDay, formatHour } from '../../lib/locale-format.js';
import { formatSize, kindOfMime } from './site.format.js';
import { pageMarkdownToHtml as markdownToHtml } from '../../web/markdown.js';
import type { AttachmentMeta, ContentRow } from './site.queries.js';
import type { AgendaAssembly } from '../plenary/plenary.queries.js';

export type Alternates = Partial<Record<Locale, string>>;

const TYPE_TITLES: Record<ContentType, MessageKey> = {
  page: 'pages.title',
  news: 'nav.news',
  resource: 'nav.resources',
  testimony: 'nav.testimonies',
  event: 'nav.agenda',
};

export function itemPath(locale: Locale, type: ContentType, slug: string): string {
  return localePath(locale, `${TYPE_SECTIONS[type]}/${slug}`);
}

export function attachmentPath(a: { id: number; filename: string }): string {
  return `/fichiers/${a.id}/${encodeURIComponent(a.filename)}`;
}

/** « 12 mars 2026 » or « du 12 mars 2026 au 13 mars 2026 ». */
function eventDates(locale: Locale, row: ContentRow): string {
  const t = translator(locale);
  if (!row.event_starts_on) return '';
  if (!row.event_ends_on || row.event_ends_on === row.event_starts_on)
    return formatDay(locale, row.event_starts_on, true);
  return t('event.range', { start: formatDay(locale, row.event_starts_on), end: formatDay(locale, row.event_ends_on) });
}

const TYPE_DESCRIPTIONS: Record<ContentType, MessageKey> = {
  page: 'pages.description',
  news: 'news.description',
  resource: 'resources.description',
  testimony: 'testimonies.description',
  event: 'agenda.description',
};

export function ItemSummary({
  locale,
  row,
  level = 2,
}: {
  locale: Locale;
  row: ContentRow;
  level?: 2 | 3;
}): JSX.Element {
  const t = translator(locale);
  const href = itemPath(locale, row.type, row.slug);
  const title = (
    <a href={href} safe>
      {row.title}
    </a>
  );
  const meta =
    row.type === 'event'
      ? eventDates(locale, row)
      : row.published_at && row.type !== 'page'
        ? t('list.published', { date: formatDay(locale, row.published_at) })
        : '';
  return (
    <li class="card">
      {level === 2 ? <h2 class="item-title">{title}</h2> : <h3 class="item-title">{title}</h3>}
      {meta ? (
        <p class="meta" safe>
          {`${meta}${row.type === 'event' && row.event_place ? ` — ${row.event_place}` : ''}`}
        </p>
      ) : (
        ''
      )}
      {row.summary ? <p safe>{row.summary}</p> : ''}
    </li>
  );
}

type AgendaEntry = { day: string; row: ContentRow } | { day: string; assembly: AgendaAssembly };

/** The site's events and the plenary's public assemblies, in one list by date. */
function agendaEntries(rows: ContentRow[], assemblies: AgendaAssembly[], order: 'asc' | 'desc'): AgendaEntry[] {
  const entries: AgendaEntry[] = [
    ...rows.map((row) => ({ day: row.event_starts_on ?? '', row })),
    ...assemblies.map((assembly) => ({ day: assembly.held_on, assembly })),
  ];
  // A stable sort: rows keep the order the query gave them on the same day.
  return entries.sort((a, b) => (order === 'asc' ? a.day.localeCompare(b.day) : b.day.localeCompare(a.day)));
}

/** An assembly of the plenary on the public agenda: no page of its own, everything is in the card. */
function AssemblySummary({ locale, a }: { locale: Locale; a: AgendaAssembly }): JSX.Element {
  const t = translator(locale);
  const hours =
    a.starts_at && a.ends_at
      ? t('agenda.hours', { start: formatHour(locale, a.starts_at), end: formatHour(locale, a.ends_at) })
      : a.starts_at
        ? t('agenda.startsAt', { start: formatHour(locale, a.starts_at) })
        : '';
  const when = [formatDay(locale, a.held_on, true), hours].filter(Boolean).join(', ');
  return (
    <li class="card">
      <h3 class="item-title" safe>
        {a.title ? t('agenda.assembly.titled', { title: a.title }) : t('agenda.assembly')}
      </h3>
      <p class="meta" safe>
        {a.place ? `${when} — ${a.place}` : when}
      </p>
      <p safe>{t('agenda.assembly.text')}</p>
    </li>
  );
}

function AgendaSection(p: { locale: Locale; id: string; heading: string; entries: AgendaEntry[] }): JSX.Element {
  if (p.entries.length === 0) return '';
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id} safe>
        {p.heading}
      </h2>
      <ul class="item-list">
        {p.entries.map((e) =>
          'row' in e ? (
            <ItemSummary locale={p.locale} row={e.row} level={3} />
          ) : (
            <AssemblySummary locale={p.locale} a={e.assembly} />
          ),
        )}
      </ul>
    </section>
  );
}

export function ListPage(props: {
  ctx: ViewContext;
  locale: Locale;
  type: ContentType;
  rows: ContentRow[];
  past?: ContentRow[];
  /** The plenary's public assemblies (agenda only), upcoming and past. */
  assemblies?: { upcoming: AgendaAssembly[]; past: AgendaAssembly[] };
  alternates: Alternates;
}): JSX.Element {
  const t = translator(props.locale);
  const title = t(TYPE_TITLES[props.type]);
  const empty =
    props.rows.length === 0 &&
    (props.past?.length ?? 0) === 0 &&
    (props.assemblies?.upcoming.length ?? 0) === 0 &&
    (props.assemblies?.past.length ?? 0) === 0;
  return (
    <PublicLayout
      ctx={props.ctx}
      locale={props.locale}
      title={title}
      description={t(TYPE_DESCRIPTIONS[props.type])}
      alternates={props.alternates}
    >
      <h1 safe>{title}</h1>
      {empty ? <p safe>{t('list.empty')}</p> : ''}
      {props.type === 'event' ? (
        <>
          <AgendaSection
            locale={props.locale}
            id="a-venir"
            heading={t('agenda.upcoming')}
            entries={agendaEntries(props.rows, props.assemblies?.upcoming ?? [], 'asc')}
          />
          <AgendaSection
            locale={props.locale}
            id="passes"
            heading={t('agenda.past')}
            entries={agendaEntries(props.past ?? [], props.assemblies?.past ?? [], 'desc')}
          />
        </>
      ) : (
        <ul class="item-list">
          {props.rows.map((r) => (
            <ItemSummary locale={props.locale} row={r} />
          ))}
        </ul>
      )}
    </PublicLayout>
  );
}

function AttachmentList({ locale, attachments }: { locale: Locale; attachments: AttachmentMeta[] }): JSX.Element {
  const t = translator(locale);
  if (attachments.length === 0) return '';
  return (
    <section aria-labelledby="documents">
      <h2 id="documents" safe>
        {t('attachments.title')}
      </h2>
      <ul>
        {attachments.map((a) => (
          <li>
            <a href={attachmentPath(a)} download="" safe>
              {a.filename}
            </a>{' '}
            <span class="meta" safe>
              {`(${t('attachments.size', { type: kindOfMime(a.mime), size: formatSize(a.size) })})`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DetailPage(props: {
  ctx: ViewContext;
  locale: Locale;
  row: ContentRow;
  attachments: AttachmentMeta[];
  alternates: Alternates;
}): JSX.Element {
  const { row, locale } = props;
  const t = translator(locale);
  const safeBody = markdownToHtml(row.body);
  const listHref = row.type === 'page' ? null : localePath(locale, TYPE_SECTIONS[row.type]);
  return (
    <PublicLayout
      ctx={props.ctx}
      locale={locale}
      title={row.title}
      description={row.summary || undefined}
      alternates={props.alternates}
      narrow
    >
      <article>
        <h1 safe>{row.title}</h1>
        {row.type === 'event' ? (
          <dl class="event-facts">
            <dt safe>{t('event.when')}</dt>
            <dd safe>{eventDates(locale, row)}</dd>
            {row.event_place ? (
              <>
                <dt safe>{t('event.where')}</dt>
                <dd safe>{row.event_place}</dd>
              </>
            ) : (
              ''
            )}
          </dl>
        ) : row.published_at && row.type !== 'page' ? (
          <p class="meta" safe>
            {t('list.published', { date: formatDay(locale, row.published_at) })}
          </p>
        ) : (
          ''
        )}
        {row.summary ? (
          <p class="lead" safe>
            {row.summary}
          </p>
        ) : (
          ''
        )}
        <div class="prose">{safeBody}</div>
        <AttachmentList locale={locale} attachments={props.attachments} />
      </article>
      {listHref ? (
        <p>
          <a href={listHref} safe>
            {t('list.back')}
          </a>
        </p>
      ) : (
        ''
      )}
    </PublicLayout>
  );
}
