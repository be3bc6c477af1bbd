import type { FieldErrors } from './forms.js';
import type { Translate } from './i18n/index.js';

/**
 * Form controls of the public side, in the visitor's language (the back
 * office's controls in src/web/forms.tsx speak French only). Label, hint and
 * error are wired for screen readers; every value is escaped.
 */
function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function PublicTextField(p: {
  t: Translate;
  name: string;
  label: string;
  value: string;
  errors?: FieldErrors | undefined;
  hint?: string;
  required?: boolean;
  type?: string;
  autocomplete?: string;
  maxlength?: number;
}): JSX.Element {
  const error = p.errors?.[p.name];
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={p.name}>
        <span safe>{p.label}</span>{' '}
        <span class="required" safe>
          {p.required ? p.t('form.required') : p.t('form.optional')}
        </span>
      </label>
      {p.hint ? (
        <p class="hint" id={`${p.name}-hint`} safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${p.name}-error`}>
          <span class="visually-hidden" safe>
            {p.t('form.error.prefix')}
          </span>
          <span safe>{error}</span>
        </p>
      ) : (
        ''
      )}
      <input
        id={p.name}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value}
        required={p.required}
        autocomplete={p.autocomplete}
        maxlength={p.maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
    </div>
  );
}

export function PublicCheckbox({
  name,
  label,
  checked,
}: {
  name: string;
  label: string;
  checked: boolean;
}): JSX.Element {
  return (
    <div class="checkbox">
      <input type="checkbox" id={name} name={name} value="oui" checked={checked} />
      <label for={name} safe>
        {label}
      </label>
    </div>
  );
}

export function PublicErrorSummary({ t, errors }: { t: Translate; errors?: FieldErrors | undefined }): JSX.Element {
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return '';
  return (
    <div class="error-summary" role="alert" tabindex="-1" id="erreurs">
      <h2 safe>{t('form.error.summary', { count: entries.length })}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${name === 'kind' ? 'kind-individual' : name}`} safe>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Previous / next links; `href(page)` builds each page's address. */
export function Pager({
  t,
  page,
  pages,
  href,
}: {
  t: Translate;
  page: number;
  pages: number;
  href: (page: number) => string;
}): JSX.Element {
  if (pages <= 1) return '';
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev" safe>
          {t('pager.previous')}
        </a>
      ) : (
        <span></span>
      )}
      <span safe>{t('pager.page', { page, pages })}</span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next" safe>
          {t('pager.next')}
        </a>
      ) : (
        <span></span>
      )}
    </nav>
  );
}
