import { NOUNS, plural } from '../../lib/plural.js';
import { formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { outboxBody, SENT_BODY_DAYS, type listOutbox } from './mail.service.js';

const STATUS_LABELS: Record<string, string> = { queued: 'En file', sent: 'Envoyé', failed: 'Échec' };

/** The outbox: every e-mail queued, sent or failed, newest first. */
export function OutboxPage({
  ctx,
  rows,
  smtp,
}: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof listOutbox>>;
  smtp: boolean;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="E-mails envoyés">
      <h1>E-mails envoyés et en attente</h1>
      {smtp ? (
        <p class="hint">
          Les e-mails sont envoyés par le serveur SMTP configuré ; en cas d'échec, Vigie réessaie plusieurs fois.
        </p>
      ) : (
        <p class="notice">
          <strong>Aucun e-mail n’est envoyé :</strong> aucun serveur SMTP n'est configuré (variable SMTP_URL). Les
          messages restent ici ; transmettez vous-même les liens utiles (par exemple un lien de mot de passe) à leur
          destinataire.
        </p>
      )}
      <p class="hint">
        {`Une fois un e-mail envoyé, les liens personnels qu’il contient (mot de passe, confirmation, désinscription) sont masqués ici, et son contenu est effacé ${SENT_BODY_DAYS} jours après l’envoi.`}
      </p>
      {rows.length === 0 ? (
        <p>Aucun e-mail.</p>
      ) : (
        rows.map((m) => (
          <article class="card">
            <h2 class="h3" safe>
              {m.subject}
            </h2>
            <p
              class="meta"
              safe
            >{`À ${m.to_address} · ${formatInstant(m.created_at)} · ${STATUS_LABELS[m.status] ?? m.status}${m.attempts ? ` · ${plural(m.attempts, NOUNS.attempt)}` : ''}`}</p>
            {m.last_error ? (
              <p class="field-error" safe>
                {m.last_error}
              </p>
            ) : (
              ''
            )}
            {m.text_body ? (
              <details>
                <summary>Lire le message</summary>
                <pre class="pre" safe>
                  {outboxBody(m)}
                </pre>
              </details>
            ) : (
              <p class="hint">{`Contenu effacé ${SENT_BODY_DAYS} jours après l’envoi.`}</p>
            )}
          </article>
        ))
      )}
    </Layout>
  );
}
