import { formatDateLong, formatDateShort } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { KIND_LABELS, MEETING_KINDS } from './meetings.constants.js';
import type { Meeting } from './meetings.service.js';

export function meetingTitle(m: Pick<Meeting, 'kind' | 'heldOn'>): string {
  return `${KIND_LABELS[m.kind]} du ${formatDateLong(m.heldOn)}`;
}

function minutesStatus(m: Meeting): string {
  if (m.cancelled) return 'Annulée';
  if (m.approvedAt) return 'PV approuvé';
  return 'PV en projet';
}

function MeetingTable({ meetings, caption }: { meetings: Meeting[]; caption: string }): JSX.Element {
  return (
    <div class="table-wrap" role="region" tabindex="0" aria-label={caption}>
      <table>
        <caption safe>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Réunion</th>
            <th scope="col">Lieu</th>
            <th scope="col">Procès-verbal</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => (
            <tr>
              <td safe>{formatDateShort(m.heldOn)}</td>
              <td>
                <a href={`/bureau/reunions/${m.id}`} safe>
                  {KIND_LABELS[m.kind]}
                </a>
              </td>
              <td safe>{m.place || (m.videoUrl ? 'Visioconférence' : '—')}</td>
              <td safe>{minutesStatus(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MeetingsPage({
  ctx,
  upcoming,
  past,
}: {
  ctx: ViewContext;
  upcoming: Meeting[];
  past: Meeting[];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Réunions de bureau">
      <h1>Réunions de bureau</h1>
      <p>
        L’ordre du jour se construit à partir des demandes marquées « à discuter en bureau ». Les décisions prises sur
        une demande s’inscrivent dans son suivi ; le procès-verbal s’approuve à la réunion suivante.
      </p>
      <p class="actions">
        <a class="button" href="/bureau/reunions/nouvelle">
          Nouvelle réunion
        </a>
        <a href="/bureau/a-discuter">Demandes à discuter</a>
      </p>
      <h2>À venir</h2>
      {upcoming.length ? (
        <MeetingTable meetings={[...upcoming].reverse()} caption="Réunions à venir" />
      ) : (
        <p>Aucune réunion prévue : créez la prochaine.</p>
      )}
      <h2>Passées</h2>
      {past.length ? <MeetingTable meetings={past} caption="Réunions passées" /> : <p>Aucune réunion passée.</p>}
    </Layout>
  );
}

export type MeetingFormValues = Record<'kind' | 'heldOn' | 'startsAt' | 'endsAt' | 'place' | 'videoUrl', string> & {
  cancelled?: boolean;
};

export function MeetingFormPage({
  ctx,
  values,
  errors,
  meeting,
}: {
  ctx: ViewContext;
  values: MeetingFormValues;
  errors?: FieldErrors | undefined;
  meeting?: Meeting | undefined;
}): JSX.Element {
  const title = meeting ? `Modifier : ${meetingTitle(meeting)}` : 'Nouvelle réunion';
  const action = meeting ? `/bureau/reunions/${meeting.id}/modifier` : '/bureau/reunions/nouvelle';
  return (
    <Layout ctx={ctx} title={title} narrow>
      <p>
        <a href={meeting ? `/bureau/reunions/${meeting.id}` : '/bureau/reunions'}>← Retour</a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={action} class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="kind"
          label="Type"
          value={values.kind}
          options={MEETING_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          errors={errors}
        />
        <TextField name="heldOn" label="Date" type="date" value={values.heldOn} errors={errors} required />
        <div class="grid-2">
          <TextField name="startsAt" label="Début" hint="Par exemple 19:00." value={values.startsAt} errors={errors} />
          <TextField name="endsAt" label="Fin" hint="Par exemple 21:30." value={values.endsAt} errors={errors} />
        </div>
        <TextField name="place" label="Lieu" value={values.place} errors={errors} maxlength={300} />
        <TextField
          name="videoUrl"
          label="Lien de visioconférence"
          hint="Facultatif, commence par https://."
          type="url"
          value={values.videoUrl}
          errors={errors}
          maxlength={500}
        />
        {meeting ? (
          <div class="checkbox">
            <input type="checkbox" id="cancelled" name="cancelled" checked={values.cancelled ?? false} />
            <label for="cancelled">Réunion annulée</label>
          </div>
        ) : (
          ''
        )}
        <button type="submit">{meeting ? 'Enregistrer' : 'Créer la réunion'}</button>
      </form>
    </Layout>
  );
}
