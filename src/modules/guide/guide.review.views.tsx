import { formatDateLong, todayInBrussels } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, TextField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { pathsByLeaf, type PathStep } from './guide.paths.js';
import { belgianDate, formatCitation } from './guide.references.js';
import type { GuideContent, GuideLeaf, LegalReference, Review } from './guide.types.js';
import { FlashHere } from '../../web/flash.js';

/** The jurist's review page: each result with its paths, references and open points, each reference; a « relu » form on each. */
function ReviewedMark({ review }: { review: Review | undefined }): JSX.Element {
  return review ? (
    <p class="meta" safe>{`Relu par ${review.by} le ${formatDateLong(review.on)}.`}</p>
  ) : (
    <p class="meta">Pas encore relu.</p>
  );
}

/** `id` goes in the address only: a person reads the result's or the reference's title. */
function MarkForm(p: { ctx: ViewContext; kind: 'leaf' | 'reference'; id: string; title: string; by: string }) {
  return (
    <form method="post" action={`/bureau/guide/relecture/${p.kind}/${encodeURIComponent(p.id)}`} class="inline-form">
      <CsrfField token={p.ctx.csrfToken} />
      <TextField name="by" label="Relu par" value={p.by} required />
      <TextField name="on" label="Date de la relecture" type="date" value={todayInBrussels()} required />
      <button type="submit" class="secondary">
        Marquer « relu »<span class="visually-hidden" safe>{` : ${p.title}`}</span>
      </button>
    </form>
  );
}

function officialCheck(reference: LegalReference): string {
  return reference.officialText
    ? `(texte officiel lu le ${formatDateLong(reference.officialText.checkedOn)})`
    : '(non vérifié sur le texte officiel)';
}

function pathText(path: PathStep[]): string {
  return path.map((s) => `${s.question} : ${s.answer}`).join(' → ');
}

function LeafReview(p: {
  ctx: ViewContext;
  content: GuideContent;
  leaf: GuideLeaf;
  paths: PathStep[][];
  by: string;
}): JSX.Element {
  const { leaf, content } = p;
  const today = belgianDate(new Date());
  const refs = leaf.references.flatMap((c) => {
    const ref = content.references.find((r) => r.id === c.ref);
    return ref ? [{ ref, label: formatCitation(ref, c, today) }] : [];
  });
  const open = [leaf.reviewNotes, ...refs.map(({ ref }) => ref.toVerify)].filter((n): n is string => Boolean(n));
  return (
    <section class="card" aria-labelledby={`leaf-${leaf.id}`}>
      <h3 id={`leaf-${leaf.id}`} safe>
        {leaf.title}
      </h3>
      <FlashHere ctx={p.ctx} id={`leaf-${leaf.id}`} />
      <p class="meta" safe>
        {content.categories[leaf.category].label}
      </p>
      <details>
        <summary safe>{`${p.paths.length} parcours mènent ici`}</summary>
        <ol>
          {p.paths.map((path) => (
            <li safe>{pathText(path)}</li>
          ))}
        </ol>
      </details>
      <p>
        <strong>Références :</strong>
      </p>
      <ul>
        {refs.map(({ ref, label }) => (
          <li>
            <span safe>{label}</span>{' '}
            <span class="meta" safe>
              {officialCheck(ref)}
            </span>
          </li>
        ))}
      </ul>
      {open.length ? (
        <>
          <p>
            <strong>Points ouverts :</strong>
          </p>
          <ul>
            {open.map((n) => (
              <li safe>{n}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <p>
        <a href={`/bureau/guide/leaf/${encodeURIComponent(leaf.id)}`}>Modifier ce résultat</a>
      </p>
      <ReviewedMark review={leaf.review} />
      <MarkForm ctx={p.ctx} kind="leaf" id={leaf.id} title={leaf.title} by={p.by} />
    </section>
  );
}

function ReferenceReview({ ctx, reference, by }: { ctx: ViewContext; reference: LegalReference; by: string }) {
  const today = belgianDate(new Date());
  return (
    <section class="card" aria-labelledby={`ref-${reference.id}`}>
      <h3 id={`ref-${reference.id}`} safe>
        {reference.fullTitle ?? reference.id}
      </h3>
      <FlashHere ctx={ctx} id={`ref-${reference.id}`} />
      <p safe>{`Cité aujourd'hui : ${formatCitation(reference, { ref: reference.id }, today)}`}</p>
      <p class="meta">
        <span safe>{officialCheck(reference)}</span>{' '}
        {reference.officialText ? <span safe>{reference.officialText.url}</span> : ''}
      </p>
      {reference.toVerify ? <p class="notice" safe>{`À vérifier : ${reference.toVerify}`}</p> : ''}
      <p>
        <a href={`/bureau/guide/reference/${encodeURIComponent(reference.id)}`}>Modifier cette référence</a>
      </p>
      <ReviewedMark review={reference.review} />
      <MarkForm ctx={ctx} kind="reference" id={reference.id} title={reference.fullTitle ?? reference.id} by={by} />
    </section>
  );
}

export function ReviewPage({ ctx, content, by }: { ctx: ViewContext; content: GuideContent; by: string }): JSX.Element {
  const paths = pathsByLeaf(content);
  const leavesDone = content.leaves.filter((l) => l.review).length;
  const refsDone = content.references.filter((r) => r.review).length;
  return (
    <Layout ctx={ctx} title="Relecture juridique du guide">
      <p class="meta">
        <a href="/bureau/guide">← Contenu du guide</a>
      </p>
      <h1>Relecture juridique du guide</h1>
      <p
        safe
      >{`Statut : ${content.status === 'reviewed' ? 'relu' : 'brouillon'} · résultats relus : ${leavesDone} sur ${content.leaves.length} · références relues : ${refsDone} sur ${content.references.length}.`}</p>
      <p class="hint">
        Le guide affiche « Brouillon — non relu par un·e juriste » sur chaque résultat tant que tout n'est pas relu.
        Modifier un résultat ou une référence retire sa mention « relu ».
      </p>
      <h2>Résultats</h2>
      {content.leaves.map((leaf) => (
        <LeafReview ctx={ctx} content={content} leaf={leaf} paths={paths.get(leaf.id) ?? []} by={by} />
      ))}
      <h2>Références</h2>
      {content.references.map((reference) => (
        <ReferenceReview ctx={ctx} reference={reference} by={by} />
      ))}
    </Layout>
  );
}
