import {
  cellText,
  headingText,
  type Block,
  type Cell,
  type DocumentPlan,
  type HeadingBlock,
  type ListBlock,
  type Run,
  type TableBlock,
} from './reports.plan.types.js';

/**
 * The plan as HTML, for the page in the app and the standalone HTML file:
 * one <section> per chapter, headings one level below the page title, tables
 * with their caption and header cells, charts as inline SVG with the same
 * numbers in a table. Every text goes through `safe`.
 */
function RunView({ r }: { r: Run }): JSX.Element {
  if (r.text === '\n') return <br />;
  let el: JSX.Element;
  if (r.code) el = <code safe>{r.text}</code>;
  else if (r.bold && r.italic)
    el = (
      <strong>
        <em safe>{r.text}</em>
      </strong>
    );
  else if (r.bold) el = <strong safe>{r.text}</strong>;
  else if (r.italic) el = <em safe>{r.text}</em>;
  else if (r.muted)
    return (
      <span class="meta" safe>
        {r.text}
      </span>
    );
  else el = <span safe>{r.text}</span>;
  if (r.muted) el = <span class="meta">{el}</span>;
  return r.link ? <a href={r.link}>{el}</a> : el;
}

function Runs({ runs }: { runs: readonly Run[] }): JSX.Element {
  return (
    <>
      {runs.map((r) => (
        <RunView r={r} />
      ))}
    </>
  );
}

function List({ b }: { b: ListBlock }): JSX.Element {
  const items = b.items.map((i) => (
    <li>
      <Runs runs={i.runs} />
      {i.children ? <List b={i.children} /> : ''}
    </li>
  ));
  return b.ordered ? <ol start={String(b.start)}>{items}</ol> : <ul class="report-items">{items}</ul>;
}

function CellContent({ c }: { c: Cell }): JSX.Element {
  if (typeof c === 'string') return c === '—' ? <span class="meta">—</span> : <span safe>{c}</span>;
  return (
    <ul class="report-items">
      {c.list.map((line) => (
        <li>
          <Runs runs={line} />
        </li>
      ))}
    </ul>
  );
}

