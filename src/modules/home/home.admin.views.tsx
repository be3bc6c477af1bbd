import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { sectionsFor } from '../../web/sections.js';
import type { ChecklistStep } from '../setup/setup.checklist.service.js';
import { SetupChecklist } from '../setup/setup.admin.views.js';

/** The board's landing page: the first-run checklist, then every section the person may open. */
export function BoardHomePage({ ctx, steps }: { ctx: ViewContext; steps: ChecklistStep[] }): JSX.Element {
  const user = ctx.user;
  if (!user) return '';
  return (
    <Layout ctx={ctx} title="Tout le menu">
      <h1>Tout le menu</h1>
      <SetupChecklist ctx={ctx} steps={steps} />
      {sectionsFor(user).map((section) => (
        <section class="card" aria-labelledby={`s-${section.links[0]?.href.replace(/\W/g, '') ?? ''}`}>
          <h2 id={`s-${section.links[0]?.href.replace(/\W/g, '') ?? ''}`} safe>
            {section.title}
          </h2>
          <ul class="menu-list">
            {section.links.map((l) => (
              <li>
                <a href={l.href} safe>
                  {l.label}
                </a>
                {l.hint ? (
                  <span class="meta" safe>
                    {` — ${l.hint}`}
                  </span>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
