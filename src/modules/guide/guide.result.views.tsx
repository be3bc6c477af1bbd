import { formatDateLong } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField } from '../../web/forms.js';
import { PublicLayout } from '../../web/public-layout.js';
import { encodeAnswers } from './guide.answers.js';
import type { GuideProgress, GuideResult, GuideSource } from './guide.engine.js';
import type { GuideContent } from './guide.types.js';
import { ReviewStatus, Steps } from './guide.views.js';

/** The committee's helpline as the site settings describe it today (never a hard-coded day). */
export interface GuideHelpline {
  /** « jeudi 3 décembre 2026, de 13 h à 16 h », or « pas encore fixée ». */
  when: string;
  phone: string;
}

function Source({ source }: { source: GuideSource }): JSX.Element {
  const check = source.verified
    ? `texte officiel vérifié le ${formatDateLong(source.verified.checkedOn)}`
    : 'non vérifié sur le texte officiel';
  return (
    <li>
      {source.url ? (
        <a href={source.url} rel="noopener" safe>
          {source.citation}
        </a>
      ) : (
        <strong safe>{source.citation}</strong>
      )}
      <span safe>{` — ${source.fullTitle}`}</span> <span class="meta" safe>{`(${check})`}</span>
    </li>
  );
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function WhomToCall({ result, helpline }: { result: GuideResult; helpline: GuideHelpline }): JSX.Element {
  return (
    <>
      <h3>Qui appeler ?</h3>
      <ul>
        {result.contacts.map((c) => (
          <li>
            <strong safe>{c.name}</strong>
            {c.phone ? (
              <>
                {' : '}
                <a href={telHref(c.phone)} safe>
                  {c.phone}
                </a>
              </>
            ) : (
              ''
            )}
            {c.when ? <span safe>{` (${c.when})`}</span> : ''}
            {c.source ? (
              <span class="meta" safe>{` — numéro vérifié le ${formatDateLong(c.source.checkedOn)}`}</span>
            ) : (
              ''
            )}
          </li>
        ))}
        <li>
          <strong>La permanence téléphonique du comité</strong>
          <span safe>{` : ${helpline.when}`}</span>
          {helpline.phone ? (
            <>
              {' — '}
              <a href={telHref(helpline.phone)} safe>
                {helpline.phone}
              </a>
            </>
          ) : (
            ''
          )}
        </li>
      </ul>
    </>
  );
}

export function GuideResultPage(p: {
  ctx: ViewContext;
  content: GuideContent;
  publishedAt: string;
  result: GuideResult;
  helpline: GuideHelpline;
  answers: Record<string, string>;
  progress: GuideProgress;
  shareUrl: string;
  previousHref: string;
  request?: number | undefined;
  canAttach: boolean;
}): JSX.Element {
  const r = p.result;
  const f = p.content.final;
  return (
    <PublicLayout ctx={p.ctx} locale="fr" title={`Résultat — ${r.categoryLabel}`} narrow>
      <p class="meta">Puis-je parler ? · Résultat</p>
      <ReviewStatus status={r.status} publishedAt={p.publishedAt} />
      <h1 safe>{r.categoryLabel}</h1>
      <section class={`card result result-${r.category.toLowerCase()}`} aria-labelledby="result-title">
        <h2 id="result-title" safe>
          {r.title}
        </h2>
        <ul class="result-points">
          {r.points.map((point) => (
            <li safe>{point}</li>
          ))}
        </ul>
        {r.notes.map((n) => (
          <p class="notice" safe>
            {n}
          </p>
        ))}
      </section>
      <section class="card" aria-labelledby="result-law">
        <h2 id="result-law">Ce que dit la loi</h2>
        <ul class="sources">
          {r.sources.map((s) => (
            <Source source={s} />
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="result-now">
        <h2 id="result-now">Que faire maintenant ?</h2>
        <ol>
          {r.steps.map((step) => (
            <li safe>{step}</li>
          ))}
        </ol>
        <WhomToCall result={r} helpline={p.helpline} />
      </section>
      <details class="card">
        <summary>En savoir plus</summary>
        <p safe>{r.text}</p>
        <h3 safe>{f.questionsTitle}</h3>
        <ul>
          {f.questions.map((q) => (
            <li safe>{q}</li>
          ))}
        </ul>
        <p>
          <strong safe>{f.doubtReminder}</strong>
        </p>
        <h3 safe>{f.adviceTitle}</h3>
        <ul>
          {f.advice.map((a) => (
            <li>
              <strong safe>{a.name}</strong>
              {a.detail ? <span safe>{` — ${a.detail}`}</span> : ''}
            </li>
          ))}
        </ul>
      </details>
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
