import { formatDateShort } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { PresenceFieldset } from '../meetings/meetings.shared.views.js';
import { assemblyTitle, type AssemblyDetail, type AttendanceLine } from './plenary.service.js';

export function AttendancePage(p: {
  ctx: ViewContext;
  assembly: AssemblyDetail;
  lines: AttendanceLine[];
  q: string;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const a = p.assembly;
  const locked = a.approvedAt !== null;
  const base = `/bureau/assemblees/${a.id}`;
  const title = `Présences — ${assemblyTitle(a)}`;
  const present = p.lines.filter((l) => l.presence === 'present').length;
  const excused = p.lines.filter((l) => l.presence === 'excused').length;
  return (
    <Layout ctx={p.ctx} title={title}>
      <p>
        <a href={base}>← L’assemblée</a>
      </p>
      <h1 safe>{title}</h1>
      <p
        safe
      >{`${present} présent${present > 1 ? 's' : ''} (organisations représentées comprises), ${excused} excusé${excused > 1 ? 's' : ''}.`}</p>
      <form method="get" action={`${base}/presences`} class="card" role="search">
        <TextField name="q" label="Chercher un membre" value={p.q} hint="Une partie du nom suffit." />
        <button type="submit" class="secondary">
          Chercher
        </button>
      </form>
      <ErrorSummary errors={p.errors} />
      {p.lines.length === 0 ? (
        <p>Aucun membre ne correspond.</p>
      ) : locked ? (
        <ul>
          {p.lines
            .filter((l) => l.presence)
            .map((l) => (
              <li
                safe
              >{`${l.name} : ${l.presence === 'present' ? 'présent·e' : 'excusé·e'}${l.representative ? ` (représentée par ${l.representative})` : ''}`}</li>
            ))}
        </ul>
      ) : (
        <form method="post" action={`${base}/presences${p.q ? `?q=${encodeURIComponent(p.q)}` : ''}`} class="card">
          <CsrfField token={p.ctx.csrfToken} />
          {p.lines.map((l) => (
            <PresenceFieldset
              id={l.memberId}
              legend={`${l.name}${l.kind === 'organisation' ? ' (organisation)' : ''}`}
              presence={l.presence}
              {...(l.kind === 'organisation' ? { presentLabel: 'Représentée' } : {})}
            >
              {l.kind === 'organisation' ? (
                <TextField
                  name={`representative_${l.memberId}`}
                  label="Représentée par"
                  value={l.representative}
                  errors={p.errors}
                  maxlength={200}
                />
              ) : (
                ''
              )}
            </PresenceFieldset>
          ))}
          <button type="submit">Enregistrer les présences</button>
        </form>
      )}
    </Layout>
  );
}

export function MinutesNotesPage(p: {
  ctx: ViewContext;
  assembly: AssemblyDetail;
  values?: Record<string, string>;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const a = p.assembly;
  const base = `/bureau/assemblees/${a.id}`;
  const title = `Procès-verbal — ${assemblyTitle(a)}`;
  return (
    <Layout ctx={p.ctx} title={title}>
      <p>
        <a href={base}>← L’assemblée</a>
      </p>
      <h1 safe>{title}</h1>
      <p
        safe
      >{`Notes prises le ${formatDateShort(a.heldOn)}, point par point. Elles restent modifiables jusqu’à l’approbation du procès-verbal.`}</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`${base}/notes`} class="card">
        <CsrfField token={p.ctx.csrfToken} />
        {a.items.map((item, n) => (
          <TextArea
            name={`notes_${item.id}`}
            label={`${n + 1}. ${item.title}`}
            value={p.values?.[`notes_${item.id}`] ?? item.notes}
            rows={5}
            errors={p.errors}
          />
        ))}
        <TextArea name="notes" label="Divers" value={p.values?.notes ?? a.notes} rows={4} errors={p.errors} />
        <button type="submit">Enregistrer le procès-verbal</button>
      </form>
    </Layout>
  );
}
