import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { antibotFieldsOf } from '../support/smtp.js';
import { buildUser, publishManifesto } from '../factories/index.js';
import { Agent } from '../setup/agent.js';
import { createTestApp, type TestContext } from '../setup/app.js';

const engine = process.env.TEST_DB ?? 'sqlite';
const EVIL = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };

describe('PUBLIC_URL: where e-mailed links point', () => {
  it('is required, in French, as soon as mail can leave (SMTP_URL set or production)', () => {
    assert.throws(
      () => loadConfig({ SMTP_URL: 'smtp://mail.exemple.be' }),
      (e: Error) => e instanceof ConfigError && /PUBLIC_URL : obligatoire quand SMTP_URL est défini/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (e: Error) => e instanceof ConfigError && /PUBLIC_URL : obligatoire en production/.test(e.message),
    );
    const set = loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://m', PUBLIC_URL: 'https://vigie.exemple.be/' });
    assert.equal(set.publicUrl, 'https://vigie.exemple.be');
    assert.equal(set.warnings, undefined);
  });

  it('is fixed once from HOST and PORT otherwise, with a French warning', () => {
    const local = loadConfig({});
    assert.equal(local.publicUrl, 'http://localhost:3000');
    assert.match(local.warnings?.[0] ?? '', /PUBLIC_URL n’est pas défini : les liens des e-mails pointeront vers/);
    assert.equal(loadConfig({ HOST: '127.0.0.1', PORT: '8080' }).publicUrl, 'http://127.0.0.1:8080');
    assert.equal(loadConfig({ HOST: '::1', PORT: '80' }).publicUrl, 'http://[::1]');
  });

  it('accepts only http:// and https:// addresses', () => {
    assert.throws(
      () => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' }),
      /PUBLIC_URL : doit être une adresse http:\/\/ ou https:\/\//,
    );
  });
});

describe(`e-mailed links never follow the request's Host header (${engine})`, () => {
  let ctx: TestContext;
  const site = loadConfig({ HOST: '127.0.0.1', PORT: '8080' }).publicUrl;
  before(async () => {
    // The address a server without PUBLIC_URL would use: derived from HOST/PORT at start.
    ctx = await createTestApp({ publicUrl: site, signupMinSeconds: 0 });
  });
  after(async () => ctx.close());

  const lastMail = () =>
    ctx.db.selectFrom('mail_outbox').select(['text_body']).orderBy('id', 'desc').executeTakeFirstOrThrow();

  it('password reset', async () => {
    const user = await buildUser(ctx.db, ['board']);
    const agent = new Agent(ctx.app);
    await agent.get('/mot-de-passe-oublie', EVIL);
    const res = await agent.post('/mot-de-passe-oublie', { email: user.email }, { headers: EVIL });
    assert.equal(res.statusCode, 200);
    const mail = await lastMail();
    assert.match(mail.text_body, new RegExp(`${site}/reinitialiser\\?jeton=`));
    assert.ok(!mail.text_body.includes('evil.example'));
  });

  it('signature and newsletter confirmations', async () => {
    await publishManifesto(ctx.db); // signing is closed while the Manifesto is a placeholder
    const agent = new Agent(ctx.app);
    const page = await agent.get('/manifeste/signer', EVIL);
    const signed = await agent.post(
      '/manifeste/signer',
      {
        ...antibotFieldsOf(page.body),
        kind: 'individual',
        name: 'Anouk Peeters',
        functionOrOrg: 'AS',
        town: 'Gent',
        email: 'anouk.host@voorbeeld.be',
      },
      { headers: EVIL },
    );
    assert.equal(signed.statusCode, 200);
    const signing = await lastMail();
    assert.match(signing.text_body, new RegExp(`${site}/manifeste/confirmer\\?jeton=`));
    assert.ok(!signing.text_body.includes('evil.example'));

    const form = await agent.get('/newsletter', EVIL);
    const subscribed = await agent.post(
      '/newsletter',
      { ...antibotFieldsOf(form.body), email: 'lecteur.host@voorbeeld.be' },
      { headers: EVIL },
    );
    assert.equal(subscribed.statusCode, 200);
    const newsletter = await lastMail();
    assert.match(newsletter.text_body, new RegExp(`${site}/newsletter/confirmer\\?jeton=`));
    assert.ok(!newsletter.text_body.includes('evil.example'));
  });

  it('public pages’ absolute links (hreflang, guide share link)', async () => {
    const page = await new Agent(ctx.app).get('/manifeste', EVIL);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`href="${site}/`), 'absolute links use the configured address');
    assert.ok(!page.body.includes('evil.example'));
  });
});