function Table({ t }: { t: TableBlock }): JSX.Element {
  const width = t.header.length;
  return (
    <>
      <div class="table-wrap" role="region" tabindex="0" aria-label={`Tableau : ${t.caption}`}>
        <table class="report-table" id={t.id}>
          <caption safe>{t.caption}</caption>
          <thead>
            <tr>
              {t.header.map((h, i) => (
                <th scope="col" class={t.numeric[i] ? 'num' : undefined} safe>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.map((row) =>
              row.emphasis === 'group' ? (
                <tr class="report-group">
                  <th scope="colgroup" colspan={String(width)} safe>
                    {cellText(row.cells[0] ?? '')}
                  </th>
                </tr>
              ) : (
                <tr
                  data-key={row.key}
                  class={row.emphasis === 'total' ? 'report-total' : row.emphasis === 'muted' ? 'meta' : undefined}
                >
                  {row.cells.map((c, i) => {
                    const year = t.years?.[i];
                    const cls = t.numeric[i] ? 'num' : undefined;
                    const dataYear = year ? String(year) : undefined;
                    if (i === 0 && t.rowHeaders)
                      return typeof c === 'string' ? (
                        <th scope="row" safe>
                          {c}
                        </th>
                      ) : (
                        <th scope="row">
                          <CellContent c={c} />
                        </th>
                      );
                    return typeof c === 'string' ? (
                      <td class={cls} data-year={dataYear} safe>
                        {c}
                      </td>
                    ) : (
                      <td class={cls} data-year={dataYear}>
                        <CellContent c={c} />
                      </td>
                    );
                  })}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {t.notes.map((n) => (
        <p class="report-source" safe>
          {n}
        </p>
      ))}
    </>
  );
}

function Heading({ h }: { h: HeadingBlock }): JSX.Element {
  const text = headingText(h);
  if (h.level === 1)
    return (
      <h2 id={`${h.id}-titre`} safe>
        {text}
      </h2>
    );
  if (h.level === 2)
    return (
      <h3 id={h.id} safe>
        {text}
      </h3>
    );
  if (h.level === 3)
    return (
      <h4 id={h.id} safe>
        {text}
      </h4>
    );
  return (
    <h5 id={h.id} safe>
      {text}
    </h5>
  );
}

function PlanBlock({ b }: { b: Block }): JSX.Element {
  switch (b.type) {
    case 'heading':
      return <Heading h={b} />;
    case 'paragraph':
      return b.style === 'quote' ? (
        <blockquote>
          <p>
            <Runs runs={b.runs} />
          </p>
        </blockquote>
      ) : (
        <p class={b.style === 'note' ? 'report-note' : undefined}>
          <Runs runs={b.runs} />
        </p>
      );
    case 'list':
      return <List b={b} />;
    case 'table':
      return <Table t={b} />;
    case 'chart': {
      const safeSvg = b.svg;
      return (
        <figure class="report-figure" id={b.id}>
          {/* On a phone the chart keeps a readable size and scrolls sideways (focusable, named: keyboard users scroll it too). */}
          <div class="report-chart-scroll" tabindex="0" role="group" aria-label={b.caption}>
            {safeSvg}
          </div>
          <figcaption safe>{b.caption}</figcaption>
        </figure>
      );
    }
    case 'code':
      return (
        <pre>
          <code safe>{b.text}</code>
        </pre>
      );
    case 'rule':
      return <hr />;
  }
}

/** Blocks cut at each chapter heading. */
function chapters(plan: DocumentPlan): Array<{ heading: HeadingBlock | null; blocks: Block[] }> {
  const out: Array<{ heading: HeadingBlock | null; blocks: Block[] }> = [];
  for (const b of plan.blocks) {
    if (b.type === 'heading' && b.level === 1) out.push({ heading: b, blocks: [] });
    else if (out.length === 0) out.push({ heading: null, blocks: [b] });
    else out[out.length - 1]?.blocks.push(b);
  }
  return out;
}

/** The table of contents: chapters and their numbered sections, « 2.1 ». */
export function PlanToc({ plan }: { plan: DocumentPlan }): JSX.Element {
  const entries = plan.blocks.filter((b): b is HeadingBlock => b.type === 'heading' && b.toc);
  const tops = entries.filter((h) => h.level === 1);
  return (
    <nav class="report-toc" aria-labelledby="sommaire-titre">
      <h2 id="sommaire-titre">Table des matières</h2>
      <ol class="report-toc-list">
        {tops.map((top) => {
          const from = entries.indexOf(top);
          const next = entries.findIndex((h, i) => i > from && h.level === 1);
          const subs = entries.slice(from + 1, next < 0 ? undefined : next);
          return (
            <li>
              <a href={`#${top.id}`} safe>
                {headingText(top)}
              </a>
              {subs.length ? (
                <ol class="report-toc-list">
                  {subs.map((h) => (
                    <li>
                      <a href={`#${h.id}`} safe>
                        {headingText(h)}
                      </a>
                    </li>
                  ))}
                </ol>
              ) : (
                ''
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Every chapter as a <section>, in order. */
export function PlanChapters({ plan }: { plan: DocumentPlan }): JSX.Element {
  return (
    <>
      {chapters(plan).map(({ heading, blocks }) =>
        heading ? (
          <section id={heading.id} aria-labelledby={`${heading.id}-titre`} class="report-section">
            <PlanBlock b={heading} />
            {blocks.map((b) => (
              <PlanBlock b={b} />
            ))}
          </section>
        ) : (
          <>
            {blocks.map((b) => (
              <PlanBlock b={b} />
            ))}
          </>
        ),
      )}
    </>
  );
}
