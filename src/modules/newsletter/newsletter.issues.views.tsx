import { formatInstant } from '../../lib/time.js';
import { NOUNS, plural } from '../../lib/plural.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, FormattingHelp, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { LOCALE_NAMES, type Locale } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { markdownToHtml } from '../../web/markdown.js';
import type { Issue, IssueState, IssueSummary } from './newsletter.issues.service.js';

/** The form's values, as typed (French required; Dutch and English optional). */
export type IssueFormValues = Record<'subjectFr' | 'bodyFr' | 'subjectNl' | 'bodyNl' | 'subjectEn' | 'bodyEn', string>;

export const EMPTY_ISSUE: IssueFormValues = {
  subjectFr: '',
  bodyFr: '',
  subjectNl: '',
  bodyNl: '',
  subjectEn: '',
  bodyEn: '',
};

export function issueFormValues(issue: Issue): IssueFormValues {
  return {
    subjectFr: issue.versions.fr.subject,
    bodyFr: issue.versions.fr.body,
    subjectNl: issue.versions.nl?.subject ?? '',
    bodyNl: issue.versions.nl?.body ?? '',
    subjectEn: issue.versions.en?.subject ?? '',
    bodyEn: issue.versions.en?.body ?? '',
  };
}

const LANGUAGE_IN_FRENCH: Record<Locale, string> = { fr: 'français', nl: 'néerlandais', en: 'anglais' };

/** « Brouillon », « En file : 120 envoyés sur 566 », « Envoyé à 566 abonné·e·s » — from the outbox, never hoped. */
function stateText(state: IssueState): string {
  switch (state.kind) {
    case 'draft':
      return 'Brouillon';
    case 'queued': {
      const total = state.queued + state.sent + state.failed;
      const failed = state.failed ? ` ; ${plural(state.failed, NOUNS.failure)}` : '';
      return `En file : ${state.sent} ${state.sent > 1 ? 'envoyés' : 'envoyé'} sur ${total}${failed}`;
    }
    case 'sent':
      return `Envoyé à ${plural(state.sent, NOUNS.subscriber)}${state.failed ? ` ; ${plural(state.failed, NOUNS.failure)} (adresses à vérifier)` : ''}`;
    case 'handed':
      return `Mis en file pour ${plural(state.recipients, NOUNS.subscriber)}`;
  }
}

