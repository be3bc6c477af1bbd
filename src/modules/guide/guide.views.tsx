import { formatDateLong } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField } from '../../web/forms.js';
import { PublicLayout } from '../../web/public-layout.js';
import { encodeAnswers, guideUrl } from './guide.answers.js';
import type { GuideProgress, GuideResult } from './guide.engine.js';
import type { GuideContent, GuideQuestion } from './guide.types.js';

export function GuideEntryPage({
  ctx,
  content,
  request,
}: {
  ctx: ViewContext;
  content: GuideContent;
  request?: number | undefined;
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

function Steps({
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

export function GuideResultPage(p: {
  ctx: ViewContext;
  content: GuideContent;
  result: GuideResult;
  answers: Record<string, string>;
  progress: GuideProgress;
  shareUrl: string;
  previousHref: string;
  request?: number | undefined;
  canAttach: boolean;
  /** The committee's helpline as set in the site's settings (« le jeudi de 13 h à 16 h… », number). */
  helpline?: { schedule: string; phone: string } | undefined;
}): JSX.Element {
  const r = p.result;
  const f = p.content.final;
  return (
    <PublicLayout ctx={p.ctx} locale="fr" title={`Résultat — ${r.categoryLabel}`} narrow>
      <p class="meta">Puis-je parler ? · Résultat</p>
      <h1 safe>{r.categoryLabel}</h1>
      <section class={`card result result-${r.category.toLowerCase()}`} aria-labelledby="result-title">
        <h2 id="result-title" safe>
          {r.title}
        </h2>
        <p safe>{r.text}</p>
        {r.notes.map((n) => (
          <p class="notice" safe>
            {n}
          </p>
        ))}
        <h3>Ce que disent les textes</h3>
        <ul>
          {r.citations.map((c) => (
            <li safe>{c}</li>
          ))}
        </ul>
        <p class="meta" safe>{`Contenu vérifié le ${formatDateLong(r.checkedOn)} (version ${r.contentVersion}).`}</p>
      </section>
      <section class="card" aria-labelledby="final-questions">
        <h2 id="final-questions" safe>
          {f.questionsTitle}
        </h2>
        <ul>
          {f.questions.map((q) => (
            <li safe>{q}</li>
          ))}
        </ul>
        <p>
          <strong safe>{f.doubtReminder}</strong>
        </p>
      </section>
      <section class="card" aria-labelledby="final-advice">
        <h2 id="final-advice" safe>
          {f.adviceTitle}
        </h2>
        <ul>
          {f.advice.map((a) => (
            <li>
              <strong safe>{a.name}</strong>
              {a.detail ? <span safe>{` — ${a.detail}`}</span> : ''}
              {a.helpline && p.helpline ? (
                <span safe>{` (${p.helpline.schedule}${p.helpline.phone ? ` : ${p.helpline.phone}` : ''})`}</span>
              ) : a.schedule ? (
                <span safe>{` (${a.schedule})`}</span>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      </section>
      <p class="notice" safe>
        {p.content.disclaimer}
      </p>
      <Steps progress={p.progress} answers={p.answers} request={p.request} />
      <div class="actions no-print">
        <a href={p.previousHref}>← Revenir en arrière</a>
        <a href="/guide">Recommencer</a>
        <button type="button" class="secondary" data-print hidden>
          Imprimer
        </button>
      </div>
      <p class="no-print">
        <label for="share">Lien vers ce parcours (il ne contient que vos réponses, aucun nom) :</label>
        <input id="share" type="text" readonly value={p.shareUrl} />
      </p>
      {p.canAttach && p.request ? (
        <form method="post" action={`/demandes/${p.request}/guide`} class="card no-print">
          <CsrfField token={p.ctx.csrfToken} />
          <input type="hidden" name="r" value={encodeAnswers(p.answers)} />
          <p>Joindre ce résultat (catégorie, réponses) au suivi de la demande.</p>
          <button type="submit">Joindre à la demande</button>
        </form>
      ) : (
        ''
      )}
    </PublicLayout>
  );
}
