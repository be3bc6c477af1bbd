import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Agent } from '../setup/agent.js';
import { antibotFieldsOf } from '../support/smtp.js';
import { useMailApp } from '../support/mail-app.js';

/**
 * Issue 9: 30 POSTs with one signing form gave 20 accepted signatures and 20
 * confirmation mails. A form serves once; sending it again gets the same
 * neutral answer and nothing is saved or sent.
 */
describe(`one form, one submission (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  const env = useMailApp({ manifesto: true });

  it('signs once with one Manifesto form, however often it is sent', async () => {
    const agent = new Agent(env.ctx.app);
    const page = await agent.get('/manifeste/signer');
    const fields = antibotFieldsOf(page.body);
    const answers: string[] = [];
    for (let n = 0; n < 6; n++) {
      const res = await agent.post('/manifeste/signer', {
        ...fields,
        kind: 'individual',
        name: `Personne ${n}`,
        functionOrOrg: 'Assistante sociale',
        town: 'Liège',
        email: `jeton-unique-${n}@exemple.be`,
        showPublicly: 'oui',
      });
      assert.equal(res.statusCode, 200);
      answers.push(res.body.replace(/name="_csrf" value="[^"]*"/g, ''));
    }
    assert.equal(new Set(answers).size, 1, 'the same neutral answer every time');
    const rows = await env.ctx.db
      .selectFrom('signatures')
      .select('email')
      .where('email', 'like', 'jeton-unique-%')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.email),
      ['jeton-unique-0@exemple.be'],
    );
    await env.ctx.app.mailer.flush(env.ctx.db);
    assert.deepEqual(
      env.smtp.received.filter((m) => m.to.some((to) => to.startsWith('jeton-unique-'))).map((m) => m.to),
      [['jeton-unique-0@exemple.be']],
    );
  });

  it('subscribes once with one newsletter form', async () => {
    const agent = new Agent(env.ctx.app);
    const page = await agent.get('/newsletter');
    const fields = antibotFieldsOf(page.body);
    for (let n = 0; n < 4; n++) {
      const res = await agent.post('/newsletter', { ...fields, email: `lettre-unique-${n}@exemple.be` });
      assert.equal(res.statusCode, 200);
    }
    const rows = await env.ctx.db
      .selectFrom('newsletter_subscribers')
      .select('email')
      .where('email', 'like', 'lettre-unique-%')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.email),
      ['lettre-unique-0@exemple.be'],
    );
  });
});