export function IssueList({ issues }: { issues: IssueSummary[] }): JSX.Element {
  if (issues.length === 0)
    return <p>Aucun envoi pour l’instant. « Rédiger une newsletter » crée un brouillon que vous pourrez essayer.</p>;
  return (
    <ul class="request-list">
      {issues.map((i) => (
        <li>
          <a
            class="subject"
            href={
              i.status === 'draft' ? `/bureau/newsletter/envois/${i.id}/modifier` : `/bureau/newsletter/envois/${i.id}`
            }
            safe
          >
            {i.subject}
          </a>
          <span class="meta">
            <span class={`badge ${i.state.kind}`} safe>
              {stateText(i.state)}
            </span>{' '}
            <span safe>{`· ${i.locales.map((l) => LANGUAGE_IN_FRENCH[l]).join(', ')}`}</span>
            <span safe>
              {i.status === 'draft'
                ? ` · modifié le ${formatInstant(i.updatedAt ?? i.createdAt)}`
                : i.sentAt
                  ? ` · le ${formatInstant(i.sentAt)}`
                  : ''}
            </span>
            {i.author ? <span safe>{` · par ${i.author}`}</span> : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

function VersionFields({
  locale,
  values,
  errors,
}: {
  locale: 'nl' | 'en';
  values: IssueFormValues;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const suffix = locale === 'nl' ? 'Nl' : 'En';
  const subject = `subject${suffix}` as const;
  const body = `body${suffix}` as const;
  const open = Boolean(values[subject] || values[body] || errors?.[subject] || errors?.[body]);
  return (
    <details class="card" open={open}>
      <summary safe>{`Version en ${LANGUAGE_IN_FRENCH[locale]} (${LOCALE_NAMES[locale]}) — facultative`}</summary>
      <p class="hint" safe>
        {`Sans elle, les abonné·e·s qui lisent en ${LANGUAGE_IN_FRENCH[locale]} reçoivent la version française.`}
      </p>
      <div lang={locale === 'nl' ? 'nl-BE' : 'en'}>
        <TextField name={subject} label="Objet" value={values[subject]} errors={errors} maxlength={200} />
        <TextArea name={body} label="Texte" value={values[body]} errors={errors} rows={10} />
      </div>
    </details>
  );
}

export function IssueEditPage(p: {
  ctx: ViewContext;
  id: number | null;
  values: IssueFormValues;
  recipients: number;
  errors?: FieldErrors | undefined;
  preview?: boolean;
}): JSX.Element {
  const action = p.id === null ? '/bureau/newsletter/rediger' : `/bureau/newsletter/envois/${p.id}/modifier`;
  const v = p.values;
  return (
    <Layout ctx={p.ctx} title={p.id === null ? 'Rédiger une newsletter' : 'Modifier le brouillon'}>
      <p>
        <a href="/bureau/newsletter">← Newsletter</a>
      </p>
      <h1>{p.id === null ? 'Rédiger une newsletter' : 'Modifier le brouillon'}</h1>
      <p safe>
        {`Elle partira à ${plural(p.recipients, NOUNS.subscriber)}, un e-mail par personne, dans sa langue quand vous l’avez écrite, sinon en français. Chaque e-mail porte le nom de l’organisation et un lien pour se désinscrire en un clic.`}
      </p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <div class="card">
          <h2 class="h2">Version française</h2>
          <TextField name="subjectFr" label="Objet" value={v.subjectFr} errors={p.errors} required maxlength={200} />
          <TextArea name="bodyFr" label="Texte" value={v.bodyFr} errors={p.errors} rows={14} required />
          <FormattingHelp />
        </div>
        <VersionFields locale="nl" values={v} errors={p.errors} />
        <VersionFields locale="en" values={v} errors={p.errors} />
        <div class="actions">
          <button type="submit" name="action" value="save">
            Enregistrer le brouillon
          </button>
          <button type="submit" name="action" value="preview" class="secondary">
            Aperçu
          </button>
          <button type="submit" name="action" value="test" class="secondary" safe>
            {`M’envoyer un essai (${p.ctx.user?.email ?? ''})`}
          </button>
        </div>
      </form>
      {p.preview ? <Previews id={p.id} values={v} /> : ''}
      {p.id !== null ? (
        <section class="card" aria-labelledby="send">
          <h2 id="send">Envoyer</h2>
          <p>Enregistrez d’abord vos dernières modifications : l’envoi part tel que le brouillon est enregistré.</p>
          <p class="actions">
            <a class="button" href={`/bureau/newsletter/envois/${p.id}/envoyer`}>
              Envoyer aux abonné·e·s…
            </a>
          </p>
          <form
            method="post"
            action={`/bureau/newsletter/envois/${p.id}/supprimer`}
            data-confirm="Supprimer ce brouillon ?"
          >
            <CsrfField token={p.ctx.csrfToken} />
            <button type="submit" class="link-button">
              Supprimer ce brouillon
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

function Previews({ id, values }: { id: number | null; values: IssueFormValues }): JSX.Element {
  const versions: Array<[Locale, string, string]> = [
    ['fr', values.subjectFr, values.bodyFr],
    ['nl', values.subjectNl, values.bodyNl],
    ['en', values.subjectEn, values.bodyEn],
  ];
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">Aperçu</h2>
      {versions
        .filter(([, subject, body]) => subject || body)
        .map(([locale, subject, body]) => {
          const safeHtml = markdownToHtml(body);
          return (
            <article class="card" lang={locale === 'fr' ? 'fr-BE' : locale === 'nl' ? 'nl-BE' : 'en'}>
              <p class="meta" lang="fr-BE" safe>{`En ${LANGUAGE_IN_FRENCH[locale]} — objet : ${subject}`}</p>
              <div class="prose">{safeHtml}</div>
              {id !== null ? (
                <p lang="fr-BE">
                  <a href={`/bureau/newsletter/envois/${id}/courriel/${locale}`} safe>
                    {`Voir l’e-mail tel qu’il arrivera (${LANGUAGE_IN_FRENCH[locale]})`}
                  </a>
                </p>
              ) : (
                ''
              )}
            </article>
          );
        })}
    </section>
  );
}

export function SendConfirmPage(p: { ctx: ViewContext; issue: Issue; byLocale: Record<Locale, number> }): JSX.Element {
  const total = p.byLocale.fr + p.byLocale.nl + p.byLocale.en;
  const lines = (['fr', 'nl', 'en'] as const).map((l) => {
    const n = p.byLocale[l];
    const fallback = l !== 'fr' && !p.issue.versions[l];
    return `${plural(n, NOUNS.subscriber)} en ${LANGUAGE_IN_FRENCH[l]}${fallback && n > 0 ? ' : ils recevront la version française' : ''}`;
  });
  return (
    <Layout ctx={p.ctx} title="Envoyer la newsletter" narrow>
      <p>
        <a href={`/bureau/newsletter/envois/${p.issue.id}/modifier`}>← Retour au brouillon</a>
      </p>
      <h1>Envoyer la newsletter</h1>
      <p safe>{`« ${p.issue.versions.fr.subject} » partira à ${plural(total, NOUNS.subscriber)} :`}</p>
      <ul>
        {lines.map((l) => (
          <li safe>{l}</li>
        ))}
      </ul>
      <p>
        Une fois envoyée, elle ne peut plus être modifiée. Les e-mails partent par paquets ; la page de l’envoi montre
        où il en est.
      </p>
      <form method="post" action={`/bureau/newsletter/envois/${p.issue.id}/envoyer`}>
        <CsrfField token={p.ctx.csrfToken} />
        <div class="actions">
          <button type="submit" safe>{`Confirmer l’envoi à ${plural(total, NOUNS.subscriber)}`}</button>
          <a href={`/bureau/newsletter/envois/${p.issue.id}/modifier`}>Annuler</a>
        </div>
      </form>
    </Layout>
  );
}

export function IssuePage({ ctx, issue, state }: { ctx: ViewContext; issue: Issue; state: IssueState }): JSX.Element {
  const versions = (['fr', 'nl', 'en'] as const).filter((l) => issue.versions[l]);
  return (
    <Layout ctx={ctx} title={issue.versions.fr.subject}>
      <p>
        <a href="/bureau/newsletter">← Newsletter</a>
      </p>
      <h1 safe>{issue.versions.fr.subject}</h1>
      <p role="status">
        <strong safe>{stateText(state)}</strong>
        <span class="meta" safe>
          {`${issue.sentAt ? ` · le ${formatInstant(issue.sentAt)}` : ''}${issue.author ? ` · rédigée par ${issue.author}` : ''}`}
        </span>
      </p>
      {state.kind === 'queued' ? (
        <p class="hint">
          Les e-mails partent par paquets, quelques dizaines par minute : rechargez la page pour suivre l’envoi.
        </p>
      ) : (
        ''
      )}
      {versions.map((l) => {
        const version = issue.versions[l];
        const safeHtml = markdownToHtml(version?.body ?? '');
        return (
          <article class="card" lang={l === 'fr' ? 'fr-BE' : l === 'nl' ? 'nl-BE' : 'en'}>
            <h2 class="h2" lang="fr-BE" safe>{`En ${LANGUAGE_IN_FRENCH[l]}`}</h2>
            <p class="meta" safe>
              {version?.subject ?? ''}
            </p>
            <div class="prose">{safeHtml}</div>
            <p lang="fr-BE">
              <a href={`/bureau/newsletter/envois/${issue.id}/courriel/${l}`} safe>
                {`Voir l’e-mail tel qu’il est parti (${LANGUAGE_IN_FRENCH[l]})`}
              </a>
            </p>
          </article>
        );
      })}
    </Layout>
  );
}
