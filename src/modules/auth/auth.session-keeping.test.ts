import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { intakeForm, loginAs, PASSWORD } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { heldSealed } from './auth.held-forms.js';

const engine = process.env.TEST_DB ?? 'sqlite';
const MINUTE = 60_000;

/**
 * Issue 9: a volunteer on a three-hour helpline shift lost the call they typed when the two-hour
 * idle limit passed. Time passes by ageing the session's last activity in the database, never
 * by waiting.
 */
describe(`a long form outlives the idle limit (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp({ sessionIdleMinutes: 120 });
  });
  after(async () => ctx.close());

  const age = (userId: number, minutes: number) =>
    ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - minutes * MINUTE).toISOString() })
      .where('user_id', '=', userId)
      .execute();
  const countRequests = async (subject: string) =>
    (await ctx.db.selectFrom('requests').select('id').where('subject', '=', subject).execute()).length;

  it('with JavaScript: the page pings /session/maintien while the form is open, which keeps the session', async () => {
    const { agent, user } = await loginAs(ctx);
    const page = await agent.get('/permanence');
    assert.match(page.body, /<meta name="vigie-keep-alive" content="\/session\/maintien"/);
    const script = await ctx.app.inject({
      method: 'GET',
      url: /src="(\/assets\/[^"]+\/app\.js)"/.exec(page.body)?.[1] ?? '',
    });
    assert.match(script.body, /vigie-keep-alive/, 'app.js reads the address from the page (no inline script)');
    // Three hours of typing, with a ping every few minutes (here: one an hour is enough to show it).
    for (let hour = 0; hour < 3; hour++) {
      await age(user.id, 100);
      const ping = await agent.post('/session/maintien', {}, { csrf: false, headers: { 'x-csrf-token': agent.csrf } });
      assert.equal(ping.statusCode, 204, `ping ${hour + 1}`);
    }
    await age(user.id, 100);
    const subject = 'Appel long : une AS demande si elle peut témoigner';
    const saved = await agent.post('/demandes', await intakeForm(ctx.db, { subject }));
    assert.equal(saved.statusCode, 303);
    assert.match(String(saved.headers.location), /^\/demandes\/\d+/);
    assert.equal(await countRequests(subject), 1);
  });

  it('the ping needs the form’s token and a session', async () => {
    const { agent } = await loginAs(ctx);
    await agent.get('/permanence');
    const forged = await agent.post('/session/maintien', {}, { csrf: false, headers: { 'x-csrf-token': 'x' } });
    assert.equal(forged.statusCode, 403);
  });

  /** Signs in again in the same browser and follows the way back. */
  async function signInAgain(agent: Agent, email: string) {
    const login = await agent.post('/connexion', { email, password: PASSWORD, retour: '/reprise' });
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, '/reprise');
    return agent.get('/reprise');
  }

  it('without JavaScript: the form sent after expiry is kept through the sign-in and shown back filled, not saved', async () => {
    const { agent, user } = await loginAs(ctx);
    await agent.get('/permanence');
    await age(user.id, 3 * 60);
    const subject = 'Une éducatrice demande si elle doit signaler';
    const notes = 'Appel de 40 minutes.\nElle rappelle jeudi <à 14 h> & demande la fiche « secret partagé ».';
    const form = await intakeForm(ctx.db, { subject, notes });
    const late = await agent.post('/demandes', form, { headers: { referer: 'http://vigie.test/permanence' } });
    assert.equal(late.statusCode, 303);
    assert.equal(late.headers.location, '/connexion?retour=%2Freprise');
    assert.equal(await countRequests(subject), 0, 'nothing saved without the person');
    // Held in memory, encrypted: the typed text is nowhere in clear.
    const sealed = heldSealed(ctx.app);
    assert.ok(sealed.length > 0);
    assert.ok(sealed.every((s) => !s.includes('éducatrice') && !s.includes('40 minutes')));

    const login = await agent.get('/connexion?retour=%2Freprise');
    assert.match(login.body, /Votre session a expiré/);
    const back = await signInAgain(agent, user.email);
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /ce que vous aviez saisi est remis dans le formulaire/);
    assert.match(back.body, new RegExp(`name="subject"[^>]*value="${subject}"|value="${subject}"[^>]*name="subject"`));
    assert.ok(
      back.body.includes(
        '>Appel de 40 minutes.\nElle rappelle jeudi &lt;à 14 h&gt; &amp; demande la fiche « secret partagé ».</textarea>',
      ),
      'the notes are back in their text area, escaped',
    );
    assert.equal(await countRequests(subject), 0, 'still not saved: the person decides');
    const save = await agent.post('/demandes', form);
    assert.equal(save.statusCode, 303);
    assert.equal(await countRequests(subject), 1);
    // Shown once: the held form is forgotten.
    assert.equal((await agent.get('/reprise')).statusCode, 303);
  });

  it('without the page’s address, shows what was typed with one button to save it', async () => {
    const { agent, user } = await loginAs(ctx);
    await agent.get('/permanence');
    await age(user.id, 3 * 60);
    const subject = 'Un CPAS demande une copie du dossier';
    const late = await agent.post('/demandes', await intakeForm(ctx.db, { subject }));
    assert.equal(late.statusCode, 303);
    const back = await signInAgain(agent, user.email);
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /Votre saisie gardée/);
    assert.match(back.body, /<form method="post" action="\/demandes"/);
    assert.match(back.body, new RegExp(`<input type="hidden" name="subject" value="${subject}"`));
    assert.equal(await countRequests(subject), 0);
  });

  it('a forged form (wrong token) is not held', async () => {
    const { agent, user } = await loginAs(ctx);
    await agent.get('/permanence');
    await age(user.id, 3 * 60);
    const before = heldSealed(ctx.app).length;
    const forged = await agent.post('/demandes', { ...(await intakeForm(ctx.db)), _csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    assert.equal(heldSealed(ctx.app).length, before);
  });
});
