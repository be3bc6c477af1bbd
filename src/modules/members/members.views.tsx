// Over 300 lines: the members' pages (public list, back-office list with filters and export, the edit
// form with its consent history, the import page) share the kinds' labels and the form values.
import { plural } from '../../lib/plural.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { translator, type Locale } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { ExportLinks } from '../../web/downloads.js';
import { PublicLayout } from '../../web/public-layout.js';
import { formatDateLong, formatDateShort } from '../../lib/time.js';
import type { MemberMailConsentSource } from '../../db/schema.js';
import { alternatesFor } from '../../web/alternates.js';
import { formatCsvProblem, type CsvProblem } from './members.csv.js';
import { KIND_LABELS, MEMBER_KINDS, type MemberKind, type MemberRow } from './members.service.js';

export type MemberValues = Record<
  'kind' | 'name' | 'contactEmail' | 'contactPhone' | 'joinedOn' | 'leftOn' | 'showPublicly' | 'mailConsent' | 'notes',
  string
>;

const CONSENT_SOURCES: Record<MemberMailConsentSource, string> = {
  board: 'encodé par le bureau',
  import: 'repris d’un fichier importé',
  unsubscribe: 'lien de désinscription d’un e-mail',
};

/** « Accord donné le 3 mars 2026 (encodé par le bureau). » — what the form shows under the box. */
function mailConsentHistory(m: MemberRow | undefined): string {
  if (!m?.mail_consent_at || !m.mail_consent_source) return 'Aucun accord enregistré pour l’instant.';
  const what = m.mail_consent ? 'Accord donné' : 'Accord retiré';
  return `${what} le ${formatDateLong(m.mail_consent_at)} (${CONSENT_SOURCES[m.mail_consent_source]}).`;
}

export function valuesFromMember(m: MemberRow): MemberValues {
  return {
    kind: m.kind,
    name: m.name,
    contactEmail: m.contact_email,
    contactPhone: m.contact_phone,
    joinedOn: m.joined_on ?? '',
    leftOn: m.left_on ?? '',
    showPublicly: m.show_publicly ? 'oui' : '',
    mailConsent: m.mail_consent ? 'oui' : '',
    notes: m.notes,
  };
}

