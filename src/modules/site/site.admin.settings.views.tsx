import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { formatDateShort } from '../../lib/time.js';
import { formatDay, weekdayName } from '../../lib/locale-format.js';
import type { Closure } from './site.helpline.service.js';
import { schoolClosures, type SchoolYear } from '../../lib/school-calendar.js';
import { MAX_SLOTS, type SettingsForm } from './site.settings.service.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName('fr', d) }));

export function SettingsPage({
  ctx,
  values,
  errors,
  next,
}: {
  ctx: ViewContext;
  values: SettingsForm;
  errors?: FieldErrors | undefined;
  next: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Réglages du site" narrow>
      <p>
        <a href="/bureau/contenu">← Contenu du site</a>
      </p>
      <h1>Réglages du site</h1>
      <p safe>{`Prochaine permanence annoncée sur le site : ${next}.`}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/bureau/contenu/reglages" class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <fieldset>
          <legend>Permanence téléphonique</legend>
          <p class="hint">
            Un créneau par ligne (par exemple le jeudi de 14:00 à 17:00). Laissez vides les lignes inutiles. Ces
            horaires sont repris sur la page d’accueil, dans le guide et pour le tour de rôle des permanences.
          </p>
          {Array.from({ length: MAX_SLOTS }, (_, i) => (
            <fieldset class="slot">
              <legend safe>{`Créneau ${i + 1}`}</legend>
              <div class="grid-3">
                <SelectField
                  name={`slot${i}_weekday`}
                  label="Jour"
                  value={values[`slot${i}_weekday`]}
                  options={WEEKDAYS}
                  placeholder="—"
                  errors={errors}
                />
                <TextField
                  name={`slot${i}_start`}
                  label="Début"
                  hint="Par exemple 13:00."
                  value={values[`slot${i}_start`]}
                  errors={errors}
                  maxlength={5}
                />
                <TextField
                  name={`slot${i}_end`}
                  label="Fin"
                  hint="Par exemple 16:00."
                  value={values[`slot${i}_end`]}
                  errors={errors}
                  maxlength={5}
                />
              </div>
            </fieldset>
          ))}
          <TextField
            name="helplinePhone"
            label="Numéro de téléphone"
            type="tel"
            value={values.helplinePhone}
            errors={errors}
            maxlength={40}
          />
        </fieldset>
        <fieldset>
          <legend>Page Contact</legend>
          <TextField
            name="contactEmail"
            label="Adresse e-mail"
            type="email"
            value={values.contactEmail}
            errors={errors}
            maxlength={254}
          />
          <TextArea
            name="contactAddress"
            label="Adresse postale"
            value={values.contactAddress}
            errors={errors}
            rows={3}
          />
        </fieldset>
        <button type="submit">Enregistrer</button>
      </form>
    </Layout>
  );
}

export function ClosuresPage({
  ctx,
  closures,
  schoolYears,
  values,
  errors,
}: {
  ctx: ViewContext;
  closures: Closure[];
  schoolYears: SchoolYear[];
  values: Record<'startsOn' | 'endsOn' | 'label', string>;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Fermetures de la permanence">
      <p>
        <a href="/bureau/contenu">← Contenu du site</a>
      </p>
      <h1>Fermetures de la permanence</h1>
      <p>
        La permanence n’a pas lieu pendant les vacances scolaires de la Fédération Wallonie-Bruxelles ni les jours
        fériés légaux belges : Vigie les connaît et les exclut d’elle-même. Ajoutez ici les autres fermetures (mise au
        vert, fermeture exceptionnelle).
      </p>
      <h2 id="ajout">Ajouter une fermeture</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/bureau/contenu/fermetures" class="card" novalidate aria-labelledby="ajout">
        <CsrfField token={ctx.csrfToken} />
        <div class="grid-2">
          <TextField name="startsOn" label="Du" type="date" value={values.startsOn} errors={errors} required />
          <TextField name="endsOn" label="Au (inclus)" type="date" value={values.endsOn} errors={errors} required />
        </div>
        <TextField
          name="label"
          label="Intitulé"
          hint="Par exemple « Vacances de printemps 2028 »."
          value={values.label}
          errors={errors}
          required
          maxlength={120}
        />
        <button type="submit">Ajouter</button>
      </form>
      <h2>Périodes enregistrées</h2>
      <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau des périodes">
        <table>
          <thead>
            <tr>
              <th scope="col">Du</th>
              <th scope="col">Au</th>
              <th scope="col">Intitulé</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {closures.map((c) => (
              <tr>
                <td safe>{formatDateShort(c.startsOn)}</td>
                <td safe>{formatDateShort(c.endsOn)}</td>
                <td safe>{c.label}</td>
                <td>
                  <form method="post" action={`/bureau/contenu/fermetures/${c.id}/supprimer`} class="inline">
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" class="link-button">
                      Supprimer
                      <span class="visually-hidden" safe>{` ${c.label} (${formatDay('fr', c.startsOn)})`}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Vacances scolaires connues de Vigie</h2>
      {schoolYears.map((y) => (
        <section class="card" aria-labelledby={`annee-${y.name}`}>
          <h3 id={`annee-${y.name}`} safe>{`Année scolaire ${y.name}`}</h3>
          <p safe>{SCHOOL_YEAR_STATUS[y.status]}</p>
          {y.sources.length > 0 ? (
            <ul>
              {y.sources.map((s) => (
                <li>
                  <a href={s.url} safe>
                    {s.title}
                  </a>
                  <span safe>{` — vérifié le ${formatDay('fr', s.checkedOn)}`}</span>
                </li>
              ))}
            </ul>
          ) : (
            ''
          )}
          <ul>
            {schoolClosures(y).map((c) => (
              <li safe>
                {`${c.label} : ${c.startsOn === c.endsOn ? formatDateShort(c.startsOn) : `du ${formatDateShort(c.startsOn)} au ${formatDateShort(c.endsOn)}`}${c.verified ? '' : ' (à vérifier)'}`}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

const SCHOOL_YEAR_STATUS: Record<SchoolYear['status'], string> = {
  official: 'Dates copiées du calendrier officiel de la Fédération Wallonie-Bruxelles.',
  secondary:
    'Dates reprises du calendrier publié, tel que reproduit par des écoles : à vérifier sur la publication officielle.',
  computed:
    'Calendrier pas encore encodé : dates déduites des règles du décret du 31 mars 2022 sur les rythmes scolaires, à vérifier dès la publication officielle.',
};
