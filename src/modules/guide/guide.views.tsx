import { formatDateLong, todayInBrussels } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { PublicLayout } from '../../web/public-layout.js';
import { encodeAnswers, guideUrl } from './guide.answers.js';
import type { GuideProgress } from './guide.engine.js';
import type { GuideContent, GuideQuestion } from './guide.types.js';

/** « Brouillon — non relu par un·e juriste » with the last edit date, or the review mention. */
export function ReviewStatus({ status, publishedAt }: { status: GuideContent['status']; publishedAt: string }) {
  const edited = formatDateLong(todayInBrussels(new Date(publishedAt)));
  return status === 'reviewed' ? (
    <p class="meta" safe>{`Contenu relu par un·e juriste · dernière modification le ${edited}.`}</p>
  ) : (
    <p class="notice draft">
      <strong>Brouillon — non relu par un·e juriste.</strong>{' '}
      <span safe>{`Dernière modification le ${edited}. Vérifiez avant d'agir.`}</span>
    </p>
  );
}

export function GuideEntryPage({
  ctx,
  content,
  request,
  publishedAt,
}: {
  ctx: ViewContext;
  content: GuideContent;
  request?: number | undefined;
  publishedAt?: string | undefined;
}): JSX.Element {
  return (
    <PublicLayout
      ctx={ctx}
      locale="fr"
      title={content.entry.title}
      description="Secret professionnel : ce que le droit belge vous permet, vous impose ou vous interdit de dire, avec les articles de loi. Sans inscription, sans rien enregistrer."
      narrow
    >
      <h1 safe>{content.entry.title}</h1>
      {publishedAt ? <ReviewStatus status={content.status} publishedAt={publishedAt} /> : ''}
      {content.entry.paragraphs.map((p) => (
        <p safe>{p}</p>
      ))}
      <p class="notice" safe>
        {content.disclaimer}
      </p>
      <p>
        <a class="button" href={guideUrl({}, { request })}>
          Commencer
        </a>
      </p>
    </PublicLayout>
  );
}

export function Steps({
  progress,
  answers,
  request,
}: {
  progress: GuideProgress;
  answers: Record<string, string>;
  request?: number | undefined;
}): JSX.Element {
  if (progress.steps.length === 0) return '';
  return (
    <details class="card no-print">
      <summary safe>{`Vos réponses (${progress.steps.length})`}</summary>
      <ol>
        {progress.steps.map((s) => (
          <li>
            <span safe>{`${s.questionLabel} — ${s.answerLabel}`}</span>{' '}
            <a href={guideUrl(answers, { question: s.questionId, request })}>
              Modifier<span class="visually-hidden" safe>{` la réponse à « ${s.questionLabel} »`}</span>
            </a>
          </li>
        ))}
      </ol>
    </details>
  );
}

export function GuideQuestionPage(p: {
  ctx: ViewContext;
  content: GuideContent;
  question: GuideQuestion;
  number: number;
  remainingAtMost: number;
  answers: Record<string, string>;
  progress: GuideProgress;
  previousHref: string;
  request?: number | undefined;
  error?: string | undefined;
}): JSX.Element {
  const q = p.question;
  const others = { ...p.answers };
  const current = others[q.id];
  delete others[q.id];
  return (
    <PublicLayout ctx={p.ctx} locale="fr" title={`Question ${p.number} — ${q.label}`} narrow>
      <p
        class="meta"
        safe
      >{`Puis-je parler ? · Question ${p.number}${p.remainingAtMost > 1 ? ` · encore ${p.remainingAtMost - 1} au plus` : ''}`}</p>
      <progress
        max={String(p.number + p.remainingAtMost - 1)}
        value={String(p.number)}
        aria-label="Progression dans le guide"
      ></progress>
      {p.error ? (
        <div class="error-summary" role="alert" id="erreurs" tabindex="-1">
          <p safe>{p.error}</p>
        </div>
      ) : (
        ''
      )}
      <form method="get" action="/guide/parcours" class="card">
        <input type="hidden" name="r" value={encodeAnswers(others)} />
        <input type="hidden" name="question" value={q.id} />
        {p.request ? <input type="hidden" name="demande" value={String(p.request)} /> : ''}
        <fieldset>
          <legend>
            <span class="h2" safe>
              {q.text}
            </span>
          </legend>
          {q.answers.map((a, i) => (
            <div class="checkbox">
              <input type="radio" id={`a-${i}`} name="reponse" value={a.code} checked={a.code === current} required />
              <label for={`a-${i}`} safe>
                {a.label}
              </label>
            </div>
          ))}
        </fieldset>
        <details>
          <summary>En savoir plus</summary>
          <p safe>{q.help}</p>
        </details>
        <div class="actions">
          <button type="submit">Continuer</button>
          <a href={p.previousHref}>← Revenir en arrière</a>
        </div>
      </form>
      <Steps progress={p.progress} answers={p.answers} request={p.request} />
    </PublicLayout>
  );
}
