// Over 300 lines: a request's page (its facts, status buttons, timeline and its form, the encrypted
// identity and its editor) is one screen the board reads top to bottom.
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { formatDateLong, formatDateShort, todayInBrussels } from '../../lib/time.js';
import {
  CHANNELS,
  EVENT_TYPES,
  MANUAL_EVENT_TYPES,
  OUTCOMES,
  REGIONS,
  REQUESTER_TYPES,
  options,
  type Channel,
  type EventType,
  type Outcome,
  type Status,
} from './requests.constants.js';
import type { IdentifyingHint } from './requests.identifying.js';
import type { RequesterType, RequestRegion } from '../../db/schema.js';
import type { RequesterIdentity } from './requests.service.js';
import { IdentifyingWarning } from './requests.form.views.js';
import { StatusBadge } from './requests.list.views.js';
import { FlashHere } from '../../web/flash.js';

export interface RequestView {
  id: number;
  reference: string;
  receivedOn: string;
  channel: Channel;
  kind: string;
  requesterType: RequesterType;
  sector: string;
  region: RequestRegion | null;
  themes: string[];
  subject: string;
  notes: string;
  status: Status;
  outcome: Outcome | null;
  outcomeReason: string;
  outcomeDetail: string | null;
  eventOn: string | null;
  plannedYear: number | null;
  assignees: string[];
  hasIdentity: boolean;
  events: Array<{ id: number; occurredOn: string; type: EventType; body: string; actor: string | null }>;
}

export interface EventFormState {
  values: { type: string; occurredOn: string; body: string };
  errors?: FieldErrors | undefined;
  warnings?: IdentifyingHint[] | undefined;
}

