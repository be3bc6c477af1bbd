import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Encryption at rest for requester identities: AES-256-GCM, a fresh 96-bit
 * nonce per value, and the owning row's id as associated data so a ciphertext
 * copied onto another request does not decrypt.
 */
export class Vault {
  readonly keyId: string;
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('La clé de chiffrement doit faire 32 octets.');
    this.#key = key;
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  }

  encrypt(plaintext: string, associatedData: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `v1.${nonce.toString('base64url')}.${body.toString('base64url')}.${tag.toString('base64url')}`;
  }

  /**
   * A keyed fingerprint (HMAC-SHA-256 under a key derived for `purpose`): the
   * same value always gives the same fingerprint, which proves a value seen
   * again without keeping it, and cannot be reversed without the key.
   */
  fingerprint(value: string, purpose: string): string {
    const key = createHmac('sha256', this.#key).update(`fingerprint:${purpose}`).digest();
    return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
  }

  decrypt(sealed: string, associatedData: string): string {
    const [version, nonce, body, tag] = sealed.split('.');
    if (version !== 'v1' || !nonce || body === undefined || !tag) throw new Error('Donnée chiffrée illisible.');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * The key comes from ENCRYPTION_KEY, or from `<dataDir>/vigie.key`, created on
 * first start (mode 0600). Losing it means losing every identity: back it up
 * with the database (docs/operations.md).
 */
export const KEY_FILE_NAME = 'vigie.key';

export function loadOrCreateKey(
  configured: string | undefined,
  dataDir: string,
): { key: Buffer; source: string; created: boolean } {
  if (configured) return { key: Buffer.from(configured, 'base64'), source: 'ENCRYPTION_KEY', created: false };
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} ne contient pas une clé de 32 octets en base64.`);
    return { key, source: file, created: false };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, source: file, created: true };
}
