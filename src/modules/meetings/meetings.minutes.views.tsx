import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { MinutesDoc } from './meetings.snapshot.js';

/** The minutes of a board meeting or of a plenary assembly: `base` is the record's page (`/bureau/reunions/3`). */
export function MinutesPage({
  ctx,
  base,
  back,
  doc,
}: {
  ctx: ViewContext;
  base: string;
  back: string;
  doc: MinutesDoc;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title={doc.title}>
      <p class="no-print">
        <a href={base} safe>{`← ${back}`}</a>
      </p>
      <p class="meta" safe>
        {doc.organisation}
      </p>
      <h1 safe>{doc.title}</h1>
      <p class="notice" safe>
        {doc.status}
      </p>
      <p class="actions no-print">
        <a href={`${base}/proces-verbal.pdf`}>Télécharger en PDF</a>
        <a href={`${base}/proces-verbal.docx`}>Télécharger en DOCX</a>
        <button type="button" class="secondary" data-print hidden>
          Imprimer
        </button>
      </p>
      <h2>Date et lieu</h2>
      <p safe>{[doc.when, ...doc.where].join(' · ')}</p>
      <h2>Présences</h2>
      <p safe>{`Présent·es : ${doc.present.join(', ') || '—'}`}</p>
      <p safe>{`Excusé·es : ${doc.excused.join(', ') || '—'}`}</p>
      <h2>Ordre du jour</h2>
      {doc.items.length === 0 ? <p>Aucun point.</p> : ''}
      {doc.items.map((item) => (
        <section aria-labelledby={`point-${item.number}`}>
          <h3 id={`point-${item.number}`} safe>{`${item.number}. ${item.title}`}</h3>
          {item.notes ? (
            <p class="notes" safe>
              {item.notes}
            </p>
          ) : (
            ''
          )}
          {item.decisions.map((d) => (
            <p>
              <strong>Décision :</strong> <span safe>{d}</span>
            </p>
          ))}
        </section>
      ))}
      {doc.notes ? (
        <>
          <h2>Divers</h2>
          <p class="notes" safe>
            {doc.notes}
          </p>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
