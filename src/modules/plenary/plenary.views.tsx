import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { Checkbox, GatheringTable, WhenWhereFields } from '../meetings/meetings.shared.views.js';
import { assemblyTitle, type Assembly } from './plenary.service.js';

function status(a: Assembly): string {
  if (a.cancelled) return 'Annulée';
  if (a.approvedAt) return 'PV approuvé';
  if (a.convocationSentAt) return 'Convocation envoyée';
  return 'En préparation';
}

function AssemblyTable({ assemblies, caption }: { assemblies: Assembly[]; caption: string }): JSX.Element {
  return (
    <GatheringTable
      caption={caption}
      headers={{ label: 'Assemblée', place: 'Où', status: 'Où en est-elle' }}
      rows={assemblies.map((a) => ({
        heldOn: a.heldOn,
        href: `/bureau/assemblees/${a.id}`,
        label: a.title || 'Assemblée plénière',
        place: a.place,
        videoUrl: a.videoUrl,
        status: status(a),
      }))}
    />
  );
}

export function AssembliesPage(p: { ctx: ViewContext; upcoming: Assembly[]; past: Assembly[] }): JSX.Element {
  return (
    <Layout ctx={p.ctx} title="Assemblées plénières">
      <h1>Assemblées plénières</h1>
      <p>
        Le bureau convoque la plénière : date, lieu, ordre du jour, puis la convocation par e-mail aux membres qui l’ont
        accepté. Le jour même, notez les présences et le procès-verbal.
      </p>
      <p class="actions">
        <a class="button" href="/bureau/assemblees/nouvelle">
          Nouvelle assemblée
        </a>
        <a href="/bureau/groupes">Groupes de travail</a>
        <a href="/bureau/membres">Membres de la plénière</a>
      </p>
      <h2>À venir</h2>
      {p.upcoming.length ? (
        <AssemblyTable assemblies={[...p.upcoming].reverse()} caption="Assemblées à venir" />
      ) : (
        <p>Aucune assemblée prévue.</p>
      )}
      <h2>Passées</h2>
      {p.past.length ? (
        <AssemblyTable assemblies={p.past} caption="Assemblées passées" />
      ) : (
        <p>Aucune assemblée passée.</p>
      )}
    </Layout>
  );
}

export type AssemblyFormValues = Record<'title' | 'heldOn' | 'startsAt' | 'endsAt' | 'place' | 'videoUrl', string> & {
  isPublic: boolean;
  cancelled: boolean;
};

export function AssemblyFormPage(p: {
  ctx: ViewContext;
  values: AssemblyFormValues;
  errors?: FieldErrors | undefined;
  assembly?: Assembly | undefined;
}): JSX.Element {
  const a = p.assembly;
  const title = a ? `Modifier : ${assemblyTitle(a)}` : 'Nouvelle assemblée plénière';
  return (
    <Layout ctx={p.ctx} title={title} narrow>
      <p>
        <a href={a ? `/bureau/assemblees/${a.id}` : '/bureau/assemblees'}>← Retour</a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.errors} />
      <form
        method="post"
        action={a ? `/bureau/assemblees/${a.id}/modifier` : '/bureau/assemblees/nouvelle'}
        class="card"
        novalidate
      >
        <CsrfField token={p.ctx.csrfToken} />
        <WhenWhereFields values={p.values} errors={p.errors} hours={{ start: '9:30', end: '12:30' }} />
        <TextField
          name="title"
          label="Thème"
          hint="Facultatif, par exemple « Résister ensemble »."
          value={p.values.title}
          errors={p.errors}
          maxlength={300}
        />
        <Checkbox
          name="isPublic"
          label="Annoncer l’assemblée sur l’agenda public"
          checked={p.values.isPublic}
          hint="La date, le thème et le lieu paraissent alors dans l’agenda du site et son flux iCalendar."
        />
        {a ? <Checkbox name="cancelled" label="Assemblée annulée" checked={p.values.cancelled} /> : ''}
        <button type="submit">{a ? 'Enregistrer' : 'Créer l’assemblée'}</button>
      </form>
    </Layout>
  );
}
