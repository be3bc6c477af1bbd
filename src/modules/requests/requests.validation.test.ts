// Over 300 lines: every request form (intake, full, edit, close, timeline, identity) refusing each
// kind of bad input, and the identifying-text warning on each; table-driven cases on one app.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { escapeHtml } from '@kitajs/html';
import type { LightMyRequestResponse } from 'fastify';
import { buildRequestInput, intakeForm, loginAs, themeId } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import type { CurrentUser } from '../../web/access.js';
import { createRequest } from './requests.service.js';

/** Nothing may be written by a refused form: these counts stay put. */
async function counts(ctx: TestContext) {
  const n = async (
    table:
      'requests' | 'requester_identities' | 'audit_events' | 'request_events' | 'request_themes' | 'request_assignees',
  ) =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    requests: await n('requests'),
    identities: await n('requester_identities'),
    audit: await n('audit_events'),
    events: await n('request_events'),
    themes: await n('request_themes'),
    assignees: await n('request_assignees'),
  };
}

/** The French message sits next to its field, with the id the input points to. */
function fieldError(html: string, field: string): string {
  const m = new RegExp(`<p class="field-error" id="${field}-error">([\\s\\S]*?)</p>`).exec(html);
  return m?.[1]?.replace(/<[^>]+>/g, '') ?? '';
}

/** The warning box as a person reads it (tags removed). */
function warningText(html: string): string {
  return (/<div class="warning-box"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '').replace(/<[^>]+>/g, '');
}

