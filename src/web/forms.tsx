import { plural } from '../lib/plural.js';
/**
 * Form controls with their label, hint and error wired for screen readers
 * (aria-describedby, aria-invalid). Every value is escaped.
 */
// Defined with the error model (src/errors.ts); forms import it from here.
import type { FieldErrors } from '../errors.js';
export type { FieldErrors };

export interface Option {
  value: string;
  label: string;
}

interface BaseProps {
  name: string;
  label: string;
  errors?: FieldErrors | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldMeta({
  name,
  hint,
  error,
}: {
  name: string;
  hint?: string | undefined;
  error?: string | undefined;
}): JSX.Element {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${name}-hint`} safe>
          {hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${name}-error`}>
          <span class="visually-hidden">Erreur : </span>
          <span safe>{error}</span>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

function Label({
  name,
  label,
  required,
}: {
  name: string;
  label: string;
  required?: boolean | undefined;
}): JSX.Element {
  return (
    <label for={name}>
      <span safe>{label}</span>
      {required ? <span class="required"> (obligatoire)</span> : ''}
    </label>
  );
}

export function TextField(
  props: BaseProps & {
    value?: string | number | null | undefined;
    type?: string;
    autocomplete?: string;
    inputmode?: string;
    maxlength?: number;
  },
): JSX.Element {
  const error = props.errors?.[props.name];
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <Label name={props.name} label={props.label} required={props.required} />
      <FieldMeta name={props.name} hint={props.hint} error={error} />
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value === null || props.value === undefined ? '' : String(props.value)}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
    </div>
  );
}

export function TextArea(
  props: BaseProps & { value?: string | null | undefined; rows?: number; warnId?: string },
): JSX.Element {
  const error = props.errors?.[props.name];
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <Label name={props.name} label={props.label} required={props.required} />
      <FieldMeta name={props.name} hint={props.hint} error={error} />
      <textarea
        id={props.name}
        name={props.name}
        rows={String(props.rows ?? 4)}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
        safe
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export function SelectField(
  props: BaseProps & { value?: string | number | null | undefined; options: Option[]; placeholder?: string },
): JSX.Element {
  const error = props.errors?.[props.name];
  const current = props.value === null || props.value === undefined ? '' : String(props.value);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <Label name={props.name} label={props.label} required={props.required} />
      <FieldMeta name={props.name} hint={props.hint} error={error} />
      <select
        id={props.name}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.placeholder !== undefined ? (
          <option value="" safe>
            {props.placeholder}
          </option>
        ) : (
          ''
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxGroup(
  props: BaseProps & { values: string[]; options: Array<Option & { group?: string }> },
): JSX.Element {
  const error = props.errors?.[props.name];
  return (
    <fieldset
      class={`field checkbox-group${error ? ' has-error' : ''}`}
      aria-describedby={describedBy(props.name, props.hint, error)}
    >
      <legend>
        <span safe>{props.label}</span>
        {props.required ? <span class="required"> (obligatoire)</span> : ''}
      </legend>
      <FieldMeta name={props.name} hint={props.hint} error={error} />
      {props.options.map((o, i) => (
        <div class={`checkbox${o.group ? ' child' : ''}`}>
          <input
            type="checkbox"
            id={`${props.name}-${i}`}
            name={props.name}
            value={o.value}
            checked={props.values.includes(o.value)}
          />
          <label for={`${props.name}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function ErrorSummary({ errors }: { errors?: FieldErrors | undefined }): JSX.Element {
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return '';
  return (
    <div class="error-summary" role="alert" tabindex="-1" id="erreurs">
      <h2
        safe
      >{`Le formulaire contient ${plural(entries.length, { one: 'erreur', other: 'erreurs' })} : rien n’a été enregistré.`}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${name}`} safe>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * A short help for the board's formatted texts (never called « Markdown »
 * in the interface: volunteers read « mise en forme »). Folded, no script.
 */
export function FormattingHelp(): JSX.Element {
  const rows: Array<[string, string]> = [
    ['## Un intertitre', 'un intertitre'],
    ['**des mots importants**', 'en gras'],
    ['*une nuance*', 'en italique'],
    ['- un point', 'une liste à puces (un point par ligne)'],
    ['[le texte du lien](https://exemple.be)', 'un lien'],
    ['une ligne vide', 'un nouveau paragraphe'],
  ];
  return (
    <details class="formatting-help">
      <summary>Aide à la mise en forme</summary>
      <table>
        <caption class="visually-hidden">Ce que l’on tape et ce que cela donne</caption>
        <thead>
          <tr>
            <th scope="col">Tapez</th>
            <th scope="col">Pour obtenir</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([typed, result]) => (
            <tr>
              <td>
                <code safe>{typed}</code>
              </td>
              <td safe>{result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
