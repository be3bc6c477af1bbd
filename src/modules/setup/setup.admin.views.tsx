import { NOUNS, plural, pluralForm } from '../../lib/plural.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { hasRole } from '../../web/access.js';
import { ROLE_LABELS } from '../../web/access.js';
import { ARTICLE_EXAMPLES } from './setup.organisation.service.js';
import { ARTICLES, nameOf, type Article } from '../../lib/organisation-name.js';
import type { ChecklistStep } from './setup.checklist.service.js';
import { keysOf } from '../../lib/one-of.js';

export interface OrganisationValues {
  name: string;
  article: string;
}

export interface ControllerValues {
  controllerName: string;
  controllerAddress: string;
  controllerEmail: string;
  controllerDpo: string;
}

export function OrganisationPage(p: {
  ctx: ViewContext;
  org: OrganisationValues;
  controller: ControllerValues;
  orgErrors?: FieldErrors | undefined;
  controllerErrors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <Layout ctx={p.ctx} title="L’organisation" narrow>
      <p>
        <a href="/bureau">← Tout le menu</a>
      </p>
      <h1>L’organisation</h1>
      <h2 id="nom">Son nom</h2>
      <p>Affiché en tête de chaque page, dans les e-mails, le rapport et le site public.</p>
      <ErrorSummary errors={p.orgErrors} />
      <form method="post" action="/admin/organisation" class="card" novalidate aria-labelledby="nom">
        <CsrfField token={p.ctx.csrfToken} />
        <TextField
          name="name"
          label="Nom de l’organisation"
          hint="Sans article : « Comité de Vigilance en Travail Social »."
          value={p.org.name}
          errors={p.orgErrors}
          required
          maxlength={150}
        />
        <SelectField
          name="article"
          label="Après « de », on dit…"
          hint="Pour écrire « la newsletter du Comité… », « de la Fédération… »."
          value={p.org.article}
          options={keysOf(ARTICLES).map((a) => ({
            value: a,
            label: `${ARTICLES[a]} — ${ARTICLE_EXAMPLES[a]}`,
          }))}
          errors={p.orgErrors}
          required
        />
        {p.org.name && Object.hasOwn(ARTICLES, p.org.article) ? (
          <p class="hint" safe>{`Aperçu : « la newsletter ${nameOf(p.org.name, p.org.article as Article)} ».`}</p>
        ) : (
          ''
        )}
        <button type="submit">Enregistrer le nom</button>
      </form>
      <h2 id="vie-privee">Responsable du traitement des données</h2>
      <p>
        La page « Vie privée » du site le nomme et dit où écrire pour consulter, corriger ou effacer ses données. C’est
        en général l’organisation elle-même, représentée par son bureau.
      </p>
      <ErrorSummary errors={p.controllerErrors} />
      <form method="post" action="/admin/organisation/vie-privee" class="card" novalidate aria-labelledby="vie-privee">
        <CsrfField token={p.ctx.csrfToken} />
        <TextField
          name="controllerName"
          label="Responsable du traitement"
          hint="Par exemple « Comité de Vigilance en Travail Social, association de fait, représentée par son bureau »."
          value={p.controller.controllerName}
          errors={p.controllerErrors}
          required
          maxlength={200}
        />
        <TextArea
          name="controllerAddress"
          label="Adresse postale"
          value={p.controller.controllerAddress}
          errors={p.controllerErrors}
          rows={3}
          required
        />
        <TextField
          name="controllerEmail"
          label="Adresse e-mail pour les questions de vie privée"
          type="email"
          value={p.controller.controllerEmail}
          errors={p.controllerErrors}
          required
          maxlength={254}
        />
        <TextField
          name="controllerDpo"
          label="Délégué·e à la protection des données (facultatif)"
          hint="Seulement si l’organisation en a désigné un·e : son nom et comment le ou la joindre."
          value={p.controller.controllerDpo}
          errors={p.controllerErrors}
          maxlength={300}
        />
        <button type="submit">Enregistrer le responsable</button>
      </form>
    </Layout>
  );
}

/** « Mise en route » on « Tout le menu »: what is done, what is left, where, and who can do it. */
export function SetupChecklist({ ctx, steps }: { ctx: ViewContext; steps: ChecklistStep[] }): JSX.Element {
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return '';
  return (
    <section class="card checklist" aria-labelledby="mise-en-route">
      <h2 id="mise-en-route">Mise en route</h2>
      <p
        safe
      >{`${plural(done, NOUNS.step)} sur ${steps.length} ${pluralForm(done, { one: 'faite', other: 'faites' })}. Ce qu’il reste avant d’ouvrir Vigie au bureau et au public :`}</p>
      <ol class="checklist-steps">
        {steps.map((s) => {
          const allowed = ctx.user ? hasRole(ctx.user, s.role) : false;
          return (
            <li class={s.done ? 'done' : 'todo'}>
              <span class="step-state">{s.done ? 'Fait' : 'À faire'}</span> <strong safe>{s.title}</strong>
              <span class="meta" safe>
                {s.detail}
              </span>
              {!s.done && s.href ? (
                allowed ? (
                  <a href={s.href} safe>
                    {s.linkLabel ?? 'Régler'}
                  </a>
                ) : (
                  <span class="meta" safe>{`À faire par un compte « ${ROLE_LABELS[s.role]} ».`}</span>
                )
              ) : (
                ''
              )}
              {s.also && ctx.user && hasRole(ctx.user, s.also.role) ? (
                <>
                  {' '}
                  <a class="also" href={s.also.href} safe>
                    {s.also.label}
                  </a>
                </>
              ) : (
                ''
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
