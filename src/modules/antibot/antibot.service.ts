import { createHash, createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../lib/tokens.js';
import { emailRateKey } from '../../web/validation.js';
import { RateLimit, type RateRule, type RateStore } from '../rate-limit/rate-limit.service.js';
import { isDisposableEmail } from './antibot.disposable.js';

/**
 * Defence against fake sign-ups without any third-party service. Every path
 * that creates a signature or a subscription calls `assessSubmission`:
 *
 * - a honeypot field that people never see (filled → quarantine);
 * - a signed form token carrying the time the form was shown (sent back
 *   faster than `minSeconds` → quarantine; missing, forged or older than a day → quarantine);
 * - each form token and each solved proof of work serves once: a second
 *   submission of the same form gets the same neutral answer and nothing is
 *   saved or sent (a double click is not punished); the spent tokens are
 *   kept in the rate store, so every process sees them;
 * - a proof of work computed by the page's script when JavaScript runs
 *   (valid → trusted a little more; absent → fine, people without JavaScript
 *   sign too; present but wrong or replayed → quarantine);
 * - disposable e-mail domains (→ quarantine);
 * - rate limits per IP address and per e-mail address (→ rejected with 429),
 *   counted in the app's rate store (src/modules/rate-limit/): O(1) per hit,
 *   shared by every process on PostgreSQL.
 *
 * Quarantined entries receive no e-mail and wait for the board's review.
 */
export const HONEYPOT_FIELD = 'site_web';
export const FORM_TOKEN_FIELD = 'jeton_formulaire';
export const POW_FIELD = 'preuve';
export const POW_CHALLENGE_FIELD = 'defi';
/** Leading zero bits required: ~16,000 SHA-256 on average, well under a second in a browser. */
export const POW_BITS = 14;

export interface AntibotOptions {
  /** Where the per-IP and per-address limits count. */
  store: RateStore;
  secret: string;
  minSeconds?: number;
  maxAgeSeconds?: number;
  perIp?: { max: number; windowMs: number };
  perAddress?: { max: number; windowMs: number };
  /** The app's clock (tests control it); default: the system clock. */
  now?: () => Date;
}

export interface FormGuard {
  token: string;
  challenge: string;
}

/** `duplicate`: this form was already sent once; answer as if it worked and do nothing. */
export type Verdict = 'accept' | 'quarantine' | 'reject' | 'duplicate';

export interface Assessment {
  verdict: Verdict;
  /** Stable reason codes, kept with a quarantined entry for the board. */
  reasons: string[];
}

export interface Submission {
  fields: Record<string, unknown>;
  email: string;
  ip: string;
  now?: Date;
}

function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value : '';
}

export function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

export class Antibot {
  readonly #secret: string;
  readonly #minSeconds: number;
  readonly #maxAgeSeconds: number;
  readonly #perIp: RateLimit;
  readonly #perAddress: RateLimit;
  readonly #store: RateStore;
  readonly #now: () => Date;
  /**
   * Spent form tokens and proof-of-work challenges. A token lives at most
   * maxAge; with buckets twice as long, a second use always falls in the same
   * bucket as the first or the next one (O(1) per check, nothing to scan).
   */
  readonly #spentTokens: RateRule;
  readonly #spentChallenges: RateRule;

  constructor(options: AntibotOptions) {
    this.#secret = options.secret;
    this.#minSeconds = options.minSeconds ?? 3;
    this.#maxAgeSeconds = options.maxAgeSeconds ?? 24 * 3600;
    const ip = options.perIp ?? { max: 10, windowMs: 60 * 60_000 };
    const address = options.perAddress ?? { max: 3, windowMs: 24 * 60 * 60_000 };
    this.#perIp = new RateLimit(options.store, { name: 'signup-ip', ...ip });
    this.#perAddress = new RateLimit(options.store, { name: 'signup-address', ...address });
    this.#store = options.store;
    this.#now = options.now ?? (() => new Date());
    const windowMs = 2 * this.#maxAgeSeconds * 1000;
    this.#spentTokens = { name: 'signup-form-token', max: 1, windowMs };
    this.#spentChallenges = { name: 'signup-pow-challenge', max: 1, windowMs };
  }

