import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { personSections } from './people.pdf.js';
import { recordIsEmpty, type PersonQuery, type PersonRecord } from './people.search.service.js';

function Hidden({ q }: { q: PersonQuery }): JSX.Element {
  return (
    <>
      <input type="hidden" name="email" value={q.email ?? ''} />
      <input type="hidden" name="name" value={q.name ?? ''} />
    </>
  );
}

export function PeoplePage({
  ctx,
  values,
  errors,
  record,
}: {
  ctx: ViewContext;
  values: { email: string; name: string };
  errors?: FieldErrors | undefined;
  record?: PersonRecord | undefined;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Demandes des personnes (vie privée)">
      <h1>Demandes des personnes (vie privée)</h1>
      <p>
        Une personne demande ce que le comité conserve sur elle, une copie, ou l’effacement. Cherchez par adresse e-mail
        et/ou par nom exact : signatures du Manifeste, abonnements, membres de la plénière, identités des demandeurs
        (déchiffrées uniquement pour cette recherche), comptes, e-mails envoyés et consentements. Chaque recherche est
        inscrite au journal, sans l’adresse ni le nom cherchés.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/bureau/personnes" class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField
          name="email"
          label="Adresse e-mail"
          type="email"
          value={values.email}
          errors={errors}
          autocomplete="off"
          maxlength={254}
        />
        <TextField
          name="name"
          label="Nom (exact, sans tenir compte des majuscules ni des accents)"
          value={values.name}
          errors={errors}
          autocomplete="off"
          maxlength={200}
        />
        <button type="submit">Chercher</button>
      </form>
      {record ? <Results ctx={ctx} record={record} /> : ''}
    </Layout>
  );
}

function Results({ ctx, record }: { ctx: ViewContext; record: PersonRecord }): JSX.Element {
  if (recordIsEmpty(record))
    return (
      <section aria-labelledby="resultats">
        <h2 id="resultats">Résultat</h2>
        <p>Vigie ne conserve rien sur cette personne. Vous pouvez le lui répondre tel quel.</p>
      </section>
    );
  return (
    <section aria-labelledby="resultats">
      <h2 id="resultats">Ce que Vigie conserve</h2>
      {personSections(record).map((section) =>
        section.items.length === 0 ? (
          ''
        ) : (
          <>
            <h3 safe>{section.title}</h3>
            {section.items.map((item) => (
              <dl class="card">
                {item.map(([label, value]) => (
                  <>
                    <dt safe>{label || 'Action'}</dt>
                    <dd safe>{value}</dd>
                  </>
                ))}
              </dl>
            ))}
          </>
        ),
      )}
      <h2>Envoyer une copie</h2>
      <div class="actions">
        <form method="post" action="/bureau/personnes/copie">
          <CsrfField token={ctx.csrfToken} />
          <Hidden q={record.query} />
          <input type="hidden" name="format" value="pdf" />
          <button type="submit">Télécharger la copie lisible (PDF)</button>
        </form>
        <form method="post" action="/bureau/personnes/copie">
          <CsrfField token={ctx.csrfToken} />
          <Hidden q={record.query} />
          <input type="hidden" name="format" value="json" />
          <button type="submit" class="secondary">
            Télécharger les données (JSON, pour un autre service)
          </button>
        </form>
      </div>
      <h2>Effacer à la demande de la personne</h2>
      <p>
        Les signatures, abonnements et fiches de membre restent comptés (chiffres du Manifeste, de la newsletter et des
        rapports) mais sans rien qui identifie ; l’identité du demandeur est effacée des demandes ; les e-mails envoyés
        perdent adresse et contenu ; chaque consentement encore donné est retiré. Les comptes de bénévoles ne sont pas
        effacés ici : un administrateur les désactive.
      </p>
      <form method="post" action="/bureau/personnes/effacer" class="card">
        <CsrfField token={ctx.csrfToken} />
        <Hidden q={record.query} />
        <div class="field">
          <label>
            <input type="checkbox" id="confirm" name="confirm" value="oui" required /> La personne l’a demandé ; j’ai
            vérifié que c’est bien elle. L’effacement est définitif.
          </label>
        </div>
        <button type="submit" class="danger">
          Effacer
        </button>
      </form>
    </section>
  );
}
