import type Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { formatInstant, isValidIsoDate } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext, type ViewContext } from '../../web/context.js';
import { CsrfField, TextArea, TextField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { str, strList } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  belgianDate,
  isOfficialSource,
  NEW_PENAL_CODE_FROM,
  penalCodeNumberings,
  referenceLabelOn,
} from './guide.references.js';
import { guideReviewRoutes } from './guide.review.routes.js';
import {
  currentGuide,
  describeChanges,
  GuideContentRejectedError,
  guideVersion,
  listGuideVersions,
  publishGuide,
} from './guide.store.js';
import type { GuideContent, LegalReference, Numbering } from './guide.types.js';

/**
 * Back office of the guide: board members edit texts, explanations and legal
 * references (never the flow's ids), preview, and publish a new version that
 * the validator must accept. Every version can be restored.
 */
type Body = Record<string, unknown>;
type Kind = 'question' | 'leaf' | 'reference' | 'general';
const access = { access: 'board' as const };

function clone(content: GuideContent): GuideContent {
  return structuredClone(content);
}

/** Applies a submitted form to a copy of the content; returns French errors for malformed input. */
function applyEdit(
  content: GuideContent,
  kind: Kind,
  id: string,
  body: Body,
): { next: GuideContent; errors: string[] } {
  const next = clone(content);
  const errors: string[] = [];
  const need = (value: string, label: string) => {
    if (!value.trim()) errors.push(`${label} : ce champ ne peut pas être vide.`);
    return value.trim();
  };
  if (kind === 'general') {
    const checkedOn = str(body.checkedOn).trim();
    if (!isValidIsoDate(checkedOn)) errors.push('Date de vérification : date invalide (AAAA-MM-JJ).');
    else next.checkedOn = checkedOn;
    next.disclaimer = need(str(body.disclaimer), 'Avertissement');
    next.version = need(str(body.version), 'Version');
  } else if (kind === 'question') {
    const q = next.questions.find((x) => x.id === id);
    if (!q) throw new NotFoundError("Cette question n'existe pas.");
    q.label = need(str(body.label), 'Titre court');
    q.text = need(str(body.text), 'Question');
    q.help = need(str(body.help), 'En savoir plus');
    q.answers.forEach((a, i) => {
      a.label = need(str(body[`answer_${i}`]), `Réponse « ${a.code} »`);
    });
  } else if (kind === 'leaf') {
    const l = next.leaves.find((x) => x.id === id);
    if (!l) throw new NotFoundError("Ce résultat n'existe pas.");
    l.title = need(str(body.title), 'Titre');
    l.points = lines(str(body.points));
    l.steps = lines(str(body.steps));
    l.text = need(str(body.text), 'Texte');
    const notes = str(body.reviewNotes).trim();
    if (notes) l.reviewNotes = notes;
    else delete l.reviewNotes;
    // An edited result must be read again by the jurist.
    delete l.review;
  } else {
    const r = next.references.find((x) => x.id === id);
    if (!r) throw new NotFoundError("Cette référence n'existe pas.");
    const checkedOn = str(body.checkedOn).trim();
    if (!isValidIsoDate(checkedOn)) errors.push('Vérifiée le : date invalide (AAAA-MM-JJ).');
    else r.checkedOn = checkedOn;
    const url = str(body.url).trim();
    if (url && !/^https?:\/\//.test(url)) errors.push('Lien : une adresse web commençant par https://.');
    if (url) r.url = url;
    else delete r.url;
    const official = str(body.officialUrl).trim();
    const officialOn = str(body.officialCheckedOn).trim();
    if (official || officialOn) {
      if (!isOfficialSource(official))
        errors.push('Texte officiel : un lien Justel ou Moniteur belge (https://www.ejustice.just.fgov.be/…).');
      if (!isValidIsoDate(officialOn)) errors.push('Texte officiel lu le : date invalide (AAAA-MM-JJ).');
      r.officialText = { url: official, checkedOn: officialOn };
    } else delete r.officialText;
    if (r.penalCode1867) {
      errors.push(...applyNewPenalCode(r, body));
    } else {
      const labels = strList(body.numLabel);
      const froms = [body.numFrom].flat().map((v) => str(v).trim());
      const untils = [body.numUntil].flat().map((v) => str(v).trim());
      const numberings: Numbering[] = [];
      labels.forEach((label, i) => {
        const from = froms[i] ?? '';
        const until = untils[i] ?? '';
        if ((from && !isValidIsoDate(from)) || (until && !isValidIsoDate(until)))
          errors.push(`Numérotation ${i + 1} : dates au format AAAA-MM-JJ.`);
        numberings.push({ label: label.trim(), validFrom: from || null, validUntil: until || null });
      });
      if (numberings.length === 0) errors.push('Numérotations : au moins une.');
      r.numberings = numberings;
    }
    delete r.review;
  }
  if (kind === 'leaf' || kind === 'reference') next.status = 'draft';
  return { next, errors };
}

/** One line per point or step; blank lines dropped. */
function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * The new Code pénal number of an 1867 article, entered by a board member from the official text:
 * the numberings follow from it (old number until the eve of the new code, then the new one with
 * the old in brackets), so nobody types a date or a label by hand, and nobody guesses.
 */
function applyNewPenalCode(r: LegalReference, body: Body): string[] {
  const p = r.penalCode1867;
  if (!p) return [];
  const errors: string[] = [];
  const article = str(body.newArticle).trim();
  const source = str(body.newSource).trim();
  const checkedOn = str(body.newCheckedOn).trim();
  if (!article && !source && !checkedOn) {
    delete p.newArticle;
    delete p.source;
    delete p.checkedOn;
  } else {
    if (!/^[0-9]+(\/[0-9]+)?[a-z]*$/.test(article))
      errors.push('Nouveau numéro : seulement le numéro de l’article, par exemple 123 ou 123/1.');
    if (!isOfficialSource(source))
      errors.push('Source du nouveau numéro : un lien Justel ou Moniteur belge (https://www.ejustice.just.fgov.be/…).');
    if (!isValidIsoDate(checkedOn)) errors.push('Nouveau numéro vérifié le : date invalide (AAAA-MM-JJ).');
    p.newArticle = article;
    p.source = source;
    p.checkedOn = checkedOn;
  }
  r.numberings = penalCodeNumberings(p.article, p.newArticle);
  return errors;
}

function titleOf(content: GuideContent, kind: Kind, id: string): string {
  if (kind === 'general') return 'Informations générales';
  if (kind === 'question') return `Question ${id}`;
  if (kind === 'leaf') return `Résultat ${id}`;
  return `Référence ${content.references.find((r) => r.id === id)?.numberings.at(-1)?.label ?? id}`;
}

function EditForm({
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
        <TextField name="checkedOn" label="Contenu vérifié le (AAAA-MM-JJ)" value={content.checkedOn} required />
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
        <p class="meta" safe>{`Catégorie : ${content.categories[l.category].label} (${l.category})`}</p>
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
        <TextField name="checkedOn" label="Texte vérifié le (AAAA-MM-JJ)" value={r.checkedOn} required />
        <TextField name="url" label="Lien vers le texte officiel" value={r.url ?? ''} />
        {r.toVerify ? <p class="notice" safe>{`À vérifier : ${r.toVerify}`}</p> : ''}
        <fieldset>
          <legend>Texte officiel</legend>
          <p class="hint">
            Remplissez seulement après avoir lu l'article sur Justel ou au Moniteur belge. Sinon, le guide affiche « non
            vérifié sur le texte officiel ».
          </p>
          <TextField name="officialUrl" label="Lien Justel ou Moniteur belge" value={r.officialText?.url ?? ''} />
          <TextField name="officialCheckedOn" label="Lu le (AAAA-MM-JJ)" value={r.officialText?.checkedOn ?? ''} />
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
            <TextField name="newCheckedOn" label="Vérifié le (AAAA-MM-JJ)" value={r.penalCode1867.checkedOn ?? ''} />
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
                <TextField name="numFrom" label={`Valable du (vide : depuis toujours)`} value={n.validFrom ?? ''} />
                <TextField name="numUntil" label={`Valable jusqu'au (vide : sans fin)`} value={n.validUntil ?? ''} />
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

function Preview({ content, kind, id }: { content: GuideContent; kind: Kind; id: string }): JSX.Element {
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

function OverviewPage({
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
      >{`Version ${content.version} · vérifiée le ${content.checkedOn} · ${content.status === 'reviewed' ? 'relue par un·e juriste' : 'brouillon, à faire relire'}`}</p>
      <p>
        <a href="/bureau/guide/relecture">Relecture juridique</a> ·{' '}
        <a href="/bureau/guide/general/contenu">Modifier la date de vérification et l'avertissement</a> ·{' '}
        <a href="/guide">Voir le guide public</a>
      </p>
      <h2>Questions</h2>
      <ul>
        {content.questions.map((q) => (
          <li>
            <a href={`/bureau/guide/question/${q.id}`} safe>{`${q.id} — ${q.label}`}</a>
          </li>
        ))}
      </ul>
      <h2>Résultats</h2>
      <ul>
        {content.leaves.map((l) => (
          <li>
            <a href={`/bureau/guide/leaf/${l.id}`} safe>{`${l.id} — ${l.title}`}</a>
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
            >{`${referenceLabelOn(r, today)} (vérifiée le ${r.checkedOn})`}</a>
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

function parseKind(raw: string): Kind {
  if (raw === 'question' || raw === 'leaf' || raw === 'reference' || raw === 'general') return raw;
  throw new NotFoundError();
}

export async function guideAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  await guideReviewRoutes(app);

  app.get('/bureau/guide', { config: access }, async (request, reply) => {
    const [{ content }, versions] = await Promise.all([currentGuide(db), listGuideVersions(db)]);
    return sendHtml(reply, <OverviewPage ctx={viewContext(request, reply)} content={content} versions={versions} />);
  });

  app.get<{ Params: { kind: string; id: string } }>(
    '/bureau/guide/:kind/:id',
    { config: access },
    async (request, reply) => {
      const kind = parseKind(request.params.kind);
      const { content } = await currentGuide(db);
      return sendHtml(
        reply,
        <EditForm ctx={viewContext(request, reply)} content={content} kind={kind} id={request.params.id} />,
      );
    },
  );

  app.post<{ Params: { kind: string; id: string } }>(
    '/bureau/guide/:kind/:id',
    { config: access },
    async (request, reply) => {
      const kind = parseKind(request.params.kind);
      const id = request.params.id;
      const body = (request.body ?? {}) as Body;
      const { content } = await currentGuide(db);
      const { next, errors } = applyEdit(content, kind, id, body);
      const render = (errs: string[] | undefined, status: number, preview: JSX.Element = '') =>
        sendHtml(
          reply,
          <EditForm ctx={viewContext(request, reply)} content={next} kind={kind} id={id} errors={errs}>
            {preview}
          </EditForm>,
          status,
        );
      if (errors.length) return render(errors, 422);
      if (str(body.action) !== 'publish') return render(undefined, 200, <Preview content={next} kind={kind} id={id} />);
      const changes = describeChanges(content, next);
      if (changes.length === 0) {
        setFlash(reply, 'Aucune modification à publier.');
        return reply.redirect('/bureau/guide', 303);
      }
      return publish(request, reply, next, `Modifié : ${changes.join(', ')}`, null, render);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/bureau/guide/versions/:id/restaurer',
    { config: access },
    async (request, reply) => {
      const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : 0;
      const version = await guideVersion(db, id);
      if (!version) throw new NotFoundError("Cette version n'existe pas.");
      return publish(request, reply, version.content, `Restauration de la version n° ${id}`, id, async (errs) => {
        setFlash(reply, `Restauration refusée : ${(errs ?? []).join(' ')}`);
        return reply.redirect('/bureau/guide', 303);
      });
    },
  );

  async function publish(
    request: FastifyRequest,
    reply: FastifyReply,
    next: GuideContent,
    summary: string,
    revertedFrom: number | null,
    onRejected: (errors: string[] | undefined, status: number) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    try {
      const versionId = await publishGuide(db, next, request.currentUser?.id ?? null, summary, revertedFrom);
      await recordAudit(db, {
        actorId: request.currentUser?.id ?? null,
        action: revertedFrom ? 'guide.revert' : 'guide.publish',
        entityType: 'guide',
        entityId: versionId,
        summary: summary.slice(0, 300),
      });
    } catch (error) {
      if (error instanceof GuideContentRejectedError) return onRejected(error.problems, 422);
      throw error;
    }
    setFlash(reply, 'Nouvelle version du guide publiée.');
    return reply.redirect('/bureau/guide', 303);
  }
}
