import { formatDateLong } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextArea, TextField, type FieldErrors, type Option } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { Group, GroupDetail } from './groups.service.js';

function GroupFields(p: { values: Record<string, string>; errors?: FieldErrors | undefined }) {
  return (
    <>
      <TextField name="name" label="Nom du groupe" value={p.values.name} errors={p.errors} required maxlength={200} />
      <TextArea
        name="purpose"
        label="Objet"
        hint="Ce que le groupe fait, en une ou deux phrases."
        value={p.values.purpose}
        errors={p.errors}
        rows={3}
      />
    </>
  );
}

export function GroupsPage(p: {
  ctx: ViewContext;
  groups: Array<Group & { members: number }>;
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <Layout ctx={p.ctx} title="Groupes de travail">
      <p>
        <a href="/bureau/assemblees">← Assemblées plénières</a>
      </p>
      <h1>Groupes de travail</h1>
      <p>Nés de la plénière, ils réunissent des membres du bureau et de la plénière autour d’une question.</p>
      {p.groups.length ? (
        <ul class="cards">
          {p.groups.map((g) => (
            <li class="card">
              <a href={`/bureau/groupes/${g.id}`} safe>
                {g.name}
              </a>
              <span class="meta" safe>{` · ${g.members} membre${g.members > 1 ? 's' : ''}`}</span>
              {g.purpose ? <p safe>{g.purpose}</p> : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun groupe pour l’instant.</p>
      )}
      <h2 id="nouveau">Nouveau groupe</h2>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/bureau/groupes" class="card" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <GroupFields values={p.values} errors={p.errors} />
        <button type="submit">Créer le groupe</button>
      </form>
    </Layout>
  );
}

function MeetingFields(p: { values: Record<string, string>; errors?: FieldErrors | undefined }) {
  return (
    <>
      <div class="grid-2">
        <TextField name="heldOn" label="Date" type="date" value={p.values.heldOn} errors={p.errors} required />
        <TextField
          name="startsAt"
          label="Heure"
          hint="Par exemple 18:00."
          value={p.values.startsAt}
          errors={p.errors}
        />
      </div>
      <TextField name="place" label="Lieu" value={p.values.place} errors={p.errors} maxlength={300} />
      <TextArea name="notes" label="Notes" value={p.values.notes} errors={p.errors} rows={5} />
    </>
  );
}

export function GroupPage(p: {
  ctx: ViewContext;
  group: GroupDetail;
  candidates: { board: Option[]; plenary: Option[] };
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const g = p.group;
  const base = `/bureau/groupes/${g.id}`;
  return (
    <Layout ctx={p.ctx} title={`Groupe de travail : ${g.name}`}>
      <p>
        <a href="/bureau/groupes">← Groupes de travail</a>
      </p>
      <h1 safe>{`Groupe de travail : ${g.name}`}</h1>
      {g.purpose ? (
        <p class="lead" safe>
          {g.purpose}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={p.errors} />
      <h2>Membres</h2>
      {g.members.length ? (
        <ul>
          {g.members.map((m, n) => (
            <li>
              <span safe>{`${m.name}${m.board ? ' (bureau)' : ''}`}</span>{' '}
              <form method="post" action={`${base}/membres/${m.id}/retirer`} class="inline">
                <CsrfField token={p.ctx.csrfToken} />
                <button type="submit" class="link-button">
                  Retirer<span class="visually-hidden" safe>{` ${m.name} (${n + 1})`}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>Personne pour l’instant.</p>
      )}
      <form method="post" action={`${base}/membres`} class="card">
        <CsrfField token={p.ctx.csrfToken} />
        <div class={`field${p.errors?.who ? ' has-error' : ''}`}>
          <label for="who">Ajouter un membre</label>
          {p.errors?.who ? (
            <p class="error" id="who-error" safe>
              {p.errors.who}
            </p>
          ) : (
            ''
          )}
          <select id="who" name="who" aria-describedby={p.errors?.who ? 'who-error' : undefined}>
            <optgroup label="Bureau">
              {p.candidates.board.map((o) => (
                <option value={o.value} safe>
                  {o.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Plénière">
              {p.candidates.plenary.map((o) => (
                <option value={o.value} safe>
                  {o.label}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <button type="submit">Ajouter au groupe</button>
      </form>
      <h2>Réunions</h2>
      {g.meetings.length ? (
        g.meetings.map((m) => (
          <section class="card" aria-labelledby={`reunion-${m.id}`}>
            <h3 id={`reunion-${m.id}`} safe>
              {`${formatDateLong(m.heldOn)}${m.startsAt ? `, ${m.startsAt.replace(':', ' h ')}` : ''}${m.place ? ` · ${m.place}` : ''}`}
            </h3>
            {m.notes ? (
              <p class="notes" safe>
                {m.notes}
              </p>
            ) : (
              <p>Pas encore de notes.</p>
            )}
            <a href={`${base}/reunions/${m.id}`}>
              Modifier les notes<span class="visually-hidden" safe>{` du ${formatDateLong(m.heldOn)}`}</span>
            </a>
          </section>
        ))
      ) : (
        <p>Aucune réunion pour l’instant.</p>
      )}
      <h2 id="nouvelle-reunion">Nouvelle réunion</h2>
      <form method="post" action={`${base}/reunions`} class="card" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <MeetingFields values={p.values} errors={p.errors} />
        <button type="submit">Ajouter la réunion</button>
      </form>
      <h2>Nom et objet</h2>
      <form method="post" action={base} class="card" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <GroupFields values={{ name: g.name, purpose: g.purpose }} />
        <button type="submit" class="secondary">
          Enregistrer
        </button>
      </form>
    </Layout>
  );
}

export function GroupMeetingPage(p: {
  ctx: ViewContext;
  group: GroupDetail;
  meetingId: number;
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const base = `/bureau/groupes/${p.group.id}`;
  const title = `Réunion du groupe ${p.group.name}`;
  return (
    <Layout ctx={p.ctx} title={title} narrow>
      <p>
        <a href={base}>← Le groupe</a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`${base}/reunions/${p.meetingId}`} class="card" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <MeetingFields values={p.values} errors={p.errors} />
        <button type="submit">Enregistrer</button>
      </form>
    </Layout>
  );
}
