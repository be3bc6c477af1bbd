// Over 300 lines: one form in three modes (helpline intake, full entry, edit) with its sections, the
// identity fieldset and the identifying-text warning; the modes share every field.
import type Html from '@kitajs/html';
import type { ViewContext } from '../../web/context.js';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { Taxonomy } from '../taxonomy/taxonomy.service.js';
import { isInUse } from '../taxonomy/taxonomy.service.js';
import { CHANNELS, REGIONS, REQUESTER_TYPES, STATUSES, options } from './requests.constants.js';
import { HINT_LABELS, type IdentifyingHint } from './requests.identifying.js';

export interface RequestFormValues {
  receivedOn: string;
  channel: string;
  kindId: string;
  requesterType: string;
  sectorId: string;
  region: string;
  themeIds: string[];
  subject: string;
  notes: string;
  assigneeIds: string[];
  eventOn: string;
  plannedYear: string;
  status: string;
  identityName: string;
  identityOrganisation: string;
  identityEmail: string;
  identityPhone: string;
  toDiscuss: boolean;
  assignMe: boolean;
}

export type FormMode = 'intake' | 'full' | 'edit';

interface Props {
  ctx: ViewContext;
  mode: FormMode;
  values: RequestFormValues;
  errors?: FieldErrors | undefined;
  warnings?: IdentifyingHint[] | undefined;
  /** Said once at the top, e.g. what « déplacer dans les coordonnées chiffrées » moved. */
  notice?: string | undefined;
  taxonomy: Taxonomy;
  members: Array<{ id: number; display_name: string }>;
  action: string;
  title: string;
  cancelHref: string;
}

/** Entries offered: those in use this year, plus any already chosen. */
function usable(entries: Taxonomy['kind'], year: number, chosen: string[]) {
  return entries.filter((e) => isInUse(e, year) || chosen.includes(String(e.id)));
}

