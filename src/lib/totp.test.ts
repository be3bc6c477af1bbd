import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, hotp, newTotpSecret, otpauthUri, totp, verifyTotp } from './totp.js';

// RFC 6238 Appendix B: the seeds are ASCII digits, 20, 32 and 64 bytes long.
const SHA1_SEED = Buffer.from('12345678901234567890', 'ascii');
const SHA256_SEED = Buffer.from('12345678901234567890123456789012', 'ascii');
const SHA512_SEED = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii');

describe('HOTP and TOTP (RFC 4226, RFC 6238)', () => {
  it('gives the HOTP values of RFC 4226 Appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    assert.deepEqual(
      expected.map((_, counter) => hotp(SHA1_SEED, counter)),
      expected,
    );
  });

  it('gives the TOTP values of RFC 6238 Appendix B (8 digits, 30 s, SHA-1, SHA-256, SHA-512)', () => {
    const vectors: Array<[number, string, string, string]> = [
      [59, '94287082', '46119246', '90693936'],
      [1111111109, '07081804', '68084774', '25091201'],
      [1111111111, '14050471', '67062674', '99943326'],
      [1234567890, '89005924', '91819424', '93441116'],
      [2000000000, '69279037', '90698825', '38618901'],
      [20000000000, '65353130', '77737706', '47863826'],
    ];
    for (const [seconds, sha1, sha256, sha512] of vectors) {
      const at = new Date(seconds * 1000);
      assert.equal(totp(SHA1_SEED, at, { digits: 8 }), sha1, `SHA-1 at ${seconds}`);
      assert.equal(totp(SHA256_SEED, at, { digits: 8, algorithm: 'sha256' }), sha256, `SHA-256 at ${seconds}`);
      assert.equal(totp(SHA512_SEED, at, { digits: 8, algorithm: 'sha512' }), sha512, `SHA-512 at ${seconds}`);
    }
  });

  it('accepts the code of the current step and of one step either side, not two, and says which step matched', () => {
    const secret = base32Decode('JBSWY3DPEHPK3PXP');
    const at = new Date('2026-11-27T10:00:15Z');
    const step = Math.floor(at.getTime() / 30_000);
    assert.equal(verifyTotp(secret, totp(secret, at), at), step);
    assert.equal(verifyTotp(secret, totp(secret, new Date(at.getTime() - 30_000)), at), step - 1);
    assert.equal(verifyTotp(secret, totp(secret, new Date(at.getTime() + 30_000)), at), step + 1);
    assert.equal(verifyTotp(secret, totp(secret, new Date(at.getTime() - 60_000)), at), null);
    assert.equal(verifyTotp(secret, totp(secret, new Date(at.getTime() + 60_000)), at), null);
    const code = totp(secret, at);
    assert.equal(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at), step, 'a space typed in the middle');
    assert.equal(verifyTotp(secret, 'abcdef', at), null);
    assert.equal(verifyTotp(secret, '', at), null);
  });

  it('reads and writes base32 as authenticator apps do (RFC 4648 vectors, spaces and case ignored)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(Buffer.from(plain)), encoded);
      assert.equal(base32Decode(encoded).toString(), plain);
    }
    assert.equal(base32Decode('mzxw 6ytb-oi').toString(), 'foobar');
    assert.throws(() => base32Decode('MZXW1'), /base32/);
    const secret = newTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(secret).length, 20);
  });

  it('writes the otpauth address with the issuer and account escaped', () => {
    assert.equal(
      otpauthUri('JBSWY3DPEHPK3PXP', 'Vigie', 'marie dupont@exemple.be'),
      'otpauth://totp/Vigie:marie%20dupont%40exemple.be?secret=JBSWY3DPEHPK3PXP&issuer=Vigie&algorithm=SHA1&digits=6&period=30',
    );
  });
});
