import type { ViewContext } from '../../web/context.js';
import type Html from '@kitajs/html';
import type { Presence } from '../../db/schema.js';
import { formatDateShort } from '../../lib/time.js';
import { CsrfField, TextField, type FieldErrors } from '../../web/forms.js';
import { PRESENCE_LABELS } from './meetings.constants.js';
import { FlashHere } from '../../web/flash.js';

/**
 * The pieces board meetings and plenary assemblies share on the back office:
 * the list of dated gatherings, the date/time/place fields, the video link,
 * the minutes' links, the « add an item » form and one person's presence.
 */

export interface GatheringRow {
  heldOn: string;
  href: string;
  label: string;
  place: string;
  videoUrl: string;
  status: string;
}

/** Where it takes place, in a table cell: the place, else « Visioconférence », else a dash. */
function whereCell(r: Pick<GatheringRow, 'place' | 'videoUrl'>): string {
  return r.place || (r.videoUrl ? 'Visioconférence' : '—');
}

/** The table of meetings (or assemblies) on a list page: date, name, where, status. */
export function GatheringTable(p: {
  rows: GatheringRow[];
  caption: string;
  headers: { label: string; place: string; status: string };
}): JSX.Element {
  return (
    <div class="table-wrap" role="region" tabindex="0" aria-label={p.caption}>
      <table>
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" safe>
              {p.headers.label}
            </th>
            <th scope="col" safe>
              {p.headers.place}
            </th>
            <th scope="col" safe>
              {p.headers.status}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td safe>{formatDateShort(r.heldOn)}</td>
              <td>
                <a href={r.href} safe>
                  {r.label}
                </a>
              </td>
              <td safe>{whereCell(r)}</td>
              <td safe>{r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Date, start and end, place and video link: the first fields of a meeting's or an assembly's form. */
export function WhenWhereFields(p: {
  values: Record<'heldOn' | 'startsAt' | 'endsAt' | 'place' | 'videoUrl', string>;
  errors?: FieldErrors | undefined;
  /** Typical hours, shown as examples (« 19:00 », « 21:30 »). */
  hours: { start: string; end: string };
}): JSX.Element {
  return (
    <>
      <TextField name="heldOn" label="Date" type="date" value={p.values.heldOn} errors={p.errors} required />
      <div class="grid-2">
        <TextField
          name="startsAt"
          label="Début"
          hint={`Par exemple ${p.hours.start}.`}
          value={p.values.startsAt}
          errors={p.errors}
        />
        <TextField
          name="endsAt"
          label="Fin"
          hint={`Par exemple ${p.hours.end}.`}
          value={p.values.endsAt}
          errors={p.errors}
        />
      </div>
      <TextField name="place" label="Lieu" value={p.values.place} errors={p.errors} maxlength={300} />
      <TextField
        name="videoUrl"
        label="Lien de visioconférence"
        hint="Facultatif, commence par https://."
        type="url"
        value={p.values.videoUrl}
        errors={p.errors}
        maxlength={500}
      />
    </>
  );
}

/** A checkbox with its label and an optional hint. */
export function Checkbox(p: { name: string; label: string; checked: boolean; hint?: string }): JSX.Element {
  return (
    <>
      <div class="field checkbox">
        <input
          type="checkbox"
          id={p.name}
          name={p.name}
          checked={p.checked}
          aria-describedby={p.hint ? `${p.name}-hint` : undefined}
        />
        <label for={p.name} safe>
          {p.label}
        </label>
      </div>
      {p.hint ? (
        <p class="hint" id={`${p.name}-hint`} safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

export function VideoLink({ url }: { url: string }): JSX.Element {
  return url ? (
    <p>
      <a href={url}>Rejoindre la visioconférence</a>
    </p>
  ) : (
    ''
  );
}

/** The links to the minutes, on the page of a meeting or an assembly (`base`: that page). */
export function MinutesLinks({ base }: { base: string }): JSX.Element {
  return (
    <>
      <a href={`${base}/proces-verbal`}>Procès-verbal</a>
      <a href={`${base}/proces-verbal.pdf`}>PV en PDF</a>
      <a href={`${base}/proces-verbal.docx`}>PV en DOCX</a>
    </>
  );
}

/** The « Ajouter un point » heading and form (`base`: the page of the meeting or assembly). */
export function AddItemForm(p: {
  ctx: ViewContext;
  base: string;
  example: string;
  value: string;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <>
      <h2 id="ajouter-point">Ajouter un point</h2>
      <FlashHere ctx={p.ctx} id="ajouter-point" />
      <form method="post" action={`${p.base}/points`} class="card" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextField
          name="title"
          label="Intitulé du point"
          hint={`Par exemple ${p.example}.`}
          value={p.value}
          errors={p.errors}
          required
          maxlength={300}
        />
        <button type="submit">Ajouter le point</button>
      </form>
    </>
  );
}

/**
 * One person's (or organisation's) presence: present, excused, not said. The field is
 * `presence_<id>`, its values `present`, `excused` and empty; `children` adds fields (who represented).
 */
export function PresenceFieldset(p: {
  id: number;
  legend: string;
  presence: Presence | null;
  /** « Représentée » for an organisation. */
  presentLabel?: string;
  children?: Html.Children;
}): JSX.Element {
  return (
    <fieldset class="presence">
      <legend safe>{p.legend}</legend>
      {(['present', 'excused', 'unknown'] as const).map((choice) => (
        <span class="radio">
          <input
            type="radio"
            id={`presence_${p.id}_${choice}`}
            name={`presence_${p.id}`}
            value={choice === 'unknown' ? '' : choice}
            checked={(p.presence ?? 'unknown') === choice}
          />
          <label for={`presence_${p.id}_${choice}`} safe>
            {choice === 'present' && p.presentLabel ? p.presentLabel : PRESENCE_LABELS[choice]}
          </label>
        </span>
      ))}
      {p.children ?? ''}
    </fieldset>
  );
}
