import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { queueMail } from '../../src/modules/mail/mail.service.js';
import { antibotFieldsOf, startSmtp, type SmtpListener } from '../support/smtp.js';
import { fr } from '../../src/web/i18n/fr.js';
import { frenchTypography } from '../../src/lib/typography.js';
import { EMAIL_MESSAGE, emailRateKey, normaliseEmail } from '../../src/web/validation.js';
import { intakeForm, loginAs } from '../factories/index.js';
import { Agent } from '../setup/agent.js';
import { createTestApp, type TestContext } from '../setup/app.js';

const engine = process.env.TEST_DB ?? 'sqlite';
const FORGED = ['1<victim@target.be>', 'victim@target.be,x@attacker.example', 'victim@target.be;y@attacker.example'];

describe('one strict e-mail address', () => {
  it('refuses anything but one mailbox: display names, lists, comments, spaces', () => {
    for (const bad of [
      ...FORGED,
      'Victim <victim@target.be>',
      'victim@target.be x',
      '"victim"@target.be',
      'victim(comment)@target.be',
      'victim@target',
      'victim@localhost',
      'victim@127.0.0.1',
      'victim@[127.0.0.1]',
      'vic..tim@target.be',
      '.victim@target.be',
      'victim@-target.be',
      'victim@target..be',
      'victim@@target.be',
      `${'a'.repeat(65)}@target.be`,
      `a@${'b'.repeat(250)}.be`,
      'victim@target.be\n',
      'victim@target.be\r\nBcc: x@attacker.example',
      '',
    ]) {
      assert.equal(normaliseEmail(bad), bad.trim() === 'victim@target.be' ? 'victim@target.be' : null, bad);
    }
  });

  it('accepts ordinary addresses and stores them in one form', () => {
    assert.equal(normaliseEmail('  Prenom.Nom@Exemple.BE '), 'prenom.nom@exemple.be');
    assert.equal(normaliseEmail("o'brien+cvts@exemple.be"), "o'brien+cvts@exemple.be");
    assert.equal(normaliseEmail('anouk@test.invalid'), 'anouk@test.invalid');
    assert.equal(normaliseEmail('contact@exémple.be'), 'contact@xn--exmple-cva.be');
  });

  it('counts limits per mailbox: sub-addresses and Gmail dots are one person', () => {
    assert.equal(emailRateKey('Victim+1@Target.be'), 'victim@target.be');
    assert.equal(emailRateKey('vic.tim+x@gmail.com'), 'victim@gmail.com');
    assert.equal(emailRateKey('vic.tim@target.be'), 'vic.tim@target.be');
  });

  it('has one French message, the same on the public forms', () => {
    assert.equal(fr['form.error.email'], EMAIL_MESSAGE);
  });
});

describe(`every form refuses a forged address with the same French message (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp({ signupMinSeconds: 0 });
  });
  after(async () => ctx.close());

  // As the page prints it (docs/typography.md).
  const shows = (body: string) => body.includes(frenchTypography(EMAIL_MESSAGE));
  const refused = (status: number) => status === 400 || status === 422;

  it('back office: new account, helpline identity, member, site settings; public: forgot password', async () => {
    const { agent } = await loginAs(ctx, ['admin', 'board']);
    for (const bad of FORGED) {
      await agent.get('/admin/utilisateurs');
      const user = await agent.post('/admin/utilisateurs', { displayName: 'X', email: bad, roles: 'board' });
      assert.ok(refused(user.statusCode), `account ${bad}`);
      assert.ok(shows(user.body), `account ${bad}`);

      await agent.get('/permanence');
      const request = await agent.post('/demandes', await intakeForm(ctx.db, { identityEmail: bad }));
      assert.ok(refused(request.statusCode), `identity ${bad}`);
      assert.ok(shows(request.body), `identity ${bad}`);

      await agent.get('/bureau/membres/nouveau');
      const member = await agent.post('/bureau/membres', { kind: 'organisation', name: 'Asbl', contactEmail: bad });
      assert.ok(refused(member.statusCode), `member ${bad}`);
      assert.ok(shows(member.body), `member ${bad}`);

      await agent.get('/bureau/contenu/reglages');
      const settings = await agent.post('/bureau/contenu/reglages', {
        helplineStart: '14:00',
        helplineEnd: '17:00',
        contactEmail: bad,
      });
      assert.ok(refused(settings.statusCode), `settings ${bad}`);
      assert.ok(shows(settings.body), `settings ${bad}`);

      const visitor = new Agent(ctx.app);
      await visitor.get('/mot-de-passe-oublie');
      const forgot = await visitor.post('/mot-de-passe-oublie', { email: bad });
      assert.ok(refused(forgot.statusCode), `forgot ${bad}`);
      assert.ok(shows(forgot.body), `forgot ${bad}`);
    }
    const stored = await ctx.db.selectFrom('users').select('email').where('email', 'like', '%victim%').execute();
    assert.deepEqual(stored, []);
  });
});

describe(`a third party cannot be mail-bombed through the confirmation e-mails (${engine})`, () => {
  let ctx: TestContext;
  let smtp: SmtpListener;
  before(async () => {
    smtp = await startSmtp();
    ctx = await createTestApp({ smtpUrl: smtp.url, signupMinSeconds: 0, signupIpLimit: 100 });
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  const toVictim = () => smtp.received.filter((m) => m.to.some((to) => to.includes('victim'))).length;

  it('signing and subscribing with forged or varied addresses of one victim mails them at most once', async () => {
    const variants = [
      ...FORGED,
      'victim@target.be',
      'Victim@Target.be',
      'victim+1@target.be',
      'victim+2@target.be',
      'victim+3@target.be',
    ];
    let n = 0;
    for (const email of variants) {
      for (const path of ['/manifeste/signer', '/newsletter']) {
        const agent = new Agent(ctx.app);
        const page = await agent.get(path);
        n++;
        await agent.post(path, {
          ...antibotFieldsOf(page.body),
          kind: 'individual',
          name: `Personne ${n}`,
          email,
        });
      }
    }
    await ctx.app.mailer.flush(ctx.db);
    assert.ok(toVictim() <= 3, `the per-address limit holds: ${toVictim()} mails reached the victim`);
    assert.ok(
      smtp.received.every((m) => !m.to.some((to) => to.includes('attacker'))),
      'no mail to a second recipient',
    );
  });

  it('the sender hands nodemailer one address, never a list to parse', async () => {
    await queueMail(ctx.db, {
      to: 'victim@target.be,x@attacker.example',
      subject: 'Test',
      text: 'Test',
      purpose: 'test',
    });
    await ctx.app.mailer.flush(ctx.db);
    assert.equal(
      smtp.received.filter((m) => m.to.includes('x@attacker.example')).length,
      0,
      'a stored list is not split into recipients',
    );
  });
});
