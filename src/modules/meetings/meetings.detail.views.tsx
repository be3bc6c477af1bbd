import { formatDateLong } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CheckboxGroup, CsrfField, ErrorSummary, TextArea, type FieldErrors } from '../../web/forms.js';
import { AgendaItemActions } from '../../web/agenda-actions.js';
import { Layout } from '../../web/layout.js';
import type { RequestSummary } from '../requests/requests.board.service.js';
import { ITEM_KIND_LABELS, PRESENCE_LABELS } from './meetings.constants.js';
import type { Meeting, MeetingDetail } from './meetings.service.js';
import { meetingTitle } from './meetings.views.js';
import { AddItemForm, MinutesLinks, PresenceFieldset, VideoLink } from './meetings.shared.views.js';
import { FlashHere } from '../../web/flash.js';

export interface MeetingPageProps {
  ctx: ViewContext;
  meeting: MeetingDetail;
  flagged: RequestSummary[];
  pending: Meeting[];
  approval: { at: string; inHeldOn: string } | null;
  errors?: FieldErrors | undefined;
  freeTitle?: string;
}

function Attendance({ ctx, meeting, locked }: { ctx: ViewContext; meeting: MeetingDetail; locked: boolean }) {
  if (locked)
    return (
      <ul>
        {meeting.attendance.map((a) => (
          <li safe>{`${a.name} : ${PRESENCE_LABELS[a.presence ?? 'unknown']}`}</li>
        ))}
      </ul>
    );
  return (
    <form method="post" action={`/bureau/reunions/${meeting.id}/presences`} class="card">
      <CsrfField token={ctx.csrfToken} />
      {meeting.attendance.map((a) => (
        <PresenceFieldset id={a.userId} legend={a.name} presence={a.presence} />
      ))}
      <button type="submit">Enregistrer les présences</button>
    </form>
  );
}

function Agenda({ ctx, meeting, locked }: { ctx: ViewContext; meeting: MeetingDetail; locked: boolean }) {
  if (meeting.items.length === 0) return <p>L’ordre du jour est vide : ajoutez des demandes à discuter ou un point.</p>;
  const base = `/bureau/reunions/${meeting.id}/points`;
  return (
    <ol class="agenda">
      {meeting.items.map((item, n) => {
        const label = item.request ? `${item.request.reference} — ${item.request.subject}` : item.title;
        return (
          <li class="card">
            <p>
              <span class="meta" safe>{`${ITEM_KIND_LABELS[item.kind]} · `}</span>
              <a href={`${base}/${item.id}`} safe>
                {label}
              </a>
              {item.request ? <span class="meta" safe>{` · ${item.request.statusLabel}`}</span> : ''}
            </p>
            {item.notes ? (
              <p class="notes" safe>
                {item.notes}
              </p>
            ) : (
              ''
            )}
            {item.decisions.length ? (
              <ul>
                {item.decisions.map((d) => (
                  <li safe>{`Décision : ${d.text}${d.detail ? ` ${d.detail}` : ''}`}</li>
                ))}
              </ul>
            ) : (
              ''
            )}
            {locked ? (
              ''
            ) : (
              <div class="actions">
                <a href={`${base}/${item.id}`}>
                  Notes et décisions<span class="visually-hidden" safe>{` : point ${n + 1}`}</span>
                </a>
                <AgendaItemActions
                  csrfToken={ctx.csrfToken}
                  base={`${base}/${item.id}`}
                  index={n}
                  count={meeting.items.length}
                  removable={item.decisions.length === 0}
                />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function MeetingPage(p: MeetingPageProps): JSX.Element {
  const m = p.meeting;
  const locked = m.approvedAt !== null;
  const title = meetingTitle(m);
  const onAgenda = new Set(m.items.map((i) => i.request?.id));
  const addable = p.flagged.filter((r) => !onAgenda.has(r.id));
  return (
    <Layout ctx={p.ctx} title={title}>
      <p>
        <a href="/bureau/reunions">← Réunions de bureau</a>
      </p>
      <h1 safe>{title}</h1>
      <p class="meta" safe>
        {[
          m.startsAt ? `${m.startsAt.replace(':', ' h ')}${m.endsAt ? ` – ${m.endsAt.replace(':', ' h ')}` : ''}` : '',
          m.place,
          m.cancelled ? 'Annulée' : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <VideoLink url={m.videoUrl} />
      <p class="actions">
        {locked ? '' : <a href={`/bureau/reunions/${m.id}/modifier`}>Modifier la réunion</a>}
        <MinutesLinks base={`/bureau/reunions/${m.id}`} />
      </p>
      {p.approval ? (
        <p class="notice" safe>
          {`Procès-verbal approuvé lors de la réunion du ${formatDateLong(p.approval.inHeldOn)} (enregistré le ${formatDateLong(p.approval.at)}) : il ne peut plus être modifié.`}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={p.errors} />
      {p.pending.length && !locked ? (
        <section aria-labelledby="approuver">
          <h2 id="approuver">Procès-verbaux à approuver</h2>
          <ul>
            {p.pending.map((prev) => (
              <li>
                <a href={`/bureau/reunions/${prev.id}/proces-verbal`} safe>
                  {meetingTitle(prev)}
                </a>{' '}
                <form method="post" action={`/bureau/reunions/${prev.id}/approuver`} class="inline">
                  <CsrfField token={p.ctx.csrfToken} />
                  <input type="hidden" name="lors" value={String(m.id)} />
                  <button type="submit" class="secondary">
                    Approuver<span class="visually-hidden" safe>{` le procès-verbal : ${meetingTitle(prev)}`}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <h2>Présences</h2>
      <Attendance ctx={p.ctx} meeting={m} locked={locked} />
      <h2>Ordre du jour</h2>
      <Agenda ctx={p.ctx} meeting={m} locked={locked} />
      {locked ? (
        ''
      ) : (
        <>
          <h2 id="ajouter-demandes">Ajouter des demandes à discuter</h2>
          {addable.length ? (
            <form method="post" action={`/bureau/reunions/${m.id}/demandes`} class="card">
              <CsrfField token={p.ctx.csrfToken} />
              <CheckboxGroup
                name="requestIds"
                label="Demandes marquées « à discuter en bureau »"
                values={[]}
                options={addable.map((r) => ({ value: String(r.id), label: `${r.reference} — ${r.subject}` }))}
                errors={p.errors}
              />
              <button type="submit">Ajouter à l’ordre du jour</button>
            </form>
          ) : (
            <p>Aucune autre demande n’est marquée « à discuter en bureau ».</p>
          )}
          <AddItemForm
            ctx={p.ctx}
            base={`/bureau/reunions/${m.id}`}
            example="« Préparation de la plénière »"
            value={p.freeTitle ?? ''}
            errors={p.errors}
          />
          <h2 id="divers">Divers</h2>
          <FlashHere ctx={p.ctx} id="divers" />
          <form method="post" action={`/bureau/reunions/${m.id}/notes`} class="card">
            <CsrfField token={p.ctx.csrfToken} />
            <TextArea name="notes" label="Notes générales de la réunion" value={m.notes} rows={4} errors={p.errors} />
            <button type="submit">Enregistrer les notes</button>
          </form>
        </>
      )}
    </Layout>
  );
}
