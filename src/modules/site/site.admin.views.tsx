// Over 300 lines: the back office of the public site's contents (the list by type, the edit form,
// its status bar, attachments and translations) is one editing screen and its list.
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
import { LOCALES } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { formatDateShort } from '../../lib/time.js';
import { CONTENT_TYPES, LOCALE_LABELS, TYPE_LABELS, type ContentType } from './site.constants.js';
import { formatSize } from './site.format.js';
import { pageMarkdownToHtml as markdownToHtml } from '../../web/markdown.js';
import type { AttachmentMeta, ContentRow } from './site.queries.js';
import { attachmentPath, itemPath } from './site.public.views.js';
import type { ContentValues } from './site.service.js';
import { FlashHere } from '../../web/flash.js';

const STATUS_LABELS: Record<string, string> = { draft: 'Brouillon', published: 'Publié' };
const localeOptions = LOCALES.map((l) => ({ value: l, label: LOCALE_LABELS[l] }));

function TypeTabs({ current }: { current: ContentType }): JSX.Element {
  return (
    <nav aria-label="Types de contenu" class="actions">
      {CONTENT_TYPES.map((t) => (
        <a
          href={`/bureau/contenu?type=${t}`}
          class={t === current ? 'button' : 'button secondary'}
          aria-current={t === current ? 'page' : undefined}
          safe
        >
          {TYPE_LABELS[t].plural}
        </a>
      ))}
    </nav>
  );
}