  /** Marks a value used; true when it had been used before. */
  async #spend(rule: RateRule, value: string, now: number): Promise<boolean> {
    const counts = await this.#store.hit(rule, value, now);
    return counts.current > 1 || counts.previous > 0;
  }

  #sign(value: string): string {
    return createHmac('sha256', this.#secret).update(value).digest('base64url').slice(0, 32);
  }

  /** Hidden values to put in a form when it is shown. */
  issue(now: Date = this.#now()): FormGuard {
    const issued = String(now.getTime());
    const nonce = randomBytes(9).toString('base64url');
    return {
      // The nonce makes two forms shown in the same millisecond two different forms.
      token: `${issued}.${nonce}.${this.#sign(`form:${issued}.${nonce}`)}`,
      challenge: `${issued}.${nonce}.${this.#sign(`pow:${issued}.${nonce}`)}`,
    };
  }

  #checkToken(token: string, now: number): string | null {
    const [issued, nonce, mac] = token.split('.');
    if (
      !issued ||
      !nonce ||
      !mac ||
      !/^\d{10,16}$/.test(issued) ||
      !safeEqual(mac, this.#sign(`form:${issued}.${nonce}`))
    )
      return 'form_token_invalid';
    const age = (now - Number(issued)) / 1000;
    if (age < this.#minSeconds) return 'too_fast';
    if (age > this.#maxAgeSeconds) return 'form_token_expired';
    return null;
  }

  async #checkProof(challenge: string, proof: string, now: number): Promise<'none' | 'valid' | 'invalid'> {
    if (!proof) return 'none';
    const [issued, nonce, mac] = challenge.split('.');
    if (!issued || !nonce || !mac || !safeEqual(mac, this.#sign(`pow:${issued}.${nonce}`))) return 'invalid';
    const hash = createHash('sha256').update(`${challenge}:${proof}`).digest();
    if (leadingZeroBits(hash) < POW_BITS) return 'invalid';
    if (await this.#spend(this.#spentChallenges, challenge, now)) return 'invalid';
    return 'valid';
  }

  async assess(s: Submission): Promise<Assessment> {
    const now = (s.now ?? this.#now()).getTime();
    // Counted per mailbox: case, sub-addresses (nom+1@) and Gmail's dots reach the same person.
    const email = s.email.trim() === '' ? '' : emailRateKey(s.email);
    // Rate limits count every attempt, whatever its verdict.
    const [ip, address] = await Promise.all([
      this.#perIp.hit(s.ip, now),
      email ? this.#perAddress.hit(email, now) : null,
    ]);
    const ipOver = !ip.allowed;
    const addressOver = address ? !address.allowed : false;
    if (ipOver || addressOver) return { verdict: 'reject', reasons: [ipOver ? 'rate_ip' : 'rate_address'] };
    const reasons: string[] = [];
    const token = text(s.fields[FORM_TOKEN_FIELD]);
    const tokenProblem = this.#checkToken(token, now);
    // A genuine token sent a second time (double click, replay): nothing more happens.
    if ((tokenProblem === null || tokenProblem === 'too_fast') && (await this.#spend(this.#spentTokens, token, now)))
      return { verdict: 'duplicate', reasons: ['form_token_used'] };
    if (text(s.fields[HONEYPOT_FIELD]).trim() !== '') reasons.push('honeypot');
    if (tokenProblem) reasons.push(tokenProblem);
    const proof = await this.#checkProof(text(s.fields[POW_CHALLENGE_FIELD]), text(s.fields[POW_FIELD]), now);
    if (proof === 'invalid') reasons.push('proof_invalid');
    if (email && isDisposableEmail(email)) reasons.push('disposable_address');
    return { verdict: reasons.length ? 'quarantine' : 'accept', reasons };
  }
}

export const REASON_LABELS: Record<string, string> = {
  honeypot: 'Champ piège rempli (robot probable)',
  too_fast: 'Formulaire envoyé trop vite',
  form_token_invalid: 'Jeton de formulaire absent ou falsifié',
  form_token_expired: 'Formulaire trop ancien',
  form_token_used: 'Formulaire déjà envoyé une fois',
  proof_invalid: 'Preuve de travail invalide',
  disposable_address: 'Adresse e-mail jetable',
  rate_ip: 'Trop de tentatives depuis la même adresse IP',
  rate_address: 'Trop de tentatives pour la même adresse e-mail',
};
