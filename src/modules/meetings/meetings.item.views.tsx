import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { str } from '../../web/validation.js';
import type { BoardMember } from '../auth/auth.board.service.js';
import { OUTCOMES } from '../requests/requests.constants.js';
import type { TaxonomyEntry } from '../taxonomy/taxonomy.service.js';
import { DECISION_ACTION_LABELS, DECISION_ACTIONS, ITEM_KIND_LABELS } from './meetings.constants.js';
import type { AgendaItem, Meeting, MeetingDetail } from './meetings.service.js';
import { meetingTitle } from './meetings.views.js';

export type DecisionValues = Record<
  'action' | 'text' | 'assigneeId' | 'hearingMeetingId' | 'outcome' | 'outcomeReasonId' | 'outcomeDetail',
  string
>;

export const EMPTY_DECISION: DecisionValues = {
  action: 'note',
  text: '',
  assigneeId: '',
  hearingMeetingId: '',
  outcome: '',
  outcomeReasonId: '',
  outcomeDetail: '',
};

/** The decision form as typed, to show it again with its messages. */
export function decisionValues(body: Record<string, unknown>): DecisionValues {
  return {
    action: str(body.action),
    text: str(body.text),
    assigneeId: str(body.assigneeId),
    hearingMeetingId: str(body.hearingMeetingId),
    outcome: str(body.outcome),
    outcomeReasonId: str(body.outcomeReasonId),
    outcomeDetail: str(body.outcomeDetail),
  };
}

export function ItemPage(p: {
  ctx: ViewContext;
  meeting: MeetingDetail;
  item: AgendaItem;
  members: BoardMember[];
  laterMeetings: Meeting[];
  reasons: TaxonomyEntry[];
  values: DecisionValues;
  notes: string;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const { meeting, item } = p;
  const locked = meeting.approvedAt !== null;
  const label = item.request ? `${item.request.reference} — ${item.request.subject}` : item.title;
  const base = `/bureau/reunions/${meeting.id}/points/${item.id}`;
  const onRequest = item.request !== null && item.request.status !== 'closed';
  return (
    <Layout ctx={p.ctx} title={`${label} · ${meetingTitle(meeting)}`} narrow>
      <p>
        <a href={`/bureau/reunions/${meeting.id}`} safe>{`← ${meetingTitle(meeting)}`}</a>
      </p>
      <p class="meta" safe>
        {ITEM_KIND_LABELS[item.kind]}
      </p>
      <h1 safe>{label}</h1>
      {item.request ? (
        <p>
          <a href={`/demandes/${item.request.id}`} safe>{`Ouvrir la demande ${item.request.reference}`}</a>
          <span class="meta" safe>{` · ${item.request.statusLabel}`}</span>
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={p.errors} />
      <h2>Notes</h2>
      {locked ? (
        <p safe>{item.notes || '—'}</p>
      ) : (
        <form method="post" action={`${base}/notes`} class="card">
          <CsrfField token={p.ctx.csrfToken} />
          <TextArea
            name="notes"
            label="Notes de la discussion"
            hint="Sans nom de personne : le procès-verbal les reprend."
            value={p.notes}
            rows={6}
            errors={p.errors}
          />
          <button type="submit">Enregistrer les notes</button>
        </form>
      )}
      <h2>Décisions</h2>
      {item.decisions.length ? (
        <ul>
          {item.decisions.map((d) => (
            <li safe>{`${d.text}${d.detail ? ` ${d.detail}` : ''}`}</li>
          ))}
        </ul>
      ) : (
        <p>Aucune décision pour ce point.</p>
      )}
      {locked || meeting.cancelled ? (
        ''
      ) : (
        <form method="post" action={`${base}/decisions`} class="card" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <h3>Nouvelle décision</h3>
          <TextArea
            name="text"
            label="Décision"
            hint="Ce que le bureau a décidé, comme le procès-verbal le dira."
            value={p.values.text}
            rows={3}
            errors={p.errors}
            required
          />
          {onRequest ? (
            <>
              <fieldset class={`field${p.errors?.action ? ' has-error' : ''}`}>
                <legend>Ce que la décision fait à la demande</legend>
                {DECISION_ACTIONS.map((a) => (
                  <div class="radio">
                    <input type="radio" id={`action-${a}`} name="action" value={a} checked={p.values.action === a} />
                    <label for={`action-${a}`} safe>
                      {DECISION_ACTION_LABELS[a]}
                    </label>
                  </div>
                ))}
              </fieldset>
              <SelectField
                name="assigneeId"
                label="Confier à"
                hint="Pour « Confier la demande »."
                value={p.values.assigneeId}
                placeholder="—"
                options={p.members.map((m) => ({ value: String(m.id), label: m.name }))}
                errors={p.errors}
              />
              <SelectField
                name="hearingMeetingId"
                label="Réunion de la rencontre en bureau"
                hint="Pour « Inviter en rencontre en bureau ». Créez d’abord la réunion si elle n’existe pas."
                value={p.values.hearingMeetingId}
                placeholder="—"
                options={p.laterMeetings.map((m) => ({ value: String(m.id), label: meetingTitle(m) }))}
                errors={p.errors}
              />
              <SelectField
                name="outcomeReasonId"
                label="Raison"
                hint="Pour « Décliner » (ou précisez ci-dessous)."
                value={p.values.outcomeReasonId}
                placeholder="—"
                options={p.reasons.map((r) => ({ value: String(r.id), label: r.label }))}
                errors={p.errors}
              />
              <SelectField
                name="outcome"
                label="Autre issue"
                hint="Pour « Clôturer avec une autre issue »."
                value={p.values.outcome}
                placeholder="—"
                options={OUTCOMES.values
                  .filter((o) => o !== 'answered' && o !== 'declined')
                  .map((o) => ({ value: o, label: OUTCOMES.labels[o] }))}
                errors={p.errors}
              />
              <TextField
                name="outcomeDetail"
                label="Précision"
                hint="Vers quel service la demande est réorientée, pourquoi elle est déclinée… sans nom de personne."
                value={p.values.outcomeDetail}
                errors={p.errors}
                maxlength={1000}
              />
            </>
          ) : (
            <input type="hidden" name="action" value="note" />
          )}
          <button type="submit">Enregistrer la décision</button>
        </form>
      )}
    </Layout>
  );
}