export function RequestFormPage(p: Props): JSX.Element {
  const v = p.values;
  const year = Number(v.receivedOn.slice(0, 4)) || p.taxonomy.year;
  const kinds = usable(p.taxonomy.kind, year, [v.kindId]).map((e) => ({ value: String(e.id), label: e.label }));
  const sectors = usable(p.taxonomy.sector, year, [v.sectorId]).map((e) => ({ value: String(e.id), label: e.label }));
  const themes = usable(p.taxonomy.theme, year, v.themeIds).map((e) => ({
    value: String(e.id),
    label: e.label,
    ...(e.parentId !== null ? { group: String(e.parentId) } : {}),
  }));
  const intake = p.mode === 'intake';
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1 safe>{p.title}</h1>
      {intake ? (
        <p class="hint">Seuls la date, le type et l'objet sont obligatoires : complétez le reste plus tard.</p>
      ) : (
        ''
      )}
      <ErrorSummary errors={p.errors} />
      {p.notice ? (
        <p class="flash" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      {p.warnings?.length ? (
        <IdentifyingWarning warnings={p.warnings} formId="request-form" canMove={p.mode !== 'edit'} />
      ) : (
        ''
      )}
      <form method="post" action={p.action} id="request-form" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        {p.mode !== 'edit' ? <input type="hidden" name="mode" value={p.mode} /> : ''}
        <div class="card">
          <div class="grid-2">
            <TextField
              name="receivedOn"
              label="Date de réception"
              type="date"
              value={v.receivedOn}
              errors={p.errors}
              required
            />
            <SelectField
              name="channel"
              label="Canal"
              value={v.channel}
              options={options(CHANNELS)}
              errors={p.errors}
              required
            />
          </div>
          <SelectField
            name="kindId"
            label="Type de demande"
            value={v.kindId}
            options={kinds}
            // No silent default (it would skew the report): the helpline form pre-selects « Avis », this one asks.
            placeholder="Choisir…"
            errors={p.errors}
            required
          />
          <TextField
            name="subject"
            label="Objet"
            value={v.subject}
            maxlength={300}
            hint="Une ligne anonyme, sans nom ni détail identifiant : c'est la phrase que reprendra le rapport annuel."
            errors={p.errors}
            required
          />
          <TextArea
            name="notes"
            label="Notes confidentielles"
            value={v.notes}
            rows={intake ? 5 : 6}
            hint="Ce que la personne raconte, utile au bureau. Ne nommez pas l'usager."
            errors={p.errors}
          />
        </div>
        {intake ? (
          <div class="card">
            <FollowUpBoxes values={v} />
          </div>
        ) : (
          ''
        )}
        <Section
          intake={intake}
          title="Qui appelle, secteur, région, thèmes (facultatif)"
          open={
            hasAny(p.errors, ['requesterType', 'sectorId', 'region', 'themeIds']) ||
            v.themeIds.length > 0 ||
            v.sectorId !== '' ||
            v.region !== ''
          }
        >
          <div class="grid-2">
            <SelectField
              name="requesterType"
              label="Qui appelle ?"
              value={v.requesterType}
              options={options(REQUESTER_TYPES)}
              errors={p.errors}
            />
            <SelectField
              name="sectorId"
              label="Secteur"
              value={v.sectorId}
              options={sectors}
              placeholder="Non précisé"
              errors={p.errors}
            />
            <SelectField
              name="region"
              label="Région"
              value={v.region}
              options={options(
                REGIONS,
                REGIONS.values.filter((r) => r !== 'unknown' || v.region === 'unknown'),
              )}
              // « Non précisée » once: a request saved as « unknown » shows that option, not an empty one too.
              {...(v.region === 'unknown' ? {} : { placeholder: 'Non précisée' })}
              errors={p.errors}
            />
            {p.mode === 'edit' ? (
              <SelectField
                name="status"
                label="Statut"
                value={v.status}
                options={options(
                  STATUSES,
                  STATUSES.values.filter((s) => s !== 'closed'),
                )}
                errors={p.errors}
                required
              />
            ) : (
              ''
            )}
          </div>
          <CheckboxGroup name="themeIds" label="Thèmes" values={v.themeIds} options={themes} errors={p.errors} />
        </Section>
        {p.mode !== 'edit' ? (
          <Section
            intake={intake}
            title="Coordonnées du demandeur (facultatif, chiffrées)"
            open={
              hasAny(p.errors, ['identityName', 'identityOrganisation', 'identityEmail', 'identityPhone']) ||
              Boolean(v.identityName || v.identityOrganisation || v.identityEmail || v.identityPhone)
            }
          >
            <IdentityFieldset values={v} errors={p.errors} />
          </Section>
        ) : (
          ''
        )}
        <Section
          intake={intake}
          title="Autres membres du bureau qui suivent la demande"
          open={hasAny(p.errors, ['assigneeIds']) || v.assigneeIds.length > 0}
        >
          <CheckboxGroup
            name="assigneeIds"
            label="Membres du bureau qui suivent la demande"
            values={v.assigneeIds}
            options={p.members.map((m) => ({ value: String(m.id), label: m.display_name }))}
            errors={p.errors}
          />
          {p.mode === 'full' ? <FollowUpBoxes values={v} /> : ''}
          {!intake ? (
            <div class="grid-2">
              <TextField
                name="eventOn"
                label="Date de l'activité (formation, intervention)"
                type="date"
                value={v.eventOn}
                errors={p.errors}
              />
              <TextField
                name="plannedYear"
                label="Année prévue (si reportée)"
                inputmode="numeric"
                value={v.plannedYear}
                errors={p.errors}
              />
            </div>
          ) : (
            ''
          )}
        </Section>
        <div class="actions">
          {p.warnings?.length ? (
            <button type="submit" name="confirmIdentifying" value="oui">
              Enregistrer quand même
            </button>
          ) : (
            <button type="submit">Enregistrer</button>
          )}
          <a href={p.cancelHref}>Annuler</a>
        </div>
      </form>
    </Layout>
  );
}

function hasAny(errors: FieldErrors | undefined, names: string[]): boolean {
  return names.some((n) => Boolean(errors?.[n]));
}

/**
 * On the helpline form the optional parts fold away, so the volunteer sees the
 * few fields needed while on the phone; elsewhere they are plain cards.
 */
function Section({
  intake,
  title,
  open,
  children,
}: {
  intake: boolean;
  title: string;
  open: boolean;
  children?: Html.Children;
}): JSX.Element {
  if (!intake) return <div class="card">{children}</div>;
  return (
    <details class="card" open={open}>
      <summary safe>{title}</summary>
      {children}
    </details>
  );
}

function FollowUpBoxes({ values }: { values: RequestFormValues }): JSX.Element {
  return (
    <>
      <div class="checkbox">
        <input type="checkbox" id="assignMe" name="assignMe" value="oui" checked={values.assignMe} />
        <label for="assignMe">Je suis cette demande</label>
      </div>
      <div class="checkbox">
        <input type="checkbox" id="toDiscuss" name="toDiscuss" value="oui" checked={values.toDiscuss} />
        <label for="toDiscuss">À discuter au prochain bureau</label>
      </div>
    </>
  );
}

function IdentityFieldset({
  values,
  errors,
}: {
  values: RequestFormValues;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <fieldset class="card">
      <legend>Identité du demandeur (confidentielle)</legend>
      <p class="hint">
        Facultatif. Chiffrée, jamais affichée dans les listes ni les rapports ; chaque consultation est tracée.
      </p>
      <div class="grid-2">
        <TextField name="identityName" label="Nom" autocomplete="off" value={values.identityName} errors={errors} />
        <TextField
          name="identityOrganisation"
          label="Organisation"
          autocomplete="off"
          value={values.identityOrganisation}
          errors={errors}
        />
        <TextField
          name="identityEmail"
          label="E-mail"
          type="email"
          autocomplete="off"
          value={values.identityEmail}
          errors={errors}
        />
        <TextField
          name="identityPhone"
          label="Téléphone"
          type="tel"
          autocomplete="off"
          value={values.identityPhone}
          errors={errors}
        />
      </div>
    </fieldset>
  );
}

/**
 * The warning and both choices, at the top of the form (its buttons submit
 * the form below through their `form` attribute: no JavaScript needed). The
 * safe choice comes first, so Enter in a field never confirms.
 */
export function IdentifyingWarning({
  warnings,
  formId,
  canMove = false,
}: {
  warnings: IdentifyingHint[];
  formId?: string;
  canMove?: boolean;
}): JSX.Element {
  return (
    <div class="warning-box" role="alert">
      <h2>Vérifiez : le texte semble identifier une personne</h2>
      <ul>
        {warnings.map((w) => (
          <li>
            <span safe>{HINT_LABELS[w.kind]}</span> : « <span safe>{w.excerpt}</span> »
          </li>
        ))}
      </ul>
      <p>
        L'objet et les notes doivent rester anonymes. Ce n'est qu'un avertissement : rien n'a encore été enregistré.
        {canMove
          ? ' Vous pouvez déplacer ces éléments dans les coordonnées du demandeur, qui sont chiffrées, ou corriger le texte vous-même.'
          : ' Corrigez le texte si nécessaire.'}
      </p>
      {formId ? (
        <div class="actions">
          {canMove ? (
            <button type="submit" form={formId} name="action" value="moveIdentity">
              Déplacer dans les coordonnées chiffrées
            </button>
          ) : (
            ''
          )}
          <button type="submit" form={formId} name="confirmIdentifying" value="oui" class="secondary">
            Enregistrer quand même
          </button>
        </div>
      ) : (
        ''
      )}
    </div>
  );
}
