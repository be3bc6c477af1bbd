import { NOUNS, plural } from '../../lib/plural.js';
import { formatInstant } from '../../lib/time.js';
import { frenchTypography } from '../../lib/typography.js';
import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { meetingTitle } from '../meetings/meetings.views.js';
import type { RequestSummary } from '../requests/requests.board.service.js';
import { StatusBadge } from '../requests/requests.list.views.js';
import type { NoticePreferences } from '../notices/notices.preferences.queries.js';
import type { Dashboard } from './dashboard.service.js';

const SHORTCUTS: Array<[string, string]> = [
  ['/permanence', 'Noter un appel'],
  ['/demandes/nouvelle', 'Nouvelle demande'],
  ['/demandes?moi=1', 'Toutes mes demandes'],
  ['/bureau/a-discuter', 'Ordre du jour imprimable'],
  ['/bureau/reunions', 'Réunions de bureau'],
  ['/bureau/permanences', 'Permanences'],
];

function RequestLines({ rows }: { rows: RequestSummary[] }): JSX.Element {
  return (
    <ul class="request-list">
      {rows.map((r) => (
        <li>
          <a class="subject" href={`/demandes/${r.id}`} safe>
            {frenchTypography(r.subject)}
          </a>
          <span class="meta">
            <span safe>{r.reference}</span> · <StatusBadge status={r.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}

function MyRequests({ mine }: { mine: Dashboard['mine'] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="mes-demandes">
      <h2 id="mes-demandes">Mes demandes</h2>
      {mine.open.length ? (
        <>
          <p safe>{`${plural(mine.open.length, NOUNS.request)} en cours, la plus ancienne d’abord.`}</p>
          <RequestLines rows={mine.open} />
        </>
      ) : (
        <p>Aucune demande en cours ne vous est confiée.</p>
      )}
      {mine.closed.length ? (
        <>
          <h3>Clôturées récemment</h3>
          <RequestLines rows={mine.closed} />
        </>
      ) : (
        ''
      )}
    </section>
  );
}

function NextMeeting({ dashboard }: { dashboard: Dashboard }): JSX.Element {
  const m = dashboard.meeting;
  return (
    <section class="card" aria-labelledby="prochain-bureau">
      <h2 id="prochain-bureau">Prochain bureau</h2>
      {m ? (
        <>
          <p>
            <a href={`/bureau/reunions/${m.id}`} safe>
              {meetingTitle(m)}
            </a>
            <span
              safe
            >{`${m.startsAt ? `, à ${m.startsAt.replace(':', ' h ')}` : ''}${m.place ? ` — ${m.place}` : ''}`}</span>
          </p>
          {m.items.length ? (
            <>
              <h3>À l’ordre du jour</h3>
              <ol>
                {m.items.map((i) =>
                  i.request ? (
                    <li>
                      <a href={`/demandes/${i.request.id}`} safe>
                        {`${i.request.reference} — ${frenchTypography(i.request.subject)}`}
                      </a>
                    </li>
                  ) : (
                    <li safe>{i.title}</li>
                  ),
                )}
              </ol>
            </>
          ) : (
            <p>L’ordre du jour est encore vide.</p>
          )}
        </>
      ) : (
        <p>
          Aucune réunion n’est prévue. <a href="/bureau/reunions/nouvelle">Prévoir une réunion</a>
        </p>
      )}
      <h3>{m ? 'À discuter, pas encore à l’ordre du jour' : 'À discuter en bureau'}</h3>
      {dashboard.flagged.length ? (
        <RequestLines rows={dashboard.flagged} />
      ) : (
        <p>Aucune autre demande n’est à discuter.</p>
      )}
    </section>
  );
}

function Activity({ lines }: { lines: Dashboard['activity'] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="activite">
      <h2 id="activite">Activité récente du registre</h2>
      {lines.length ? (
        <ul class="activity">
          {lines.map((l) => (
            <li>
              <span class="meta" safe>{`${formatInstant(l.at)} — `}</span>
              <span safe>{`${l.actorName} ${l.did} `}</span>
              <a href={`/demandes/${l.request.id}`} safe>
                {l.request.reference}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>Rien n’a encore été enregistré.</p>
      )}
    </section>
  );
}

export function DashboardPage({
  ctx,
  dashboard,
  prefs,
}: {
  ctx: ViewContext;
  dashboard: Dashboard;
  prefs: NoticePreferences;
}): JSX.Element {
  const mails = prefs.assigned || prefs.flagged ? 'activés' : 'désactivés';
  return (
    <Layout ctx={ctx} title="Mon tableau de bord">
      <h1>Mon tableau de bord</h1>
      <nav aria-label="Raccourcis">
        <ul class="actions shortcuts">
          {SHORTCUTS.map(([href, label]) => (
            <li>
              <a class="button secondary" href={href} safe>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <MyRequests mine={dashboard.mine} />
      <NextMeeting dashboard={dashboard} />
      <Activity lines={dashboard.activity} />
      <p>
        <a href="/compte/avis">Mes avis par e-mail</a>
        <span class="meta" safe>{` (${mails})`}</span>
      </p>
    </Layout>
  );
}
