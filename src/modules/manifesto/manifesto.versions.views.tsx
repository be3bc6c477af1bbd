import { formatDateLong, formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
  FormattingHelp,
} from '../../web/forms.js';
import { LOCALE_NAMES } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import type { listAllVersions } from './manifesto.queries.js';

export type VersionValues = Record<'locale' | 'versionLabel' | 'publishedOn' | 'summary' | 'body', string>;

/** The Manifesto's text in the back office: the form to publish a version (with a preview), then every version. */
export function VersionsPage(p: {
  ctx: ViewContext;
  versions: Awaited<ReturnType<typeof listAllVersions>>;
  values: VersionValues;
  errors?: FieldErrors | undefined;
  preview?: string;
}): JSX.Element {
  const safePreview = p.preview ?? '';
  return (
    <Layout ctx={p.ctx} title="Texte du Manifeste">
      <h1>Texte du Manifeste</h1>
      <p>
        Chaque langue a son texte et son historique. Publier une version la met en ligne tout de suite ; les versions
        précédentes restent lisibles dans l’historique public. Le texte provisoire installé avec Vigie disparaît de
        l’historique dès qu’une vraie version existe dans sa langue.
      </p>
      <h2 id="new-version">Publier une nouvelle version</h2>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/bureau/manifeste" class="card" novalidate aria-labelledby="new-version">
        <CsrfField token={p.ctx.csrfToken} />
        <SelectField
          name="locale"
          label="Langue"
          value={p.values.locale}
          options={(['fr', 'nl', 'en'] as const).map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
          errors={p.errors}
          required
        />
        <TextField
          name="versionLabel"
          label="Nom de la version"
          hint="Par exemple « Mise à jour 2020 »."
          value={p.values.versionLabel}
          errors={p.errors}
          required
          maxlength={120}
        />
        <TextField
          name="publishedOn"
          label="Date de publication"
          hint="Une année (2020) ou une date complète (15/06/2020)."
          value={p.values.publishedOn}
          errors={p.errors}
          required
          maxlength={10}
        />
        <TextArea
          name="summary"
          label="Ce qui a changé"
          hint="Une phrase, montrée dans l’historique."
          value={p.values.summary}
          errors={p.errors}
          rows={2}
        />
        <TextArea
          name="body"
          label="Texte"
          hint="Le HTML est affiché tel quel, jamais interprété."
          value={p.values.body}
          errors={p.errors}
          rows={18}
          required
        />
        <FormattingHelp />
        <div class="actions">
          <button type="submit" name="action" value="preview" class="secondary">
            Aperçu
          </button>
          <button type="submit" name="action" value="publish">
            Publier
          </button>
        </div>
      </form>
      {safePreview ? (
        <section class="card" aria-labelledby="preview-title">
          <h2 id="preview-title">Aperçu</h2>
          <div class="prose">{safePreview}</div>
        </section>
      ) : (
        ''
      )}
      <h2>Versions</h2>
      <ul class="request-list">
        {p.versions.map((v) => (
          <li>
            <span
              class="subject"
              safe
            >{`${LOCALE_NAMES[v.locale as 'fr'] ?? v.locale} — ${v.version_label}${v.is_placeholder === 1 ? ' (texte provisoire)' : ''}`}</span>
            <span
              class="meta"
              safe
            >{`Publiée : ${v.published_on.length === 4 ? v.published_on : formatDateLong(v.published_on)} · saisie le ${formatInstant(v.created_at)}${v.author ? ` par ${v.author}` : ''}`}</span>
            {v.summary ? <p safe>{v.summary}</p> : ''}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
