import type { SchoolClosure } from '../../lib/school-calendar.js';
import { formatDateLong, formatDateShort } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, SelectField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { shiftLabel } from './rota.mail.js';
import type { Shift } from './rota.queries.js';
import type { SwapView } from './rota.service.js';

function ShiftActions({ ctx, shift, me }: { ctx: ViewContext; shift: Shift; me: number }): JSX.Element {
  const base = `/bureau/permanences/${shift.id}`;
  const when = `la permanence du ${formatDateLong(shift.heldOn)}`;
  if (shift.userId === null)
    return (
      <form method="post" action={`${base}/prendre`} class="inline">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" class="secondary">
          Je la prends<span class="visually-hidden" safe>{` : ${when}`}</span>
        </button>
      </form>
    );
  if (shift.userId !== me) return <></>;
  return (
    <>
      <form method="post" action={`${base}/rendre`} class="inline">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" class="link-button">
          Je la rends<span class="visually-hidden" safe>{` : ${when}`}</span>
        </button>
      </form>{' '}
      <a href={`${base}/echanger`}>
        Échanger<span class="visually-hidden" safe>{` ${when}`}</span>
      </a>
    </>
  );
}

export function RotaPage(p: {
  ctx: ViewContext;
  yearName: string;
  startYear: number;
  today: string;
  shifts: Shift[];
  calls: Map<string, number>;
  closures: SchoolClosure[];
  me: number;
}): JSX.Element {
  const unverified = p.closures.filter((c) => !c.verified);
  return (
    <Layout ctx={p.ctx} title={`Permanences téléphoniques ${p.yearName}`}>
      <h1 safe>{`Permanences téléphoniques ${p.yearName}`}</h1>
      <p>
        Les permanences suivent les jours et heures de la permanence (réglages du site), sans les jours fériés ni les
        congés scolaires de la Fédération Wallonie-Bruxelles.
      </p>
      <p class="actions">
        <a href={`/bureau/permanences?annee=${p.startYear - 1}`}>← Année précédente</a>
        <a href={`/bureau/permanences?annee=${p.startYear + 1}`}>Année suivante →</a>
      </p>
      {unverified.length ? (
        <div class="notice" role="note">
          <p>Dates de congés à vérifier (pas encore lues dans la publication officielle de la Fédération) :</p>
          <ul>
            {unverified.map((c) => (
              <li
                safe
              >{`${c.label} : ${formatDateShort(c.startsOn)}${c.endsOn === c.startsOn ? '' : ` au ${formatDateShort(c.endsOn)}`} (à vérifier)`}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <form method="post" action="/bureau/permanences/generer" class="card">
        <CsrfField token={p.ctx.csrfToken} />
        <input type="hidden" name="annee" value={String(p.startYear)} />
        <p>Ajoute les permanences qui manquent, d’aujourd’hui à la fin de l’année scolaire.</p>
        <button type="submit" safe>
          {`Préparer les permanences ${p.yearName}`}
        </button>
      </form>
      {p.shifts.length === 0 ? (
        <p>Aucune permanence pour cette année scolaire.</p>
      ) : (
        <div class="table-wrap" role="region" tabindex="0" aria-label="Tour de rôle">
          <table>
            <caption>Tour de rôle</caption>
            <thead>
              <tr>
                <th scope="col">Permanence</th>
                <th scope="col">Tenue par</th>
                <th scope="col">Appels notés</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {p.shifts.map((s) => (
                <tr>
                  <td safe>{shiftLabel(s)}</td>
                  <td safe>{s.name ?? 'Personne'}</td>
                  <td>
                    {p.calls.get(s.heldOn) ? (
                      <a href={`/bureau/permanences/${s.id}`} safe>
                        {String(p.calls.get(s.heldOn))}
                      </a>
                    ) : (
                      '0'
                    )}
                  </td>
                  <td>{s.heldOn >= p.today ? <ShiftActions ctx={p.ctx} shift={s} me={p.me} /> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function ShiftPage(p: {
  ctx: ViewContext;
  shift: Shift;
  calls: Array<{ id: number; reference: string }>;
}): JSX.Element {
  const title = `Permanence du ${formatDateLong(p.shift.heldOn)}`;
  return (
    <Layout ctx={p.ctx} title={title} narrow>
      <p>
        <a href="/bureau/permanences">← Le tour de rôle</a>
      </p>
      <h1 safe>{title}</h1>
      <p safe>{`${shiftLabel(p.shift)} · tenue par ${p.shift.name ?? 'personne'}`}</p>
      <h2>Appels notés pendant la permanence</h2>
      {p.calls.length ? (
        <ul>
          {p.calls.map((c) => (
            <li>
              <a href={`/demandes/${c.id}`} safe>
                {`Demande ${c.reference}`}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun appel noté ce jour-là.</p>
      )}
    </Layout>
  );
}

export function SwapFormPage(p: { ctx: ViewContext; shift: Shift; others: Shift[] }): JSX.Element {
  const title = `Échanger la permanence du ${formatDateLong(p.shift.heldOn)}`;
  return (
    <Layout ctx={p.ctx} title={title} narrow>
      <p>
        <a href="/bureau/permanences">← Le tour de rôle</a>
      </p>
      <h1 safe>{title}</h1>
      {p.others.length === 0 ? (
        <p>Aucune autre permanence à venir n’est tenue par un·e membre du bureau.</p>
      ) : (
        <form method="post" action={`/bureau/permanences/${p.shift.id}/echanger`} class="card">
          <CsrfField token={p.ctx.csrfToken} />
          <SelectField
            name="avec"
            label="Contre la permanence de"
            hint="La personne reçoit un e-mail et accepte ou refuse l’échange."
            value=""
            options={p.others.map((o) => ({ value: String(o.id), label: `${o.name ?? ''} — ${shiftLabel(o)}` }))}
          />
          <button type="submit">Proposer l’échange</button>
        </form>
      )}
    </Layout>
  );
}

export function SwapAnswerPage(p: { ctx: ViewContext; swap: SwapView }): JSX.Element {
  const { swap } = p;
  return (
    <Layout ctx={p.ctx} title="Demande d’échange de permanence" narrow>
      <h1>Demande d’échange de permanence</h1>
      <p safe>
        {`${swap.mine.name ?? ''} vous propose sa permanence du ${shiftLabel(swap.mine)} contre la vôtre du ${shiftLabel(swap.theirs)}.`}
      </p>
      {swap.status === 'pending' ? (
        <form method="post" action={`/bureau/permanences/echanges/${swap.id}`} class="card">
          <CsrfField token={p.ctx.csrfToken} />
          <button type="submit" name="reponse" value="accepter">
            Accepter l’échange
          </button>{' '}
          <button type="submit" name="reponse" value="refuser" class="secondary">
            Refuser
          </button>
        </form>
      ) : (
        <p class="notice">Cette demande a déjà reçu une réponse ou a été annulée.</p>
      )}
    </Layout>
  );
}
