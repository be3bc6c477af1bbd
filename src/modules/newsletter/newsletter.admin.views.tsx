import { formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, SelectField, TextField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { BOARD_PAGE_SIZE } from '../../web/pagination.js';
import { ExportLinks } from '../../web/downloads.js';
import { hasRole } from '../../web/access.js';
import { reasonsText } from '../antibot/antibot.views.js';
import type { IssueSummary } from './newsletter.issues.service.js';
import { IssueList } from './newsletter.issues.views.js';
import {
  SOURCE_LABELS,
  SUBSCRIBER_STATUS_LABELS,
  SUBSCRIBER_STATUSES,
  type listSubscribers,
  type SubscriberStatus,
} from './newsletter.service.js';

type SubscriberRow = Awaited<ReturnType<typeof listSubscribers>>['rows'][number];

function SubscriberActions({ ctx, row }: { ctx: ViewContext; row: SubscriberRow }): JSX.Element {
  const actions: Array<[string, string]> = [];
  if (row.status === 'quarantined') actions.push(['release', 'Libérer : envoyer l’e-mail de confirmation']);
  if (row.status === 'confirmed') actions.push(['bounced', 'Marquer en erreur (rebond)']);
  actions.push(['delete', 'Effacer']);
  return (
    <div class="actions">
      {actions.map(([action, label]) => (
        <form method="post" action={`/bureau/newsletter/abonnes/${row.id}`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="action" value={action} />
          <button type="submit" class={action === 'release' ? '' : 'secondary'}>
            <span safe>{label}</span>
            <span class="visually-hidden" safe>{` : ${row.email}`}</span>
          </button>
        </form>
      ))}
    </div>
  );
}

function exportQuery(p: { status: SubscriberStatus | undefined; q: string }): string {
  const params = new URLSearchParams();
  if (p.status) params.set('statut', p.status);
  if (p.q) params.set('q', p.q);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** An empty list of subscribers: nothing yet (and how people subscribe), nothing to examine, or no match. */
function SubscribersEmpty({ status, q }: { status: SubscriberStatus | undefined; q: string }): JSX.Element {
  if (q) return <p>Aucune adresse ne correspond à cette recherche.</p>;
  if (status === 'quarantined') return <p>Rien à examiner : aucune adresse n’est en quarantaine.</p>;
  if (status) return <p>Aucune adresse avec ce statut.</p>;
  return (
    <p>
      Aucune adresse pour l’instant. Les personnes s’abonnent elles-mêmes sur la page publique{' '}
      <a href="/newsletter">« Newsletter »</a>, ou en cochant la case prévue quand elles signent le Manifeste ; elles
      confirment leur adresse par e-mail.
    </p>
  );
}

/** The board's newsletter page: counts, the issues sent, the subscribers (filtered, paged) with their actions. */
export function NewsletterPage(p: {
  ctx: ViewContext;
  counts: Record<SubscriberStatus, number>;
  rows: SubscriberRow[];
  total: number;
  page: number;
  status: SubscriberStatus | undefined;
  q: string;
  issues: IssueSummary[];
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / BOARD_PAGE_SIZE));
  const qs = (page: number) => {
    const params = new URLSearchParams();
    if (p.status) params.set('statut', p.status);
    if (p.q) params.set('q', p.q);
    if (page > 1) params.set('page', String(page));
    const s = params.toString();
    return s ? `/bureau/newsletter?${s}` : '/bureau/newsletter';
  };
  return (
    <Layout ctx={p.ctx} title="Newsletter">
      <h1>Newsletter</h1>
      <p class="actions">
        <a class="button" href="/bureau/newsletter/rediger">
          Rédiger une newsletter
        </a>
        <a href="/bureau/newsletter?statut=quarantined" safe>{`Quarantaine à examiner (${p.counts.quarantined})`}</a>
      </p>
      <p>
        <strong
          safe
        >{`${p.counts.confirmed} abonné·e${p.counts.confirmed > 1 ? 's' : ''} confirmé·e${p.counts.confirmed > 1 ? 's' : ''}`}</strong>
        <span safe>{` — ${SUBSCRIBER_STATUSES.filter((s) => s !== 'confirmed')
          .map((s) => `${SUBSCRIBER_STATUS_LABELS[s]} : ${p.counts[s]}`)
          .join(' · ')}`}</span>
      </p>
      <h2>Envois</h2>
      <IssueList issues={p.issues} />
      <h2>Abonné·e·s</h2>
      <form method="get" action="/bureau/newsletter" class="filters" role="search" aria-label="Filtrer les abonné·e·s">
        <div class="grid">
          <TextField name="q" type="search" label="Rechercher une adresse" value={p.q} />
          <SelectField
            name="statut"
            label="Statut"
            value={p.status ?? ''}
            placeholder="Tous"
            options={SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: SUBSCRIBER_STATUS_LABELS[s] }))}
          />
        </div>
        <button type="submit">Filtrer</button>
      </form>
      <p role="status" safe>{`${p.total} adresse${p.total > 1 ? 's' : ''}`}</p>
      {p.total && hasRole(p.ctx.user, 'admin') ? (
        <ExportLinks base="/bureau/newsletter/abonnes" query={exportQuery(p)} />
      ) : (
        ''
      )}
      {p.rows.length === 0 ? <SubscribersEmpty status={p.status} q={p.q} /> : ''}
      <ul class="request-list">
        {p.rows.map((r) => (
          <li>
            <span class="subject" safe>
              {r.email}
            </span>
            <span class="meta" safe>
              {`${SUBSCRIBER_STATUS_LABELS[r.status]} · ${r.locale.toUpperCase()} · ${SOURCE_LABELS[r.source]} · inscrit·e le ${formatInstant(r.created_at)}${r.confirmed_at ? ` · confirmé·e le ${formatInstant(r.confirmed_at)}` : ''}`}
            </span>
            {r.quarantine_reasons ? <p class="notice" safe>{`Raisons : ${reasonsText(r.quarantine_reasons)}`}</p> : ''}
            <SubscriberActions ctx={p.ctx} row={r} />
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {p.page > 1 ? <a href={qs(p.page - 1)}>Page précédente</a> : <span></span>}
          <span safe>{`Page ${p.page} sur ${pages}`}</span>
          {p.page < pages ? <a href={qs(p.page + 1)}>Page suivante</a> : <span></span>}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}
