import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { formatDateLong, formatDateShort, todayInBrussels } from '../../lib/time.js';
import type { ListItem } from './requests.list.views.js';

export function AgendaPage({
  ctx,
  items,
}: {
  ctx: ViewContext;
  items: Array<ListItem & { lastEvent: string | null }>;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="À discuter au prochain bureau">
      <h1>À discuter au prochain bureau</h1>
      <p
        class="meta"
        safe
      >{`Ordre du jour établi le ${formatDateLong(todayInBrussels())} — ${items.length} demande${items.length > 1 ? 's' : ''}.`}</p>
      <div class="actions no-print">
        <button type="button" class="secondary" data-print hidden>
          Imprimer l'ordre du jour
        </button>
        <a href="/demandes?statut=to_discuss">Voir dans la liste</a>
      </div>
      {items.length === 0 ? (
        <div class="card empty-state">
          <p>Aucune demande n’est marquée « à discuter » pour l’instant.</p>
          <p>
            Pour en ajouter une, ouvrez-la dans les <a href="/demandes">Demandes</a> et choisissez « À discuter en
            bureau ».
          </p>
        </div>
      ) : (
        <ol class="request-list">
          {items.map((r) => (
            <li class="agenda-item">
              <a class="subject" href={`/demandes/${r.id}`} safe>
                {r.subject}
              </a>
              <span class="meta" safe>{`${r.reference} · reçue le ${formatDateShort(r.receivedOn)} · ${r.kind}`}</span>
              {r.themes.length ? <span class="meta" safe>{` · ${r.themes.join(', ')}`}</span> : ''}
              {r.assignees.length ? <div class="meta" safe>{`Suivie par ${r.assignees.join(', ')}`}</div> : ''}
              {r.lastEvent ? <div class="meta" safe>{`Dernière étape : ${r.lastEvent}`}</div> : ''}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
