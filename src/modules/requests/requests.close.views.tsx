import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { TaxonomyEntry } from '../taxonomy/taxonomy.service.js';
import { CLOSE_FIELD_OUTCOMES, OUTCOMES, options } from './requests.constants.js';

export interface CloseValues {
  outcome: string;
  outcomeReasonId: string;
  outcomeDetail: string;
  eventOn: string;
  plannedYear: string;
  note: string;
}

/** Shown only once one of its outcomes is chosen in « Issue » (style.css, `:has()`, no JavaScript). */
function forOutcomes(field: keyof typeof CLOSE_FIELD_OUTCOMES): string {
  return ['for-outcome', ...CLOSE_FIELD_OUTCOMES[field].map((o) => `for-${o}`)].join(' ');
}

export function ClosePage(p: {
  ctx: ViewContext;
  id: number;
  reference: string;
  subject: string;
  values: CloseValues;
  errors?: FieldErrors | undefined;
  reasons: TaxonomyEntry[];
}): JSX.Element {
  return (
    <Layout ctx={p.ctx} title={`Clôturer la demande ${p.reference}`} narrow>
      <p class="meta">
        <a href={`/demandes/${p.id}`}>← Retour à la demande</a>
      </p>
      <h1 safe>{`Clôturer la demande ${p.reference}`}</h1>
      <p safe>{p.subject}</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`/demandes/${p.id}/cloture`} class="card close-form" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <SelectField
          name="outcome"
          label="Issue"
          value={p.values.outcome}
          options={options(OUTCOMES)}
          placeholder="Choisir…"
          errors={p.errors}
          required
        />
        <div class={forOutcomes('outcomeReasonId')}>
          <SelectField
            name="outcomeReasonId"
            label="Raison (si déclinée ou annulée)"
            value={p.values.outcomeReasonId}
            options={p.reasons.map((r) => ({ value: String(r.id), label: r.label }))}
            placeholder="—"
            errors={p.errors}
          />
        </div>
        <div class={forOutcomes('outcomeDetail')}>
          <TextField
            name="outcomeDetail"
            label="Précision"
            hint="La raison en quelques mots, ou vers quel service la demande a été réorientée (sans nom de personne)."
            value={p.values.outcomeDetail}
            errors={p.errors}
          />
        </div>
        <div class={forOutcomes('eventOn')}>
          <TextField
            name="eventOn"
            label="Date de l'activité (formation, intervention)"
            type="date"
            value={p.values.eventOn}
            errors={p.errors}
          />
        </div>
        <div class={forOutcomes('plannedYear')}>
          <TextField
            name="plannedYear"
            label="Année prévue (si reportée)"
            inputmode="numeric"
            value={p.values.plannedYear}
            errors={p.errors}
          />
        </div>
        <TextArea name="note" label="Note de clôture (facultative)" value={p.values.note} rows={3} errors={p.errors} />
        <div class="actions">
          <button type="submit">Clôturer la demande</button>
          <a href={`/demandes/${p.id}`}>Annuler</a>
        </div>
      </form>
    </Layout>
  );
}