export function ContentListPage({
  ctx,
  type,
  rows,
}: {
  ctx: ViewContext;
  type: ContentType;
  rows: ContentRow[];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title={`Contenu du site : ${TYPE_LABELS[type].plural}`}>
      <h1>Contenu du site</h1>
      <p>
        Un texte par langue ; seuls les contenus publiés apparaissent sur le site. Voir aussi les{' '}
        <a href="/bureau/contenu/reglages">réglages (permanence, contact)</a> et les{' '}
        <a href="/bureau/contenu/fermetures">fermetures de la permanence</a>.
      </p>
      <TypeTabs current={type} />
      <h2 safe>{TYPE_LABELS[type].plural}</h2>
      <p>
        <a class="button" href={`/bureau/contenu/nouveau?type=${type}`} safe>
          {TYPE_LABELS[type].newLabel}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>Aucun contenu de ce type pour l’instant.</p>
      ) : (
        <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau des contenus">
          <table>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Langue</th>
                <th scope="col">État</th>
                <th scope="col">Modifié le</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/bureau/contenu/${r.id}`} safe>
                      {r.title}
                    </a>
                    {r.type === 'event' && r.event_starts_on ? (
                      <span class="meta" safe>
                        {` — ${formatDateShort(r.event_starts_on)}`}
                      </span>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{LOCALE_LABELS[r.locale]}</td>
                  <td>
                    <span class={`badge ${r.status === 'published' ? 'closed' : 'new'}`} safe>
                      {STATUS_LABELS[r.status] ?? r.status}
                    </span>
                  </td>
                  <td safe>{formatDateShort(r.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

interface EditProps {
  ctx: ViewContext;
  type: ContentType;
  values: ContentValues;
  errors?: FieldErrors | undefined;
  /** Existing item (edit) or undefined (new). */
  row?: ContentRow | undefined;
  translationOf?: number | undefined;
  preview?: boolean;
  attachments?: AttachmentMeta[];
  group?: ContentRow[];
  linkable?: ContentRow[];
}

function ContentFields({
  type,
  values,
  errors,
}: {
  type: ContentType;
  values: ContentValues;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <>
      <TextField name="title" label="Titre" value={values.title} errors={errors} required maxlength={200} />
      <SelectField
        name="locale"
        label="Langue"
        value={values.locale}
        options={localeOptions}
        errors={errors}
        required
      />
      <TextField
        name="slug"
        label="Adresse (fin de l’URL)"
        hint="Lettres sans accent, chiffres et tirets. Laissez vide pour la déduire du titre."
        value={values.slug}
        errors={errors}
        maxlength={80}
      />
      {type === 'event' ? (
        <div class="grid-2">
          <TextField
            name="eventStartsOn"
            label="Date de début"
            type="date"
            value={values.eventStartsOn}
            errors={errors}
            required
          />
          <TextField
            name="eventEndsOn"
            label="Date de fin (facultative)"
            type="date"
            value={values.eventEndsOn}
            errors={errors}
          />
          <TextField name="eventPlace" label="Lieu" value={values.eventPlace} errors={errors} maxlength={200} />
        </div>
      ) : (
        ''
      )}
      <TextArea
        name="summary"
        label="Résumé"
        hint="Une ou deux phrases, reprises dans les listes."
        value={values.summary}
        errors={errors}
        rows={2}
      />
      <TextArea
        name="body"
        label="Texte"
        hint="Le HTML n’est pas interprété. « Aperçu » montre le résultat sans enregistrer."
        value={values.body}
        errors={errors}
        rows={14}
      />
      <FormattingHelp />
    </>
  );
}

export function ContentEditPage(props: EditProps): JSX.Element {
  const { ctx, type, values, errors, row } = props;
  const title = row ? `Modifier : ${row.title}` : TYPE_LABELS[type].newLabel;
  const action = row ? `/bureau/contenu/${row.id}` : '/bureau/contenu';
  const safePreview = props.preview ? markdownToHtml(values.body) : '';
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/bureau/contenu?type=${type}`} safe>{`← ${TYPE_LABELS[type].plural}`}</a>
      </p>
      <h1 safe>{title}</h1>
      {row ? <StatusBar ctx={ctx} row={row} /> : ''}
      <ErrorSummary errors={errors} />
      {props.preview ? (
        <section class="card" aria-labelledby="apercu">
          <h2 id="apercu">Aperçu (non enregistré)</h2>
          <h3 safe>{values.title}</h3>
          {values.summary ? <p safe>{values.summary}</p> : ''}
          <div class="prose">{safePreview}</div>
        </section>
      ) : (
        ''
      )}
      <form method="post" action={action} class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="type" value={type} />
        {props.translationOf ? <input type="hidden" name="translationOf" value={String(props.translationOf)} /> : ''}
        <ContentFields type={type} values={values} errors={errors} />
        <div class="actions">
          <button type="submit" name="action" value="save">
            Enregistrer
          </button>
          <button type="submit" name="action" value="preview" class="secondary">
            Aperçu
          </button>
        </div>
      </form>
      {row ? <Attachments ctx={ctx} row={row} attachments={props.attachments ?? []} errors={errors} /> : ''}
      {row ? (
        <Translations ctx={ctx} row={row} group={props.group ?? []} linkable={props.linkable ?? []} errors={errors} />
      ) : (
        ''
      )}
      {row ? (
        <form
          method="post"
          action={`/bureau/contenu/${row.id}/supprimer`}
          data-confirm="Supprimer définitivement ce contenu et ses pièces jointes ?"
        >
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="danger">
            Supprimer ce contenu
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}

function StatusBar({ ctx, row }: { ctx: ViewContext; row: ContentRow }): JSX.Element {
  const published = row.status === 'published';
  return (
    <div class="actions">
      <span class={`badge ${published ? 'closed' : 'new'}`} safe>
        {STATUS_LABELS[row.status] ?? row.status}
      </span>
      {published ? <a href={itemPath(row.locale, row.type, row.slug)}>Voir sur le site</a> : ''}
      <form method="post" action={`/bureau/contenu/${row.id}/${published ? 'depublier' : 'publier'}`}>
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" class={published ? 'secondary' : ''}>
          {published ? 'Dépublier' : 'Publier'}
        </button>
      </form>
    </div>
  );
}

function Attachments({
  ctx,
  row,
  attachments,
  errors,
}: {
  ctx: ViewContext;
  row: ContentRow;
  attachments: AttachmentMeta[];
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <section aria-labelledby="pj" class="card">
      <h2 id="pj">Pièces jointes</h2>
      <FlashHere ctx={ctx} id="pj" />
      {attachments.length === 0 ? <p>Aucune pièce jointe.</p> : ''}
      <ul>
        {attachments.map((a) => (
          <li>
            <a href={attachmentPath(a)} safe>
              {a.filename}
            </a>{' '}
            <span class="meta" safe>{`(${formatSize(a.size)})`}</span>
            <form method="post" action={`/bureau/contenu/${row.id}/pieces-jointes/${a.id}/supprimer`} class="inline">
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="link-button">
                Supprimer<span class="visually-hidden" safe>{` ${a.filename}`}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action={`/bureau/contenu/${row.id}/pieces-jointes`} enctype="multipart/form-data">
        <CsrfField token={ctx.csrfToken} />
        <div class={`field${errors?.file ? ' has-error' : ''}`}>
          <label for="file">Ajouter un fichier</label>
          <p class="hint" id="file-hint">
            PDF, image (PNG, JPEG, WebP, GIF) ou document bureautique (ODT, DOCX, XLSX…), 10 Mo au plus.
          </p>
          {errors?.file ? (
            <p class="field-error" id="file-error" safe>
              {errors.file}
            </p>
          ) : (
            ''
          )}
          <input
            type="file"
            id="file"
            name="file"
            aria-describedby={errors?.file ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <button type="submit" class="secondary">
          Envoyer le fichier
        </button>
      </form>
    </section>
  );
}

function Translations({
  ctx,
  row,
  group,
  linkable,
  errors,
}: {
  ctx: ViewContext;
  row: ContentRow;
  group: ContentRow[];
  linkable: ContentRow[];
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const others = group.filter((g) => g.id !== row.id);
  const missing = LOCALES.filter((l) => !group.some((g) => g.locale === l));
  return (
    <section aria-labelledby="traductions" class="card">
      <h2 id="traductions">Traductions</h2>
      {others.length === 0 ? <p>Aucune traduction liée.</p> : ''}
      <ul>
        {others.map((o) => (
          <li>
            <span safe>{`${LOCALE_LABELS[o.locale]} : `}</span>
            <a href={`/bureau/contenu/${o.id}`} safe>
              {o.title}
            </a>{' '}
            <span class="meta" safe>{`(${STATUS_LABELS[o.status] ?? o.status})`}</span>
          </li>
        ))}
      </ul>
      {missing.map((l) => (
        <p>
          <a
            href={`/bureau/contenu/nouveau?type=${row.type}&traduction=${row.id}&langue=${l}`}
            safe
          >{`Écrire la version en ${LOCALE_LABELS[l]}`}</a>
        </p>
      ))}
      {linkable.length ? (
        <form method="post" action={`/bureau/contenu/${row.id}/traductions`}>
          <CsrfField token={ctx.csrfToken} />
          <SelectField
            name="translation"
            label="Lier un contenu existant comme traduction"
            options={linkable.map((l) => ({
              value: String(l.id),
              label: `${l.title} (${LOCALE_LABELS[l.locale]})`,
            }))}
            placeholder="Choisir…"
            errors={errors}
          />
          <button type="submit" class="secondary">
            Lier
          </button>
        </form>
      ) : (
        ''
      )}
      {others.length ? (
        <form method="post" action={`/bureau/contenu/${row.id}/traductions/detacher`}>
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="link-button">
            Détacher ce contenu de ses traductions
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}
