import { CsrfField } from './forms.js';

/**
 * Moving an agenda item up or down, or removing it, with plain forms (no
 * JavaScript needed): board meetings and plenary assemblies alike. `base` is
 * the item's address (`…/points/12`); each button names its item for screen readers.
 */
export function AgendaItemActions(p: {
  csrfToken: string;
  base: string;
  index: number;
  count: number;
  removable: boolean;
}): JSX.Element {
  const position = ` le point ${p.index + 1}`;
  return (
    <>
      {(['monter', 'descendre'] as const).map((dir) =>
        (dir === 'monter' && p.index === 0) || (dir === 'descendre' && p.index === p.count - 1) ? (
          ''
        ) : (
          <form method="post" action={`${p.base}/${dir}`} class="inline">
            <CsrfField token={p.csrfToken} />
            <button type="submit" class="link-button">
              {dir === 'monter' ? 'Monter' : 'Descendre'}
              <span class="visually-hidden" safe>
                {position}
              </span>
            </button>
          </form>
        ),
      )}
      {p.removable ? (
        <form method="post" action={`${p.base}/retirer`} class="inline">
          <CsrfField token={p.csrfToken} />
          <button type="submit" class="link-button">
            Retirer
            <span class="visually-hidden" safe>
              {position}
            </span>
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}
