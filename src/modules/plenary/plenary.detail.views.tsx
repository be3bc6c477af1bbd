import { formatDateLong, formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../web/forms.js';
import { AgendaItemActions } from '../../web/agenda-actions.js';
import { Layout } from '../../web/layout.js';
import { AddItemForm, MinutesLinks, VideoLink } from '../meetings/meetings.shared.views.js';
import type { ConvocationState } from './plenary.convocation.service.js';
import { whenAndWhere } from './plenary.mail.js';
import { assemblyTitle, type AssemblyDetail } from './plenary.service.js';

function Convocation({ ctx, a, state }: { ctx: ViewContext; a: AssemblyDetail; state: ConvocationState }) {
  if (state.sentAt)
    return (
      <p class="notice" safe>
        {`Convocation envoyée le ${formatInstant(state.sentAt)} à ${state.recipients} membre${state.recipients > 1 ? 's' : ''}. Elle ne part pas une seconde fois.`}
      </p>
    );
  if (a.cancelled || a.approvedAt) return <p>Pas de convocation : l’assemblée est annulée ou close.</p>;
  return (
    <form
      method="post"
      action={`/bureau/assemblees/${a.id}/convocation`}
      class="card"
      data-confirm="Envoyer la convocation maintenant ? Elle ne part qu’une fois."
    >
      <CsrfField token={ctx.csrfToken} />
      <p safe>
        {`${state.recipients} membre${state.recipients > 1 ? 's' : ''} recevr${state.recipients > 1 ? 'ont' : 'a'} la convocation par e-mail (date, lieu, ordre du jour et un lien pour se désinscrire).`}
      </p>
      {state.without > 0 ? (
        <p class="hint" safe>
          {`${state.without} autre${state.without > 1 ? 's' : ''} membre${state.without > 1 ? 's' : ''} sans adresse ou sans accord pour les e-mails ne la recevr${state.without > 1 ? 'ont' : 'a'} pas : prévenez-les autrement.`}
        </p>
      ) : (
        ''
      )}
      <button type="submit">Envoyer la convocation</button>
    </form>
  );
}

function Agenda({ ctx, a, locked }: { ctx: ViewContext; a: AssemblyDetail; locked: boolean }) {
  if (a.items.length === 0) return <p>L’ordre du jour est vide : ajoutez le premier point ci-dessous.</p>;
  const base = `/bureau/assemblees/${a.id}/points`;
  return (
    <ol class="agenda">
      {a.items.map((item, n) => (
        <li class="card">
          <p safe>{item.title}</p>
          {locked ? (
            ''
          ) : (
            <div class="actions">
              <AgendaItemActions
                csrfToken={ctx.csrfToken}
                base={`${base}/${item.id}`}
                index={n}
                count={a.items.length}
                removable
              />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

export function AssemblyPage(p: {
  ctx: ViewContext;
  assembly: AssemblyDetail;
  convocation: ConvocationState;
  canApprove: boolean;
  errors?: FieldErrors | undefined;
  itemTitle?: string;
}): JSX.Element {
  const a = p.assembly;
  const locked = a.approvedAt !== null;
  const title = assemblyTitle(a);
  const { when, where } = whenAndWhere(a);
  const base = `/bureau/assemblees/${a.id}`;
  return (
    <Layout ctx={p.ctx} title={title}>
      <p>
        <a href="/bureau/assemblees">← Assemblées plénières</a>
      </p>
      <h1 safe>{title}</h1>
      {a.title ? (
        <p class="lead" safe>
          {a.title}
        </p>
      ) : (
        ''
      )}
      <p class="meta" safe>
        {[
          when,
          ...where.filter((w) => !w.startsWith('En visio')),
          a.isPublic ? 'Annoncée sur l’agenda public' : '',
          a.cancelled ? 'Annulée' : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <VideoLink url={a.videoUrl} />
      <p class="actions">
        {locked ? '' : <a href={`${base}/modifier`}>Modifier l’assemblée</a>}
        <a href={`${base}/presences`}>Présences</a>
        {locked ? '' : <a href={`${base}/notes`}>Rédiger le procès-verbal</a>}
        <MinutesLinks base={base} />
      </p>
      {a.approvedAt ? (
        <p class="notice" safe>
          {`Procès-verbal approuvé le ${formatDateLong(a.approvedAt)} : l’assemblée ne peut plus être modifiée.`}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={p.errors} />
      <h2>Convocation</h2>
      <Convocation ctx={p.ctx} a={a} state={p.convocation} />
      <h2>Ordre du jour</h2>
      <Agenda ctx={p.ctx} a={a} locked={locked} />
      {locked ? (
        ''
      ) : (
        <>
          <AddItemForm
            ctx={p.ctx}
            base={base}
            example="« Rapport d’activités 2026 » ou « Élection du bureau »"
            value={p.itemTitle ?? ''}
            errors={p.errors}
          />
        </>
      )}
      {p.canApprove ? (
        <>
          <h2>Approuver le procès-verbal</h2>
          <form method="post" action={`${base}/approuver`} class="card">
            <CsrfField token={p.ctx.csrfToken} />
            <p>
              Une fois approuvé, le procès-verbal est figé : ni l’ordre du jour, ni les présences, ni les notes ne
              changent.
            </p>
            <button type="submit" class="secondary">
              Approuver le procès-verbal
            </button>
          </form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
