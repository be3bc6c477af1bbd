import { formatDateLong } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { KIND_LABELS, MEETING_KINDS } from './meetings.constants.js';
import type { Meeting } from './meetings.service.js';
import { Checkbox, GatheringTable, WhenWhereFields } from './meetings.shared.views.js';

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
    <GatheringTable
      caption={caption}
      headers={{ label: 'Réunion', place: 'Lieu', status: 'Procès-verbal' }}
      rows={meetings.map((m) => ({
        heldOn: m.heldOn,
        href: `/bureau/reunions/${m.id}`,
        label: KIND_LABELS[m.kind],
        place: m.place,
        videoUrl: m.videoUrl,
        status: minutesStatus(m),
      }))}
    />
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
        <WhenWhereFields values={values} errors={errors} hours={{ start: '19:00', end: '21:30' }} />
        {meeting ? <Checkbox name="cancelled" label="Réunion annulée" checked={values.cancelled ?? false} /> : ''}
        <button type="submit">{meeting ? 'Enregistrer' : 'Créer la réunion'}</button>
      </form>
    </Layout>
  );
}