export function RequestDetailPage({
  ctx,
  r,
  identity,
  eventForm,
  identityErrors,
}: {
  ctx: ViewContext;
  r: RequestView;
  identity?: RequesterIdentity | null | undefined;
  eventForm?: EventFormState;
  identityErrors?: FieldErrors;
}): JSX.Element {
  const themesText: string = r.themes.length ? r.themes.join(' ; ') : 'Aucun';
  const assigneesText: string = r.assignees.length ? r.assignees.join(', ') : 'Personne';
  const form: EventFormState = eventForm ?? { values: { type: 'note', occurredOn: todayInBrussels(), body: '' } };
  return (
    <Layout ctx={ctx} title={`Demande ${r.reference}`}>
      <p class="meta">
        <a href="/demandes">← Toutes les demandes</a>
      </p>
      <h1>
        <span safe>{r.subject}</span>
      </h1>
      <p>
        <span class="meta" safe>{`Demande ${r.reference} · reçue le ${formatDateLong(r.receivedOn)}`}</span>{' '}
        <StatusBadge status={r.status} />
      </p>
      <div class="actions no-print">
        <a class="button secondary" href={`/demandes/${r.id}/modifier`}>
          Modifier
        </a>
        {r.status !== 'closed' && r.status !== 'to_discuss' ? (
          <StatusButton ctx={ctx} id={r.id} status="to_discuss" label="À discuter en bureau" />
        ) : (
          ''
        )}
        {r.status === 'to_discuss' ? (
          <StatusButton ctx={ctx} id={r.id} status="in_progress" label="Retirer de l'ordre du jour" />
        ) : (
          ''
        )}
        {r.status !== 'closed' && r.status !== 'hearing_planned' ? (
          <StatusButton ctx={ctx} id={r.id} status="hearing_planned" label="Rencontre en bureau prévue" />
        ) : (
          ''
        )}
        {r.status !== 'closed' ? (
          <a class="button" href={`/demandes/${r.id}/cloture`}>
            Clôturer
          </a>
        ) : (
          <StatusButton ctx={ctx} id={r.id} status="in_progress" label="Rouvrir" />
        )}
      </div>
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">En bref</h2>
        <dl class="facts">
          <dt>Type</dt>
          <dd safe>{r.kind}</dd>
          <dt>Canal</dt>
          <dd safe>{CHANNELS.labels[r.channel]}</dd>
          <dt>Demandeur</dt>
          <dd safe>{REQUESTER_TYPES.labels[r.requesterType]}</dd>
          <dt>Secteur</dt>
          <dd safe>{r.sector || 'Non précisé'}</dd>
          <dt>Région</dt>
          <dd>{r.region ? REGIONS.labels[r.region] : 'Non précisée'}</dd>
          <dt>Thèmes</dt>
          <dd safe>{themesText}</dd>
          <dt>Suivie par</dt>
          <dd safe>{assigneesText}</dd>
          {r.eventOn ? (
            <>
              <dt>Date de l'activité</dt>
              <dd safe>{formatDateLong(r.eventOn)}</dd>
            </>
          ) : (
            ''
          )}
          {r.plannedYear ? (
            <>
              <dt>Année prévue</dt>
              <dd safe>{String(r.plannedYear)}</dd>
            </>
          ) : (
            ''
          )}
          {r.outcome ? (
            <>
              <dt>Issue</dt>
              <dd safe>{[OUTCOMES.labels[r.outcome], r.outcomeReason, r.outcomeDetail].filter(Boolean).join(' — ')}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
      </section>
      <section class="card" aria-labelledby="notes-title">
        <h2 id="notes-title">Notes confidentielles</h2>
        {r.notes ? (
          <p class="pre" safe>
            {r.notes}
          </p>
        ) : (
          <p class="meta">Aucune note.</p>
        )}
      </section>
      <IdentitySection ctx={ctx} r={r} identity={identity} errors={identityErrors} />
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Suivi</h2>
        <FlashHere ctx={ctx} id="timeline-title" />
        <ol class="timeline">
          {r.events.map((e) => (
            <li>
              <strong safe>{EVENT_TYPES.labels[e.type]}</strong>
              <span class="meta" safe>{` · ${formatDateShort(e.occurredOn)}${e.actor ? ` · ${e.actor}` : ''}`}</span>
              <div class="pre" safe>
                {e.body}
              </div>
            </li>
          ))}
        </ol>
        <h3 id="add-event">Ajouter une étape</h3>
        <ErrorSummary errors={form.errors} />
        {form.warnings?.length ? <IdentifyingWarning warnings={form.warnings} /> : ''}
        <form method="post" action={`/demandes/${r.id}/etapes`} novalidate aria-labelledby="add-event">
          <CsrfField token={ctx.csrfToken} />
          {form.warnings?.length ? <input type="hidden" name="confirmIdentifying" value="oui" /> : ''}
          <div class="grid-2">
            <SelectField
              name="type"
              label="Type d'étape"
              value={form.values.type}
              options={options(EVENT_TYPES, MANUAL_EVENT_TYPES)}
              errors={form.errors}
              required
            />
            <TextField
              name="occurredOn"
              label="Date"
              type="date"
              value={form.values.occurredOn}
              errors={form.errors}
              required
            />
          </div>
          <TextArea name="body" label="Description" value={form.values.body} rows={3} errors={form.errors} required />
          <button type="submit">Ajouter au suivi</button>
        </form>
      </section>
      <p class="no-print">
        <a href={`/guide?demande=${r.id}`}>Ouvrir le guide « Puis-je parler ? » pour cette demande</a>
      </p>
    </Layout>
  );
}

function StatusButton({
  ctx,
  id,
  status,
  label,
}: {
  ctx: ViewContext;
  id: number;
  status: Status;
  label: string;
}): JSX.Element {
  return (
    <form method="post" action={`/demandes/${id}/statut`}>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="status" value={status} />
      <button type="submit" class="secondary" safe>
        {label}
      </button>
    </form>
  );
}

function IdentitySection({
  ctx,
  r,
  identity,
  errors,
}: {
  ctx: ViewContext;
  r: RequestView;
  identity?: RequesterIdentity | null | undefined;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <section class="card" aria-labelledby="identity-title">
      <h2 id="identity-title">Identité du demandeur</h2>
      {identity === undefined ? (
        <>
          <p class="hint">
            {r.hasIdentity
              ? "L'identité est chiffrée. L'afficher est enregistré dans le journal, à votre nom."
              : "Aucune identité n'est enregistrée."}
          </p>
          <form method="post" action={`/demandes/${r.id}/identite`}>
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="secondary">
              {r.hasIdentity ? "Afficher l'identité" : 'Ajouter une identité'}
            </button>
          </form>
        </>
      ) : (
        <IdentityEditor ctx={ctx} id={r.id} identity={identity} errors={errors} />
      )}
    </section>
  );
}

function IdentityEditor({
  ctx,
  id,
  identity,
  errors,
}: {
  ctx: ViewContext;
  id: number;
  identity: RequesterIdentity | null;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const i = identity ?? { name: '', organisation: '', email: '', phone: '' };
  return (
    <div class="identity">
      {identity ? (
        <dl class="facts">
          <dt>Nom</dt>
          <dd safe>{i.name || '—'}</dd>
          <dt>Organisation</dt>
          <dd safe>{i.organisation || '—'}</dd>
          <dt>E-mail</dt>
          <dd safe>{i.email || '—'}</dd>
          <dt>Téléphone</dt>
          <dd safe>{i.phone || '—'}</dd>
        </dl>
      ) : (
        <p>Aucune identité n'est enregistrée.</p>
      )}
      <details open={Boolean(errors)}>
        <summary>Modifier l'identité</summary>
        <ErrorSummary errors={errors} />
        <form method="post" action={`/demandes/${id}/identite/modifier`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <div class="grid-2">
            <TextField name="identityName" label="Nom" autocomplete="off" value={i.name} errors={errors} />
            <TextField
              name="identityOrganisation"
              label="Organisation"
              autocomplete="off"
              value={i.organisation}
              errors={errors}
            />
            <TextField
              name="identityEmail"
              label="E-mail"
              type="email"
              autocomplete="off"
              value={i.email}
              errors={errors}
            />
            <TextField
              name="identityPhone"
              label="Téléphone"
              type="tel"
              autocomplete="off"
              value={i.phone}
              errors={errors}
            />
          </div>
          <p class="hint">Videz tous les champs pour effacer l'identité.</p>
          <button type="submit">Enregistrer l'identité</button>
        </form>
      </details>
    </div>
  );
}
