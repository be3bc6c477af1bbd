import type { FastifyInstance } from 'fastify';
import { sendHtml, viewContext, type ViewContext } from '../../web/context.js';
import { PublicLayout } from '../../web/public-layout.js';

/** Public landing page (the full public site comes with the site module). */
function HomePage({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <PublicLayout ctx={ctx} locale="fr" title="Accueil">
      <h1 safe>{ctx.organisationName}</h1>
      <p>Vous êtes travailleur ou travailleuse social·e et vous vous posez une question de secret professionnel ou d'éthique ?</p>
      <div class="card">
        <h2>La permanence téléphonique</h2>
        <p>Un membre du bureau vous répond le jeudi après-midi, hors vacances scolaires.</p>
      </div>
      <p>
        <a href="/connexion">Espace du bureau</a>
      </p>
    </PublicLayout>
  );
}

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => sendHtml(reply, <HomePage ctx={viewContext(request, reply)} />));
}
