import type { ViewContext } from '../../web/context.js';
import { CsrfField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';

export function CalendarPage(p: { ctx: ViewContext; active: boolean; link?: string; publicLink: string }): JSX.Element {
  return (
    <Layout ctx={p.ctx} title="Mon agenda" narrow>
      <h1>Mon agenda</h1>
      <p>
        Un lien privé vers vos permanences téléphoniques et les réunions de bureau, à ajouter dans l’agenda de votre
        téléphone (Google Agenda, Apple Calendrier, Outlook, Thunderbird : « s’abonner à un agenda par URL »).
      </p>
      {p.link ? (
        <div class="notice" role="status">
          <p>Votre lien privé (il n’est affiché qu’une fois : copiez-le maintenant) :</p>
          <p>
            <code safe>{p.link}</code>
          </p>
        </div>
      ) : (
        ''
      )}
      <p>
        {p.active
          ? 'Un lien privé est actif. Ne le partagez pas : quiconque le connaît voit votre agenda.'
          : 'Vous n’avez pas de lien privé actif.'}
      </p>
      <form method="post" action="/compte/agenda/lien" class="inline">
        <CsrfField token={p.ctx.csrfToken} />
        <button type="submit">
          {p.active ? 'Créer un nouveau lien (l’ancien cesse de fonctionner)' : 'Créer mon lien privé'}
        </button>
      </form>{' '}
      {p.active ? (
        <form method="post" action="/compte/agenda/revoquer" class="inline">
          <CsrfField token={p.ctx.csrfToken} />
          <button type="submit" class="secondary">
            Révoquer le lien
          </button>
        </form>
      ) : (
        ''
      )}
      <h2>Agenda public</h2>
      <p>
        Les événements publiés sur le site :{' '}
        <a href="/agenda.ics" safe>
          {p.publicLink}
        </a>
      </p>
    </Layout>
  );
}
