import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

export function ErrorPage({
  ctx,
  status,
  title,
  message,
}: {
  ctx: ViewContext;
  status: number;
  title: string;
  message: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title={title} narrow>
      <h1 safe>{title}</h1>
      <p safe>{message}</p>
      <p class="meta" safe>{`Code ${status}`}</p>
      <p>
        <a href={ctx.user ? '/demandes' : '/'}>Revenir à l'accueil</a>
      </p>
    </Layout>
  );
}
