import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { isDisposableEmail } from './antibot.disposable.js';
import {
  Antibot,
  FORM_TOKEN_FIELD,
  HONEYPOT_FIELD,
  leadingZeroBits,
  POW_BITS,
  POW_CHALLENGE_FIELD,
  POW_FIELD,
} from './antibot.service.js';

function solve(challenge: string): string {
  for (let n = 0; ; n++)
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest()) >= POW_BITS) return String(n);
}

describe('antibot', () => {
  const t0 = new Date('2026-11-23T10:00:00Z');
  const later = (s: number) => new Date(t0.getTime() + s * 1000);
  const make = () => new Antibot({ secret: 'test-secret' });

  it('accepts a person: token old enough, empty honeypot, with or without proof of work', () => {
    const bot = make();
    const g = bot.issue(t0);
    assert.deepEqual(
      bot.assess({
        fields: { [FORM_TOKEN_FIELD]: g.token, [HONEYPOT_FIELD]: '' },
        email: 'a@exemple.be',
        ip: '1',
        now: later(10),
      }),
      { verdict: 'accept', reasons: [] },
    );
    const g2 = bot.issue(t0);
    const withProof = {
      [FORM_TOKEN_FIELD]: g2.token,
      [POW_CHALLENGE_FIELD]: g2.challenge,
      [POW_FIELD]: solve(g2.challenge),
    };
    assert.equal(bot.assess({ fields: withProof, email: 'b@exemple.be', ip: '2', now: later(10) }).verdict, 'accept');
    assert.deepEqual(
      bot.assess({ fields: withProof, email: 'c@exemple.be', ip: '3', now: later(11) }).reasons,
      ['proof_invalid'],
      'a solved challenge cannot be replayed',
    );
  });

  it('quarantines the honeypot, a too-fast or forged form, a wrong proof and disposable addresses', () => {
    const bot = make();
    const g = bot.issue(t0);
    const reasons = (fields: Record<string, string>, email = 'x@exemple.be', at = 10) =>
      bot.assess({
        fields: { [FORM_TOKEN_FIELD]: g.token, ...fields },
        email,
        ip: String(Math.random()),
        now: later(at),
      });
    assert.deepEqual(reasons({ [HONEYPOT_FIELD]: 'http://spam' }).reasons, ['honeypot']);
    assert.deepEqual(reasons({}, 'y@exemple.be', 1).reasons, ['too_fast']);
    assert.deepEqual(reasons({ [FORM_TOKEN_FIELD]: `${t0.getTime()}.forged` }, 'z@exemple.be').reasons, [
      'form_token_invalid',
    ]);
    assert.deepEqual(reasons({ [POW_CHALLENGE_FIELD]: g.challenge, [POW_FIELD]: 'nope' }, 'w@exemple.be').reasons, [
      'proof_invalid',
    ]);
    assert.deepEqual(reasons({}, 'v@yopmail.com').reasons, ['disposable_address']);
    assert.equal(reasons({}, 'u@exemple.be', 3 * 24 * 3600).reasons[0], 'form_token_expired');
  });

  it('rejects over the per-IP and per-address limits', () => {
    const bot = new Antibot({
      secret: 's',
      perIp: { max: 2, windowMs: 60_000 },
      perAddress: { max: 1, windowMs: 60_000 },
    });
    const g = bot.issue(t0);
    const at = (email: string, ip: string) =>
      bot.assess({ fields: { [FORM_TOKEN_FIELD]: g.token }, email, ip, now: later(10) }).verdict;
    assert.equal(at('a@exemple.be', '9'), 'accept');
    assert.equal(at('a@exemple.be', '8'), 'reject');
    assert.equal(at('b@exemple.be', '9'), 'accept');
    assert.equal(at('c@exemple.be', '9'), 'reject');
  });

  it('recognises disposable domains and their mirrors, not ordinary ones', () => {
    assert.ok(isDisposableEmail('x@mailinator.com'));
    assert.ok(isDisposableEmail('x@super-tempmail.xyz'));
    assert.ok(!isDisposableEmail('x@cpas-bruxelles.be'));
    assert.ok(!isDisposableEmail('x@gmail.com'));
  });
});
