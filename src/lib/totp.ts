import { createHmac, randomBytes } from 'node:crypto';

/**
 * One-time passwords for authenticator apps: HOTP (RFC 4226) and TOTP
 * (RFC 6238) with the parameters every app understands — HMAC-SHA-1,
 * 6 digits, 30-second steps. Small enough to read against the RFCs; the tests
 * run their published vectors.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  algorithm?: TotpAlgorithm;
  digits?: number;
  periodSeconds?: number;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (what authenticator apps read). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Reads base32, ignoring spaces, dashes, case and padding (a secret typed by hand). */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('Clé secrète illisible (base32 attendu).');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A fresh 160-bit secret (RFC 4226 recommends at least 128 bits; 160 matches SHA-1). */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** RFC 4226 §5.3: HMAC, dynamic truncation, modulo 10^digits. */
export function hotp(secret: Buffer, counter: number, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step T of RFC 6238 §4.2 for an instant. */
function totpStep(at: Date, periodSeconds = 30): number {
  return Math.floor(at.getTime() / 1000 / periodSeconds);
}

export function totp(secret: Buffer, at: Date, options: TotpOptions = {}): string {
  return hotp(secret, totpStep(at, options.periodSeconds), options.digits ?? 6, options.algorithm ?? 'sha1');
}

/**
 * Checks a code typed by a person: the current step and one step either side
 * (a phone's clock a little off, a code typed as it changed). Returns the
 * matching step, so the caller can refuse a step already used (replay), or null.
 */
export function verifyTotp(
  secret: Buffer,
  code: string,
  at: Date,
  options: TotpOptions & { window?: number } = {},
): number | null {
  const digits = options.digits ?? 6;
  const typed = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(typed)) return null;
  const current = totpStep(at, options.periodSeconds);
  const window = options.window ?? 1;
  for (let delta = -window; delta <= window; delta++) {
    const step = current + delta;
    if (step >= 0 && hotp(secret, step, digits, options.algorithm ?? 'sha1') === typed) return step;
  }
  return null;
}

/** The otpauth:// address an authenticator app reads from the QR code (Key Uri Format). */
export function otpauthUri(secret: string, issuer: string, account: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  // encodeURIComponent, not URLSearchParams: some apps show a « + » for a space.
  const params = Object.entries({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `otpauth://totp/${label}?${params}`;
}
