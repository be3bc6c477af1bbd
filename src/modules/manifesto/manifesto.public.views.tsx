// Over 300 lines: the Manifesto's public pages (the text with its counters, history, a version, the
// signing form, the list of signatories) in three languages share the same translation and layout
// pieces; the signing form alone is about a hundred lines.
import type { Selectable } from 'kysely';
import type { ManifestoVersionsTable } from '../../db/schema.js';
import type { ViewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { localePath, translator, type Locale, type Translate } from '../../web/i18n/index.js';
import { PublicLayout } from '../../web/public-layout.js';
import { AntibotFields } from '../antibot/antibot.views.js';
import type { FormGuard } from '../antibot/antibot.service.js';
import { markdownToHtml } from '../../web/markdown.js';
import { PublicCheckbox, PublicErrorSummary, PublicTextField, Pager } from '../../web/public-forms.js';
import { alternatesFor } from '../../web/alternates.js';
import { CONFIRM_DAYS } from '../../lib/signup-delays.js';
import { formatCount, formatDay } from '../../lib/locale-format.js';

/** « Publiée en 2020 » for a year, « Publiée le 15 janvier 2026 » for a day. */
function publishedText(locale: Locale, publishedOn: string): string {
  const t = translator(locale);
  if (/^\d{4}$/.test(publishedOn)) return t('manifesto.history.published', { date: publishedOn });
  return t('manifesto.history.publishedOn', { date: formatDay(locale, publishedOn) });
}

type Version = Selectable<ManifestoVersionsTable>;

function Counters({
  t,
  locale,
  counts,
}: {
  t: Translate;
  locale: Locale;
  counts: { individual: number; organisation: number };
}): JSX.Element {
  return (
    <section class="card" aria-labelledby="compteurs">
      <h2 id="compteurs" safe>
        {t('manifesto.counters.title')}
      </h2>
      <ul class="counters">
        <li>
          <strong class="count" id="count-individuals" safe>
            {formatCount(locale, counts.individual)}
          </strong>{' '}
          <span safe>{t('manifesto.counters.individuals')}</span>
        </li>
        <li>
          <strong class="count" id="count-organisations" safe>
            {formatCount(locale, counts.organisation)}
          </strong>{' '}
          <span safe>{t('manifesto.counters.organisations')}</span>
        </li>
      </ul>
      <p class="meta" safe>
        {t('manifesto.counters.note')}
      </p>
    </section>
  );
}

function Body({ version, t, locale }: { version: Version; t: Translate; locale: Locale }): JSX.Element {
  const safeHtml = markdownToHtml(version.body);
  return (
    <>
      {version.is_placeholder === 1 ? (
        <p class="notice" safe>
          {t('manifesto.placeholder')}
        </p>
      ) : (
        ''
      )}
      <p class="meta" safe>
        {`${t('manifesto.version', { label: version.version_label })} · ${publishedText(locale, version.published_on)}`}
      </p>
      <div class="prose">{safeHtml}</div>
    </>
  );
}

export function ManifestoPage(p: {
  ctx: ViewContext;
  locale: Locale;
  version: Version | undefined;
  counts: { individual: number; organisation: number };
}): JSX.Element {
  const t = translator(p.locale);
  const path = (x: string) => localePath(p.locale, x);
  // Signing opens once the official text is published in this language.
  const open = p.version?.is_placeholder === 0;
  return (
    <PublicLayout
      ctx={p.ctx}
      locale={p.locale}
      title={t('manifesto.title')}
      description={t('manifesto.description')}
      alternates={alternatesFor('/manifeste')}
    >
      <h1 safe>{t('manifesto.title')}</h1>
      <Counters t={t} locale={p.locale} counts={p.counts} />
      {open ? (
        ''
      ) : (
        <p class="notice" safe>
          {t('manifesto.sign.closed')}
        </p>
      )}
      <p class="actions">
        {open ? (
          <a class="button" href={path('/manifeste/signer')} safe>
            {t('manifesto.sign.title')}
          </a>
        ) : (
          ''
        )}
        <a href={path('/manifeste/signataires')} safe>
          {t('manifesto.list.link')}
        </a>
        <a href={path('/manifeste/historique')} safe>
          {t('manifesto.history.link')}
        </a>
      </p>
      <section aria-labelledby="texte">
        <h2 id="texte" safe>
          {t('manifesto.text')}
        </h2>
        {p.version ? <Body version={p.version} t={t} locale={p.locale} /> : <p safe>{t('manifesto.none')}</p>}
      </section>
      {open ? (
        <p>
          <a class="button" href={path('/manifeste/signer')} safe>
            {t('manifesto.sign.title')}
          </a>
        </p>
      ) : (
        ''
      )}
    </PublicLayout>
  );
}

export function HistoryPage(p: {
  ctx: ViewContext;
  locale: Locale;
  versions: Array<Pick<Version, 'id' | 'version_label' | 'published_on' | 'summary'>>;
  currentId: number | undefined;
}): JSX.Element {
  const t = translator(p.locale);
  return (
    <PublicLayout
      ctx={p.ctx}
      locale={p.locale}
      title={t('manifesto.history.title')}
      alternates={alternatesFor('/manifeste/historique')}
    >
      <h1 safe>{t('manifesto.history.title')}</h1>
      <p safe>{t('manifesto.history.intro')}</p>
      <ol class="request-list">
        {p.versions.map((v) => (
          <li>
            <span class="subject">
              <span safe>{v.version_label}</span>
              {v.id === p.currentId ? (
                <span class="badge closed" safe>{` ${t('manifesto.history.current')}`}</span>
              ) : (
                ''
              )}
            </span>
            <span class="meta" safe>
              {publishedText(p.locale, v.published_on)}
            </span>
            {v.summary ? <p safe>{v.summary}</p> : ''}
            <a href={localePath(p.locale, `/manifeste/historique/${v.id}`)}>
              <span safe>{t('manifesto.history.read')}</span>
              <span class="visually-hidden" safe>{` : ${v.version_label}`}</span>
            </a>
          </li>
        ))}
      </ol>
      <p>
        <a href={localePath(p.locale, '/manifeste')} safe>
          {t('manifesto.history.back')}
        </a>
      </p>
    </PublicLayout>
  );
}

export function VersionPage(p: { ctx: ViewContext; locale: Locale; version: Version }): JSX.Element {
  const t = translator(p.locale);
  return (
    <PublicLayout ctx={p.ctx} locale={p.locale} title={`${t('manifesto.title')} — ${p.version.version_label}`}>
      <h1 safe>{`${t('manifesto.title')} — ${p.version.version_label}`}</h1>
      {p.version.summary ? <p safe>{p.version.summary}</p> : ''}
      <Body version={p.version} t={t} locale={p.locale} />
      <p>
        <a href={localePath(p.locale, '/manifeste/historique')} safe>
          {t('manifesto.history.link')}
        </a>
      </p>
    </PublicLayout>
  );
}

export type SignValues = Record<'kind' | 'name' | 'functionOrOrg' | 'town' | 'email', string> &
  Record<'showPublicly' | 'newsletter' | 'contact', boolean>;

export const EMPTY_SIGN: SignValues = {
  kind: 'individual',
  name: '',
  functionOrOrg: '',
  town: '',
  email: '',
  showPublicly: false,
  newsletter: false,
  contact: false,
};

export function SignPage(p: {
  ctx: ViewContext;
  locale: Locale;
  guard: FormGuard;
  values: SignValues;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const t = translator(p.locale);
  const kindError = p.errors?.kind;
  return (
    <PublicLayout
      ctx={p.ctx}
      locale={p.locale}
      title={t('manifesto.sign.title')}
      alternates={alternatesFor('/manifeste/signer')}
      narrow
    >
      <h1 safe>{t('manifesto.sign.title')}</h1>
      <p safe>{t('manifesto.sign.intro', { days: CONFIRM_DAYS })}</p>
      <PublicErrorSummary t={t} errors={p.errors} />
      <form method="post" action={localePath(p.locale, '/manifeste/signer')} class="card" novalidate>
        <input type="hidden" name="_csrf" value={p.ctx.csrfToken} />
        <AntibotFields guard={p.guard} honeypotLabel={t('form.honeypot')} />
        <fieldset
          class={`field${kindError ? ' has-error' : ''}`}
          aria-describedby={kindError ? 'kind-error' : undefined}
        >
          <legend safe>{t('manifesto.sign.kind')}</legend>
          {kindError ? (
            <p class="field-error" id="kind-error">
              <span class="visually-hidden" safe>
                {t('form.error.prefix')}
              </span>
              <span safe>{kindError}</span>
            </p>
          ) : (
            ''
          )}
          {(['individual', 'organisation'] as const).map((k) => (
            <div class="checkbox">
              <input type="radio" id={`kind-${k}`} name="kind" value={k} checked={p.values.kind === k} />
              <label for={`kind-${k}`} safe>
                {t(`manifesto.sign.kind.${k}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <PublicTextField
          t={t}
          name="name"
          label={t('manifesto.field.name')}
          hint={t('manifesto.field.name.hint')}
          value={p.values.name}
          errors={p.errors}
          required
          maxlength={200}
          autocomplete="name"
        />
        <PublicTextField
          t={t}
          name="functionOrOrg"
          label={t('manifesto.field.function')}
          hint={t('manifesto.field.function.hint')}
          value={p.values.functionOrOrg}
          errors={p.errors}
          maxlength={200}
          autocomplete="organization-title"
        />
        <PublicTextField
          t={t}
          name="town"
          label={t('manifesto.field.town')}
          value={p.values.town}
          errors={p.errors}
          maxlength={120}
          autocomplete="address-level2"
        />
        <PublicTextField
          t={t}
          name="email"
          type="email"
          label={t('field.email')}
          hint={t('field.email.hint')}
          value={p.values.email}
          errors={p.errors}
          required
          maxlength={254}
          autocomplete="email"
        />
        <fieldset class="field" aria-describedby="consents-hint">
          <legend safe>{t('manifesto.consents')}</legend>
          <p class="hint" id="consents-hint" safe>
            {t('manifesto.consents.hint')}
          </p>
          <PublicCheckbox name="showPublicly" label={t('manifesto.consent.public')} checked={p.values.showPublicly} />
          <PublicCheckbox name="newsletter" label={t('manifesto.consent.newsletter')} checked={p.values.newsletter} />
          <PublicCheckbox name="contact" label={t('manifesto.consent.contact')} checked={p.values.contact} />
        </fieldset>
        <button type="submit" safe>
          {t('manifesto.sign.submit')}
        </button>
      </form>
    </PublicLayout>
  );
}

export function SignatoriesPage(p: {
  ctx: ViewContext;
  locale: Locale;
  rows: Array<{ kind: string; name: string; function_or_org: string; town: string }>;
  page: number;
  pages: number;
  total: number;
  counts: { individual: number; organisation: number };
  /** False while the text in this language is a placeholder: no « Signer » button then. */
  signingOpen: boolean;
}): JSX.Element {
  const t = translator(p.locale);
  const base = localePath(p.locale, '/manifeste/signataires');
  return (
    <PublicLayout
      ctx={p.ctx}
      locale={p.locale}
      title={t('manifesto.list.title')}
      alternates={alternatesFor('/manifeste/signataires', p.page > 1 ? `?page=${p.page}` : '')}
    >
      <h1 safe>{t('manifesto.list.title')}</h1>
      <Counters t={t} locale={p.locale} counts={p.counts} />
      <p safe>{t('manifesto.list.intro')}</p>
      {p.signingOpen ? (
        <p>
          <a class="button" href={localePath(p.locale, '/manifeste/signer')} safe>
            {t('manifesto.sign.title')}
          </a>
        </p>
      ) : (
        ''
      )}
      {p.rows.length === 0 ? (
        <p safe>{t('manifesto.list.empty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="list-caption" tabindex="0">
          <table>
            <caption id="list-caption" class="visually-hidden" safe>
              {t('manifesto.list.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('manifesto.field.name')}
                </th>
                <th scope="col" safe>
                  {t('manifesto.field.function')}
                </th>
                <th scope="col" safe>
                  {t('manifesto.field.town')}
                </th>
                <th scope="col" safe>
                  {t('manifesto.list.kind')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td safe>{r.name}</td>
                  <td safe>{r.function_or_org}</td>
                  <td safe>{r.town}</td>
                  <td safe>
                    {t(r.kind === 'organisation' ? 'manifesto.kind.organisation' : 'manifesto.kind.individual')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager t={t} page={p.page} pages={p.pages} href={(n) => (n === 1 ? base : `${base}?page=${n}`)} />
    </PublicLayout>
  );
}
