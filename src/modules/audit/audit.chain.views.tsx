import { formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { describeProblem, type ChainHead, type ChainReport } from './audit.chain.service.js';

/** On the journal page: the latest hash, to be noted elsewhere, and the check. */
export function ChainCard({ head }: { head: ChainHead }): JSX.Element {
  return (
    <section class="card" aria-labelledby="chain-title">
      <h2 id="chain-title">Empreinte du journal</h2>
      <p>
        Chaque entrée porte l’empreinte de la précédente : modifier, supprimer ou déplacer une entrée, même directement
        dans la base de données, casse la chaîne. Notez de temps en temps l’empreinte la plus récente hors de Vigie (un
        e-mail à vous-même, un procès-verbal) : elle permettra de prouver plus tard que le journal n’a pas été réécrit.
      </p>
      <p>
        <span
          safe
        >{`Empreinte la plus récente (${head.entries} entrée${head.entries > 1 ? 's' : ''}${head.lastAt ? `, ${formatInstant(head.lastAt)}` : ''}) :`}</span>{' '}
        <code class="secret" safe>
          {head.lastHash}
        </code>
      </p>
      <form method="get" action="/admin/journal/verification" class="inline-form">
        <div class="field">
          <label for="empreinte">Empreinte notée auparavant (facultatif)</label>
          <input id="empreinte" name="empreinte" autocomplete="off" spellcheck="false" maxlength={64} />
        </div>
        <button type="submit" class="secondary">
          Vérifier le journal
        </button>
      </form>
    </section>
  );
}

export function ChainVerificationPage({ ctx, report }: { ctx: ViewContext; report: ChainReport }): JSX.Element {
  return (
    <Layout ctx={ctx} title="Vérification du journal">
      <h1>Vérification du journal d’audit</h1>
      {report.ok ? (
        <p class="flash" role="status" safe>
          {`Le journal est intact : ${report.entries} entrée${report.entries > 1 ? 's' : ''}, chaînées sans rupture.`}
        </p>
      ) : (
        <div class="error-summary" role="alert" tabindex="-1" id="erreurs">
          <h2>Le journal a été altéré</h2>
          <p safe>{`Première rupture : ${report.problem ? describeProblem(report.problem) : ''}.`}</p>
        </div>
      )}
      {report.noted === undefined ? (
        ''
      ) : report.noted ? (
        <p
          safe
        >{`L’empreinte notée est celle de l’entrée n° ${report.noted.id} (${formatInstant(report.noted.at)}) : le journal n’a pas été réécrit depuis.`}</p>
      ) : (
        <p class="notice" role="alert">
          L’empreinte notée ne figure pas dans le journal : soit elle a été mal recopiée, soit le journal a été réécrit
          depuis.
        </p>
      )}
      <p>
        Empreinte la plus récente :{' '}
        <code class="secret" safe>
          {report.lastHash}
        </code>
      </p>
      <p>
        <a href="/admin/journal">Retour au journal</a>
      </p>
    </Layout>
  );
}
