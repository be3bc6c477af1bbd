// Just over 300 lines: the guide's back-office pages (the edit form of a question, a result or a
// reference, its preview, the overview of versions) render one content model and share its look-ups.
import type Html from '@kitajs/html';
import { NotFoundError } from '../../errors.js';
import { formatDateLong, formatDateShort, formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, TextArea, TextField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { Kind } from './guide.edit.js';
import { belgianDate, NEW_PENAL_CODE_FROM, referenceLabelOn } from './guide.references.js';
import type { listGuideVersions } from './guide.versions.service.js';
import type { GuideContent } from './guide.types.js';

function titleOf(content: GuideContent, kind: Kind, id: string): string {
  if (kind === 'general') return 'Informations générales';
  // The codes (« Q_SECTOR », « L25 ») stay in addresses: a person reads the question or the result.
  if (kind === 'question') return `Question : ${content.questions.find((q) => q.id === id)?.label ?? id}`;
  if (kind === 'leaf') return `Résultat : ${content.leaves.find((l) => l.id === id)?.title ?? id}`;
  return `Référence ${content.references.find((r) => r.id === id)?.numberings.at(-1)?.label ?? id}`;
}

export function EditForm({
  ctx,
  content,
  kind,
  id,
  errors,
  children,
}: {
  ctx: ViewContext;
  content: GuideContent;
  kind: Kind;
  id: string;
  errors?: string[] | undefined;
  children?: Html.Children;
}): JSX.Element {
  const action = `/bureau/guide/${kind}/${encodeURIComponent(id)}`;
  let fields: JSX.Element = '';
  if (kind === 'general') {
    fields = (
      <>
        <TextField name="checkedOn" label="Contenu vérifié le" type="date" value={content.checkedOn} required />
        <TextField name="version" label="Numéro de version du contenu" value={content.version} required />
        <p class="hint">
          Statut : <span>{content.status === 'reviewed' ? 'relu' : 'brouillon'}</span>. Il passe à « relu » tout seul
          quand chaque résultat et chaque référence est marqué relu (<a href="/bureau/guide/relecture">relecture</a>).
        </p>
        <TextArea
          name="disclaimer"
          label="Avertissement (affiché sur chaque résultat)"
          value={content.disclaimer}
          rows={4}
          required
        />
      </>
    );
  } else if (kind === 'question') {
    const q = content.questions.find((x) => x.id === id);
    if (!q) throw new NotFoundError();
    fields = (
      <>
        <TextField name="label" label="Titre court" value={q.label} required />
        <TextArea name="text" label="Question" value={q.text} rows={3} required />
        <TextArea name="help" label="En savoir plus" value={q.help} rows={5} required />
        {q.answers.map((a, i) => (
          <TextField name={`answer_${i}`} label={`Réponse « ${a.code} » (mène à ${a.next})`} value={a.label} required />
        ))}
      </>
    );
  } else if (kind === 'leaf') {
    const l = content.leaves.find((x) => x.id === id);
    if (!l) throw new NotFoundError();
    fields = (
      <>
        <p class="meta" safe>{`Catégorie : ${content.categories[l.category].label}`}</p>
        <TextField name="title" label="Titre" value={l.title} required />
        <TextArea
          name="points"
          label="Points clés (2 à 4, un par ligne)"
          value={l.points.join('\n')}
          rows={5}
          required
        />
        <TextArea
          name="steps"
          label="Que faire maintenant ? (1 à 3 étapes, une par ligne)"
          value={l.steps.join('\n')}
          rows={4}
          required
        />
        <TextArea name="text" label="En savoir plus (texte long)" value={l.text} rows={10} required />
        <TextArea
          name="reviewNotes"
          label="Points ouverts pour la relecture (jamais affichés au public)"
          value={l.reviewNotes ?? ''}
          rows={3}
        />
      </>
    );
  } else {
    const r = content.references.find((x) => x.id === id);
    if (!r) throw new NotFoundError();
    fields = (
      <>
        <TextField name="checkedOn" label="Texte vérifié le" type="date" value={r.checkedOn} required />
        <TextField name="url" label="Lien vers le texte officiel" value={r.url ?? ''} />
        {r.toVerify ? <p class="notice" safe>{`À vérifier : ${r.toVerify}`}</p> : ''}
        <fieldset>
          <legend>Texte officiel</legend>
          <p class="hint">
            Remplissez seulement après avoir lu l'article sur Justel ou au Moniteur belge. Sinon, le guide affiche « non
            vérifié sur le texte officiel ».
          </p>
          <TextField name="officialUrl" label="Lien Justel ou Moniteur belge" value={r.officialText?.url ?? ''} />
          <TextField name="officialCheckedOn" label="Lu le" type="date" value={r.officialText?.checkedOn ?? ''} />
        </fieldset>
        {r.penalCode1867 ? (
          <fieldset>
            <legend>Nouveau Code pénal</legend>
            <p
              class="hint"
              safe
            >{`Depuis le ${NEW_PENAL_CODE_FROM}, le guide cite « ${referenceLabelOn(r, NEW_PENAL_CODE_FROM)} ». Saisissez le nouveau numéro seulement quand vous l'avez lu dans le texte officiel ; ne devinez jamais.`}</p>
            <TextField
              name="newArticle"
              label="Numéro de l'article dans le nouveau Code pénal"
              value={r.penalCode1867.newArticle ?? ''}
            />
            <TextField
              name="newSource"
              label="Lien vers le texte officiel (Justel ou Moniteur belge)"
              value={r.penalCode1867.source ?? ''}
            />
            <TextField name="newCheckedOn" label="Vérifié le" type="date" value={r.penalCode1867.checkedOn ?? ''} />
          </fieldset>
        ) : (
          <fieldset>
            <legend>Numérotations datées</legend>
            <p class="hint">
              Pour une renumérotation : fermez l'ancienne (date de fin) et ajoutez la nouvelle à partir du lendemain.
              Les dates se suivent sans trou.
            </p>
            {[...r.numberings, { label: '', validFrom: null, validUntil: null }].map((n, i) => (
              <div class="grid-2">
                <TextField
                  name="numLabel"
                  label={`Libellé ${i + 1}${n.label ? '' : ' (nouveau, facultatif)'}`}
                  value={n.label}
                />
                <TextField
                  name="numFrom"
                  label="Valable du (vide : depuis toujours)"
                  type="date"
                  value={n.validFrom ?? ''}
                />
                <TextField
                  name="numUntil"
                  label="Valable jusqu’au (vide : sans fin)"
                  type="date"
                  value={n.validUntil ?? ''}
                />
              </div>
            ))}
          </fieldset>
        )}
      </>
    );
  }
  return (
    <Layout ctx={ctx} title={`Guide — ${titleOf(content, kind, id)}`}>
      <p class="meta">
        <a href="/bureau/guide">← Contenu du guide</a>
      </p>
      <h1 safe>{titleOf(content, kind, id)}</h1>
      {errors?.length ? (
        <div class="error-summary" role="alert" id="erreurs" tabindex="-1">
          <h2>Modification refusée : rien n'a été publié.</h2>
          <ul>
            {errors.map((e) => (
              <li safe>{e}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      {children}
      <form method="post" action={action} class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {fields}
        <div class="actions">
          <button type="submit" name="action" value="preview" class="secondary">
            Aperçu
          </button>
          <button type="submit" name="action" value="publish">
            Publier
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function Preview({ content, kind, id }: { content: GuideContent; kind: Kind; id: string }): JSX.Element {
  const today = belgianDate(new Date());
  let body: JSX.Element = '';
  if (kind === 'question') {
    const q = content.questions.find((x) => x.id === id);
    body = q ? (
      <>
        <p class="h2" safe>
          {q.text}
        </p>
        <ul>
          {q.answers.map((a) => (
            <li safe>{a.label}</li>
          ))}
        </ul>
        <p safe>{q.help}</p>
      </>
    ) : (
      ''
    );
  } else if (kind === 'leaf') {
    const l = content.leaves.find((x) => x.id === id);
    body = l ? (
      <>
        <h3 safe>{l.title}</h3>
        <p safe>{l.text}</p>
      </>
    ) : (
      ''
    );
  } else if (kind === 'reference') {
    const r = content.references.find((x) => x.id === id);
    body = r ? <p safe>{`Cité aujourd'hui (${today}) : ${referenceLabelOn(r, today)}`}</p> : '';
  } else {
    body = <p safe>{content.disclaimer}</p>;
  }
  return (
    <section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title">Aperçu (non publié)</h2>
      {body}
    </section>
  );
}

export function OverviewPage({
  ctx,
  content,
  versions,
}: {
  ctx: ViewContext;
  content: GuideContent;
  versions: Awaited<ReturnType<typeof listGuideVersions>>;
}): JSX.Element {
  const today = belgianDate(new Date());
  return (
    <Layout ctx={ctx} title="Contenu du guide">
      <h1>Contenu du guide « Puis-je parler ? »</h1>
      <p
        safe
      >{`Version ${content.version} · vérifiée le ${formatDateLong(content.checkedOn)} · ${content.status === 'reviewed' ? 'relue par un·e juriste' : 'brouillon, à faire relire'}`}</p>
      <p>
        <a href="/bureau/guide/relecture">Relecture juridique</a> ·{' '}
        <a href="/bureau/guide/general/contenu">Modifier la date de vérification et l'avertissement</a> ·{' '}
        <a href="/guide">Voir le guide public</a>
      </p>
      <h2>Questions</h2>
      <ul>
        {content.questions.map((q) => (
          <li>
            <a href={`/bureau/guide/question/${q.id}`} safe>
              {q.label}
            </a>
          </li>
        ))}
      </ul>
      <h2>Résultats</h2>
      <ul>
        {content.leaves.map((l) => (
          <li>
            <a href={`/bureau/guide/leaf/${l.id}`} safe>
              {l.title}
            </a>
          </li>
        ))}
      </ul>
      <h2>Références légales</h2>
      <ul>
        {content.references.map((r) => (
          <li>
            <a
              href={`/bureau/guide/reference/${r.id}`}
              safe
            >{`${referenceLabelOn(r, today)} (vérifiée le ${formatDateShort(r.checkedOn)})`}</a>
          </li>
        ))}
      </ul>
      <h2 id="versions">Versions publiées</h2>
      <ul>
        {versions.map((v, i) => (
          <li>
            <span safe>{`n° ${v.id} · ${formatInstant(v.created_at)} · ${v.author ?? 'Vigie'} · ${v.summary}`}</span>
            {i > 0 ? (
              <form
                method="post"
                action={`/bureau/guide/versions/${v.id}/restaurer`}
                data-confirm="Restaurer cette version ? Elle deviendra la version en vigueur."
              >
                <CsrfField token={ctx.csrfToken} />
                <button type="submit" class="secondary">
                  Restaurer la version <span safe>{`n° ${v.id}`}</span>
                </button>
              </form>
            ) : (
              <strong> (en vigueur)</strong>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
