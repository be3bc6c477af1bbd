import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { MemoryRateStore } from '../rate-limit/rate-limit.memory.js';
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
  const make = () => new Antibot({ secret: 'test-secret', store: new MemoryRateStore() });

  it('accepts a person: token old enough, empty honeypot, with or without proof of work', async () => {
    const bot = make();
    const g = bot.issue(t0);
    assert.deepEqual(
      await bot.assess({
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
    assert.equal(
      (await bot.assess({ fields: withProof, email: 'b@exemple.be', ip: '2', now: later(10) })).verdict,
      'accept',
    );
    assert.deepEqual(
      (
        await bot.assess({
          fields: { ...withProof, [FORM_TOKEN_FIELD]: bot.issue(t0).token },
          email: 'c@exemple.be',
          ip: '3',
          now: later(11),
        })
      ).reasons,
      ['proof_invalid'],
      'a solved challenge cannot be replayed',
    );
  });

  it('quarantines the honeypot, a too-fast or forged form, a wrong proof and disposable addresses', async () => {
    const bot = make();
    const g = bot.issue(t0);
    // Each submission is a freshly shown form: a token serves once.
    const reasons = async (fields: Record<string, string>, email = 'x@exemple.be', at = 10) =>
      bot.assess({
        fields: { [FORM_TOKEN_FIELD]: bot.issue(t0).token, ...fields },
        email,
        ip: String(Math.random()),
        now: later(at),
      });
    assert.deepEqual((await reasons({ [HONEYPOT_FIELD]: 'http://spam' })).reasons, ['honeypot']);
    assert.deepEqual((await reasons({}, 'y@exemple.be', 1)).reasons, ['too_fast']);
    assert.deepEqual((await reasons({ [FORM_TOKEN_FIELD]: `${t0.getTime()}.forged` }, 'z@exemple.be')).reasons, [
      'form_token_invalid',
    ]);
    assert.deepEqual(
      (await reasons({ [POW_CHALLENGE_FIELD]: g.challenge, [POW_FIELD]: 'nope' }, 'w@exemple.be')).reasons,
      ['proof_invalid'],
    );
    assert.deepEqual((await reasons({}, 'v@yopmail.com')).reasons, ['disposable_address']);
    assert.equal((await reasons({}, 'u@exemple.be', 3 * 24 * 3600)).reasons[0], 'form_token_expired');
  });

  // Issue 9: 30 POSTs of one signing form gave 20 signatures and 20 mails.
  it('takes a form token once: a second submission of the same form is a duplicate, whatever the address', async () => {
    const bot = make();
    const token = bot.issue(t0).token;
    const send = (email: string, ip: string, at: number) =>
      bot.assess({ fields: { [FORM_TOKEN_FIELD]: token }, email, ip, now: later(at) });
    assert.deepEqual(await send('a@exemple.be', '1', 10), { verdict: 'accept', reasons: [] });
    assert.deepEqual(await send('a@exemple.be', '1', 11), { verdict: 'duplicate', reasons: ['form_token_used'] });
    assert.equal((await send('b@exemple.be', '2', 20)).verdict, 'duplicate');
    // Up to the token's last valid second (a day), across the store's bucket boundary.
    assert.equal((await send('c@exemple.be', '3', 24 * 3600 - 1)).verdict, 'duplicate');
    assert.equal(
      (
        await bot.assess({
          fields: { [FORM_TOKEN_FIELD]: bot.issue(t0).token },
          email: 'd@exemple.be',
          ip: '4',
          now: later(12),
        })
      ).verdict,
      'accept',
    );
  });

  it('rejects over the per-IP and per-address limits', async () => {
    const bot = new Antibot({
      store: new MemoryRateStore(),
      secret: 's',
      perIp: { max: 2, windowMs: 60_000 },
      perAddress: { max: 1, windowMs: 60_000 },
    });
    const at = async (email: string, ip: string) =>
      (await bot.assess({ fields: { [FORM_TOKEN_FIELD]: bot.issue(t0).token }, email, ip, now: later(10) })).verdict;
    assert.equal(await at('a@exemple.be', '9'), 'accept');
    assert.equal(await at('a@exemple.be', '8'), 'reject');
    assert.equal(await at('b@exemple.be', '9'), 'accept');
    assert.equal(await at('c@exemple.be', '9'), 'reject');
  });

  // Issue 9: past 50,000 distinct addresses in a day, every sign-up scanned the
  // whole per-address window (signing fell from ~3,800 to ~250 a second).
  // The work of one assessment is counted, not timed: the steps taken over
  // Maps and Sets while it runs must not grow with the number of addresses seen.
  it('does the same work per sign-up after 60,000 distinct addresses as after one', async () => {
    const bot = new Antibot({
      store: new MemoryRateStore(),
      secret: 's',
      perIp: { max: 1_000_000, windowMs: 60 * 60_000 },
      perAddress: { max: 3, windowMs: 24 * 60 * 60_000 },
    });
    const assess = (n: number) =>
      bot.assess({ fields: {}, email: `personne-${n}@exemple.be`, ip: '192.0.2.1', now: later(10 + n / 1000) });
    const workOf = async (n: number): Promise<number> => {
      const iterators = [new Map().entries(), new Set().values()].map(
        (it) => Object.getPrototypeOf(it) as Iterator<unknown>,
      );
      const originals = iterators.map((proto) => proto.next);
      let steps = 0;
      iterators.forEach((proto, i) => {
        const next = originals[i] as Iterator<unknown>['next'];
        proto.next = function (this: Iterator<unknown>, ...args: []) {
          steps++;
          return next.apply(this, args);
        };
      });
      try {
        await assess(n);
      } finally {
        iterators.forEach((proto, i) => {
          proto.next = originals[i] as Iterator<unknown>['next'];
        });
      }
      return steps;
    };
    await assess(0);
    const early = await workOf(1);
    for (let n = 2; n <= 60_000; n++) await assess(n);
    const late = await workOf(60_001);
    assert.ok(late <= early + 2, `work per sign-up grew with the addresses seen: ${early} steps, then ${late}`);
  });

  it("reads the app's clock, so the time a form took is the clock's, not the machine's load", async () => {
    let now = t0;
    const bot = new Antibot({ secret: 'test-secret', store: new MemoryRateStore(), now: () => now });
    const send = (token: string, email: string) =>
      bot.assess({ fields: { [FORM_TOKEN_FIELD]: token }, email, ip: '9' });
    // Sent back at the same instant: too fast, however long the machine really took.
    assert.deepEqual((await send(bot.issue().token, 'vite@exemple.be')).reasons, ['too_fast']);
    // Sent back ten seconds later by the clock: accepted.
    const token = bot.issue().token;
    now = later(10);
    assert.deepEqual(await send(token, 'lent@exemple.be'), { verdict: 'accept', reasons: [] });
  });

  it('recognises disposable domains and their mirrors, not ordinary ones', () => {
    assert.ok(isDisposableEmail('x@mailinator.com'));
    assert.ok(isDisposableEmail('x@super-tempmail.xyz'));
    assert.ok(!isDisposableEmail('x@cpas-bruxelles.be'));
    assert.ok(!isDisposableEmail('x@gmail.com'));
  });
});