export function PublicMembersPage({
  ctx,
  locale,
  organisations,
}: {
  ctx: ViewContext;
  locale: Locale;
  organisations: Array<{ name: string; joinedYear: number | null }>;
}): JSX.Element {
  const t = translator(locale);
  return (
    <PublicLayout
      ctx={ctx}
      locale={locale}
      title={t('members.title')}
      description={t('members.intro')}
      alternates={alternatesFor('/membres')}
    >
      <h1 safe>{t('members.title')}</h1>
      <p safe>{t('members.intro')}</p>
      {organisations.length === 0 ? (
        <p safe>{t('members.empty')}</p>
      ) : (
        <>
          <p class="meta" safe>
            {t('members.count', { count: organisations.length })}
          </p>
          <ul class="member-list">
            {organisations.map((o) => (
              <li>
                <span safe>{o.name}</span>
                {o.joinedYear ? (
                  <span class="meta" safe>
                    {` — ${t('members.since', { year: o.joinedYear })}`}
                  </span>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p safe>{t('members.join')}</p>
    </PublicLayout>
  );
}

const kindOptions = MEMBER_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

function exportQuery(kind: MemberKind | undefined, showLeft: boolean, q: string): string {
  const params = new URLSearchParams();
  if (kind) params.set('type', kind);
  if (showLeft) params.set('anciens', '1');
  if (q) params.set('q', q);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function MembersListPage({
  ctx,
  rows,
  kind,
  showLeft,
  q,
}: {
  ctx: ViewContext;
  rows: MemberRow[];
  kind: MemberKind | undefined;
  showLeft: boolean;
  q: string;
}): JSX.Element {
  const orgs = rows.filter((r) => r.kind === 'organisation').length;
  return (
    <Layout ctx={ctx} title="Membres de la plénière">
      <h1>Membres de la plénière</h1>
      <p>
        Organisations et personnes membres. Les coordonnées de contact sont réservées au bureau ; seules les
        organisations qui l’ont accepté apparaissent sur la <a href="/membres">page publique</a>.
      </p>
      <div class="actions">
        <a class="button" href="/bureau/membres/nouveau">
          Ajouter un membre
        </a>
        <a class="button secondary" href="/bureau/membres/import">
          Importer un fichier CSV
        </a>
      </div>
      <form method="get" action="/bureau/membres" class="filters">
        <div class="grid">
          <SelectField name="type" label="Type" value={kind ?? ''} options={kindOptions} placeholder="Tous" />
          <TextField name="q" label="Nom contient" value={q} type="search" />
          <SelectField
            name="anciens"
            label="Anciens membres"
            value={showLeft ? '1' : ''}
            options={[{ value: '1', label: 'Les montrer aussi' }]}
            placeholder="Les cacher"
          />
        </div>
        <button type="submit" class="secondary">
          Filtrer
        </button>
      </form>
      <p
        safe
      >{`${plural(rows.length, { one: 'membre affiché', other: 'membres affichés' })}, dont ${plural(orgs, { one: 'organisation', other: 'organisations' })}.`}</p>
      {rows.length ? <ExportLinks base="/bureau/membres" query={exportQuery(kind, showLeft, q)} /> : ''}
      {rows.length === 0 ? (
        kind || q ? (
          <p>Aucun membre ne correspond à ces critères : essayez un autre nom ou « Tous ».</p>
        ) : (
          <div class="card empty-state">
            <p>
              Aucun membre enregistré pour l’instant. Ajoutez-les un par un avec « Ajouter un membre », ou reprenez la
              liste de la plénière d’un tableur avec « Importer un fichier CSV ».
            </p>
          </div>
        )
      ) : (
        <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau des membres">
          <table>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Type</th>
                <th scope="col">Membre depuis</th>
                <th scope="col">Jusqu’au</th>
                <th scope="col">Liste publique</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/bureau/membres/${r.id}`} safe>
                      {r.name}
                    </a>
                  </td>
                  <td safe>{KIND_LABELS[r.kind] ?? r.kind}</td>
                  <td>{r.joined_on ? formatDateShort(r.joined_on) : '—'}</td>
                  <td>{r.left_on ? formatDateShort(r.left_on) : ''}</td>
                  <td>{r.kind === 'organisation' ? (r.show_publicly ? 'oui' : 'non') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function MemberEditPage({
  ctx,
  values,
  errors,
  id,
  member,
}: {
  ctx: ViewContext;
  values: MemberValues;
  errors?: FieldErrors | undefined;
  id?: number | undefined;
  member?: MemberRow | undefined;
}): JSX.Element {
  const title = id ? `Membre : ${values.name}` : 'Ajouter un membre';
  return (
    <Layout ctx={ctx} title={title} narrow>
      <p>
        <a href="/bureau/membres">← Membres</a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={id ? `/bureau/membres/${id}` : '/bureau/membres'} class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField name="kind" label="Type" value={values.kind} options={kindOptions} errors={errors} required />
        <TextField name="name" label="Nom" value={values.name} errors={errors} required maxlength={200} />
        <TextField
          name="contactEmail"
          label="E-mail de contact (confidentiel)"
          type="email"
          value={values.contactEmail}
          errors={errors}
          maxlength={254}
          autocomplete="off"
        />
        <TextField
          name="contactPhone"
          label="Téléphone (confidentiel)"
          type="tel"
          value={values.contactPhone}
          errors={errors}
          maxlength={40}
          autocomplete="off"
        />
        <TextField
          name="joinedOn"
          label="Membre depuis"
          hint="JJ/MM/AAAA ; laissez vide si inconnu."
          value={values.joinedOn}
          errors={errors}
          type="date"
        />
        <TextField
          name="leftOn"
          label="Membre jusqu’au"
          hint="Seulement si le membre a quitté la plénière."
          value={values.leftOn}
          errors={errors}
          type="date"
        />
        <div class="field checkbox">
          <input
            type="checkbox"
            id="showPublicly"
            name="showPublicly"
            value="oui"
            checked={values.showPublicly === 'oui'}
            aria-describedby="showPublicly-hint"
          />
          <label for="showPublicly">L’organisation accepte d’apparaître sur la liste publique des membres</label>
        </div>
        <p class="hint" id="showPublicly-hint">
          Seulement pour les organisations, et seulement avec leur accord. Les personnes ne sont jamais listées
          publiquement.
        </p>
        <div class="field checkbox">
          <input
            type="checkbox"
            id="mailConsent"
            name="mailConsent"
            value="oui"
            checked={values.mailConsent === 'oui'}
            aria-describedby="mailConsent-hint"
          />
          <label for="mailConsent">Accepte de recevoir par e-mail les convocations de la plénière</label>
        </div>
        <p class="hint" id="mailConsent-hint" safe>
          {`Seulement avec son accord ; chaque e-mail contient un lien pour se désinscrire. ${mailConsentHistory(member)}`}
        </p>
        <TextArea name="notes" label="Notes (bureau)" value={values.notes} errors={errors} rows={3} />
        <button type="submit">Enregistrer</button>
      </form>
      {id ? (
        <form
          method="post"
          action={`/bureau/membres/${id}/supprimer`}
          data-confirm="Supprimer définitivement ce membre ? Pour un départ, indiquez plutôt la date « Membre jusqu’au »."
        >
          <CsrfField token={ctx.csrfToken} />
          <p class="hint">
            Pour un départ, indiquez plutôt la date « Membre jusqu’au » : les chiffres des années passées restent
            justes.
          </p>
          <button type="submit" class="danger">
            Supprimer ce membre
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function MembersImportPage({
  ctx,
  problems,
  imported,
}: {
  ctx: ViewContext;
  problems?: CsvProblem[];
  imported?: number;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Importer des membres" narrow>
      <p>
        <a href="/bureau/membres">← Membres</a>
      </p>
      <h1>Importer des membres (CSV)</h1>
      {problems?.length ? (
        <div class="error-summary" role="alert" tabindex="-1" id="erreurs">
          <h2
            safe
          >{`Le fichier contient ${plural(problems.length, { one: 'problème', other: 'problèmes' })} : aucun membre n’a été importé.`}</h2>
          <ul>
            {problems.slice(0, 100).map((p) => (
              <li safe>{formatCsvProblem(p)}</li>
            ))}
          </ul>
          {problems.length > 100 ? (
            <p safe>{`… et ${plural(problems.length - 100, { one: 'autre', other: 'autres' })}.`}</p>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
      {imported !== undefined ? (
        <p
          class="flash"
          role="status"
          safe
        >{`${plural(imported, { one: 'membre importé', other: 'membres importés' })}.`}</p>
      ) : (
        ''
      )}
      <p>
        Un fichier CSV en UTF-8 (séparateur point-virgule ou virgule), une ligne par membre, avec ces en-têtes :{' '}
        <code>type</code> (organisation ou personne, obligatoire), <code>nom</code> (obligatoire), <code>email</code>,{' '}
        <code>telephone</code>, <code>membre_depuis</code> et <code>membre_jusqu_au</code> (JJ/MM/AAAA),{' '}
        <code>liste_publique</code> (oui / non), <code>accord_email</code> (oui / non : le membre accepte de recevoir
        les convocations de la plénière par e-mail), <code>notes</code>. Si une seule ligne pose problème, rien n’est
        importé : corrigez et renvoyez le fichier.
      </p>
      <p>
        <a href="/bureau/membres/import/exemple.csv">Télécharger un fichier d’exemple</a>
      </p>
      <form method="post" action="/bureau/membres/import" enctype="multipart/form-data" class="card">
        <CsrfField token={ctx.csrfToken} />
        <div class="field">
          <label for="file">Fichier CSV</label>
          <input type="file" id="file" name="file" accept=".csv,text/csv" />
        </div>
        <button type="submit">Importer</button>
      </form>
    </Layout>
  );
}