describe(`request forms refuse invalid input and keep what was typed (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  let user: CurrentUser;
  let requestId: number;
  before(async () => {
    ctx = await createTestApp();
    ({ agent, user } = await loginAs(ctx, ['board']));
    ({ id: requestId } = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { subject: 'Objet initial de la demande' }),
      user,
    ));
  });
  after(async () => ctx.close());

  async function refused(
    url: string,
    form: Record<string, string | string[]>,
    field: string,
    message: RegExp,
  ): Promise<LightMyRequestResponse> {
    const before = await counts(ctx);
    const res = await agent.post(url, form);
    assert.equal(res.statusCode, 422, `${field}: expected 422, got ${res.statusCode}`);
    assert.match(fieldError(res.body, field), message, `${field}: message next to the field`);
    assert.match(
      res.body,
      new RegExp(`aria-describedby="[^"]*${field}-error`),
      `${field}: the control points to its message`,
    );
    assert.match(res.body, /rien n’a été enregistré/);
    assert.deepEqual(await counts(ctx), before, `${field}: nothing written`);
    return res;
  }

  const typedSubject = 'Une AS demande si elle peut répondre au juge';
  const intakeCases: Array<[string, Record<string, string | string[]>, string, RegExp]> = [
    ['missing date', { receivedOn: '' }, 'receivedOn', /Date de réception\u00a0: ce champ est obligatoire\./],
    [
      'impossible date',
      { receivedOn: '31/02/2026' },
      'receivedOn',
      /Date de réception\u00a0: indiquez une date \(JJ\/MM\/AAAA\)\./,
    ],
    ['garbage date', { receivedOn: 'hier' }, 'receivedOn', /indiquez une date/],
    ['unknown channel', { channel: 'fax' }, 'channel', /Canal\u00a0: valeur inconnue\./],
    ['missing kind', { kindId: '' }, 'kindId', /Type de demande\u00a0: choisissez une valeur\./],
    ['unknown kind', { kindId: '999999' }, 'kindId', /Type de demande\u00a0: cette catégorie n’existe pas/],
    ['non-numeric kind', { kindId: 'abc' }, 'kindId', /Type de demande\u00a0: valeur inconnue\./],
    [
      'unknown requester type',
      { requesterType: 'alien' },
      'requesterType',
      /Type de demandeur\u00a0: valeur inconnue\./,
    ],
    ['unknown sector', { sectorId: '999999' }, 'sectorId', /Secteur\u00a0: ce secteur n’existe pas/],
    ['unknown theme', { themeIds: ['999999'] }, 'themeIds', /Thèmes\u00a0: un des thèmes choisis n’existe pas/],
    ['empty subject', { subject: '   ' }, 'subject', /Objet\u00a0: décrivez la demande en une ligne anonyme/],
    ['subject too long', { subject: 'a'.repeat(301) }, 'subject', /Objet\u00a0: 300 caractères au maximum\./],
    [
      'invalid identity e-mail',
      { identityEmail: 'pas-une-adresse' },
      'identityEmail',
      /Adresse e-mail\u00a0: cette adresse n’est pas valide \(exemple\u00a0: prenom@exemple\.be\)\./,
    ],
    [
      'invalid identity phone',
      { identityPhone: 'appelez-moi' },
      'identityPhone',
      /Téléphone du demandeur\u00a0: numéro invalide/,
    ],
    [
      'unknown assignee',
      { assigneeIds: ['999999'] },
      'assigneeIds',
      /Membres du bureau\u00a0: une des personnes choisies n’est pas/,
    ],
  ];

  it('intake form: a theme posted as the kind → 422 beside « kindId »', async () => {
    await refused(
      '/demandes',
      await intakeForm(ctx.db, { kindId: String(await themeId(ctx.db, 'misc')) }),
      'kindId',
      /Type de demande\u00a0: cette catégorie n’existe pas/,
    );
  });

  for (const [name, overrides, field, message] of intakeCases) {
    it(`intake form: ${name} → 422 beside « ${field} », values kept, nothing saved`, async () => {
      const form = await intakeForm(ctx.db, {
        subject: typedSubject,
        notes: 'Notes tapées à garder',
        identityOrganisation: 'Service Zèbre',
        ...overrides,
      });
      const res = await refused('/demandes', form, field, message);
      if (field !== 'subject') assert.ok(res.body.includes(`value="${escapeHtml(typedSubject)}"`), 'subject kept');
      assert.ok(res.body.includes('Notes tapées à garder</textarea>'), 'notes kept');
      assert.ok(res.body.includes('value="Service Zèbre"'), 'identity kept');
      const own = overrides[field];
      if (
        typeof own === 'string' &&
        own.trim() &&
        ['receivedOn', 'subject', 'identityEmail', 'identityPhone'].includes(field)
      ) {
        assert.ok(res.body.includes(`value="${escapeHtml(own)}"`), `${field}: typed value kept`);
      }
    });
  }

  it('full form: a refused post stays on the full form, with its extra fields', async () => {
    const form = await intakeForm(ctx.db, { mode: 'full', subject: '', eventOn: '2026-12-01', plannedYear: '2027' });
    const res = await refused('/demandes', form, 'subject', /Objet\u00a0: décrivez la demande/);
    assert.match(res.body, /name="mode" value="full"/);
    assert.ok(res.body.includes('value="2027"') && res.body.includes('value="2026-12-01"'));
    const badYear = await refused(
      '/demandes',
      await intakeForm(ctx.db, { mode: 'full', plannedYear: '27' }),
      'plannedYear',
      /Année prévue\u00a0: une année sur quatre chiffres/,
    );
    assert.ok(badYear.body.includes('value="27"'));
    await refused(
      '/demandes',
      await intakeForm(ctx.db, { mode: 'full', eventOn: '2026-13-01' }),
      'eventOn',
      /Date de l’activité\u00a0: indiquez une date/,
    );
  });

  it('accepts a date typed as DD/MM/YYYY and stores it as an ISO date', async () => {
    const res = await agent.post(
      '/demandes',
      await intakeForm(ctx.db, { receivedOn: '05/03/2026', subject: 'Date saisie à la belge' }),
    );
    assert.equal(res.statusCode, 303);
    const row = await ctx.db
      .selectFrom('requests')
      .select(['received_on', 'reference'])
      .where('subject', '=', 'Date saisie à la belge')
      .executeTakeFirstOrThrow();
    assert.equal(row.received_on, '2026-03-05');
    assert.match(row.reference, /^2026-\d{3}$/);
  });

  it('edit form: invalid values → 422 beside the field, the request unchanged', async () => {
    const before = await ctx.db
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    const base = await intakeForm(ctx.db, { subject: 'Objet modifié', status: 'in_progress' });
    delete base.mode;
    const url = `/demandes/${requestId}`;
    const res = await refused(url, { ...base, receivedOn: '31/02/2026' }, 'receivedOn', /indiquez une date/);
    assert.ok(res.body.includes('value="Objet modifié"'), 'typed subject kept');
    assert.match(res.body, new RegExp(`action="/demandes/${requestId}"`));
    await refused(url, { ...base, status: 'closed' }, 'status', /Statut\u00a0: valeur inconnue\./);
    await refused(url, { ...base, subject: 'x'.repeat(301) }, 'subject', /300 caractères au maximum/);
    await refused(url, { ...base, kindId: '999999' }, 'kindId', /n’existe pas/);
    await refused(url, { ...base, assigneeIds: ['999999'] }, 'assigneeIds', /n’est pas \(ou plus\) membre actif/);
    const after = await ctx.db.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.deepEqual(after, before);
  });

  it('close form: declined without reason, referred without detail, later year without year → 422, still open', async () => {
    const url = `/demandes/${requestId}/cloture`;
    const empty = {
      outcomeReasonId: '',
      outcomeDetail: '',
      eventOn: '',
      plannedYear: '',
      note: 'Note de clôture tapée',
    };
    const declined = await refused(
      url,
      { ...empty, outcome: 'declined' },
      'outcomeReasonId',
      /Raison\u00a0: indiquez pourquoi/,
    );
    assert.ok(declined.body.includes('Note de clôture tapée</textarea>'), 'note kept');
    assert.match(declined.body, /<option value="declined" selected/);
    const referred = await refused(
      url,
      { ...empty, outcome: 'referred' },
      'outcomeDetail',
      /Précision\u00a0: indiquez vers quel service/,
    );
    assert.match(referred.body, /<option value="referred" selected/);
    await refused(url, { ...empty, outcome: 'later_year' }, 'plannedYear', /Année prévue\u00a0: indiquez l’année/);
    await refused(
      url,
      { ...empty, outcome: 'later_year', plannedYear: '2020' },
      'plannedYear',
      /ne peut précéder l’année de la demande/,
    );
    await refused(url, { ...empty, outcome: '' }, 'outcome', /Issue\u00a0: choisissez une valeur\./);
    await refused(
      url,
      { ...empty, outcome: 'declined', outcomeReasonId: '999999' },
      'outcomeReasonId',
      /cette raison n’existe pas/,
    );
    const row = await ctx.db
      .selectFrom('requests')
      .select(['status', 'outcome', 'closed_at'])
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.outcome, row.closed_at], ['new', null, null]);
  });

  it('timeline form: missing description, bad date or a system type → 422, values kept', async () => {
    const url = `/demandes/${requestId}/etapes`;
    const res = await refused(
      url,
      { type: 'call', occurredOn: '2026-11-20', body: '' },
      'body',
      /Description\u00a0: décrivez cette étape\./,
    );
    assert.match(res.body, /<option value="call" selected/);
    const date = await refused(
      url,
      { type: 'note', occurredOn: '31/02/2026', body: 'Texte à garder' },
      'occurredOn',
      /Date\u00a0: indiquez une date/,
    );
    assert.ok(date.body.includes('Texte à garder</textarea>'));
    await refused(
      url,
      { type: 'closed', occurredOn: '2026-11-20', body: 'Je fais semblant de clôturer' },
      'type',
      /Type d’étape\u00a0: valeur inconnue\./,
    );
  });

  it('identity editor: an invalid e-mail → 422, typed values kept, nothing written', async () => {
    const res = await refused(
      `/demandes/${requestId}/identite/modifier`,
      { identityName: 'Nom tapé', identityOrganisation: '', identityEmail: 'faux@', identityPhone: '' },
      'identityEmail',
      /cette adresse n’est pas valide/,
    );
    assert.ok(res.body.includes('value="Nom tapé"'));
  });
});

describe(`identifying-text warning (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  let user: CurrentUser;
  before(async () => {
    ctx = await createTestApp();
    ({ agent, user } = await loginAs(ctx, ['board']));
  });
  after(async () => ctx.close());

  /** A valid Belgian national register number (check digits computed as the state does). */
  function nationalNumber(): string {
    const base = '850730033';
    const check = String(97 - (Number(base) % 97)).padStart(2, '0');
    return `85.07.30-033.${check}`;
  }

  const cases: Array<[string, Record<string, string>, RegExp]> = [
    [
      'a title and a surname',
      { subject: 'Madame Dupont demande son dossier au CPAS' },
      /un nom de personne\u00a0: «\u00a0Madame Dupont\u00a0»/,
    ],
    [
      'an e-mail in the notes',
      { notes: 'Elle écrit depuis jeanne.claes@exemple.be' },
      /une adresse e-mail\u00a0: «\u00a0jeanne\.claes@exemple\.be\u00a0»/,
    ],
    [
      'a phone number',
      { notes: 'Rappeler au 0475 12 34 56 demain' },
      /un numéro de téléphone\u00a0: «\u00a00475 12 34 56\u00a0»/,
    ],
    [
      'a national register number',
      { notes: `Son numéro national est ${nationalNumber()}` },
      /un numéro de registre national/,
    ],
  ];

  for (const [name, overrides, hint] of cases) {
    it(`warns about ${name}, saves nothing, then saves once confirmed`, async () => {
      const before = await counts(ctx);
      const form = await intakeForm(ctx.db, overrides);
      const first = await agent.post('/demandes', form);
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /Vérifiez\u00a0: le texte semble identifier une personne/);
      assert.match(warningText(first.body), hint);
      assert.match(first.body, /name="confirmIdentifying" value="oui"/);
      assert.match(first.body, /Enregistrer quand même/);
      assert.deepEqual(await counts(ctx), before, 'nothing saved before confirmation');
      const second = await agent.post('/demandes', { ...form, confirmIdentifying: 'oui' });
      assert.equal(second.statusCode, 303);
      assert.equal((await counts(ctx)).requests, before.requests + 1);
    });
  }

  it('warns on the edit form and the timeline too', async () => {
    const { id } = await createRequest(ctx.db, ctx.app.vault, await buildRequestInput(ctx.db), user);
    const edit = await intakeForm(ctx.db, { subject: 'Monsieur Lambert refuse le rendez-vous', status: 'in_progress' });
    delete edit.mode;
    const before = await ctx.db.selectFrom('requests').select('subject').where('id', '=', id).executeTakeFirstOrThrow();
    const warned = await agent.post(`/demandes/${id}`, edit);
    assert.equal(warned.statusCode, 200);
    assert.match(warningText(warned.body), /un nom de personne\u00a0: «\u00a0Monsieur Lambert\u00a0»/);
    assert.deepEqual(
      await ctx.db.selectFrom('requests').select('subject').where('id', '=', id).executeTakeFirstOrThrow(),
      before,
    );
    assert.equal((await agent.post(`/demandes/${id}`, { ...edit, confirmIdentifying: 'oui' })).statusCode, 303);

    const eventsBefore = (await counts(ctx)).events;
    const step = { type: 'call', occurredOn: '2026-11-20', body: 'Appel de Madame Peeters' };
    const stepWarned = await agent.post(`/demandes/${id}/etapes`, step);
    assert.equal(stepWarned.statusCode, 200);
    assert.match(warningText(stepWarned.body), /un nom de personne\u00a0: «\u00a0Madame Peeters\u00a0»/);
    assert.ok(stepWarned.body.includes('Appel de Madame Peeters</textarea>'));
    assert.equal((await counts(ctx)).events, eventsBefore);
    assert.equal((await agent.post(`/demandes/${id}/etapes`, { ...step, confirmIdentifying: 'oui' })).statusCode, 303);
    assert.equal((await counts(ctx)).events, eventsBefore + 1);
  });
});
