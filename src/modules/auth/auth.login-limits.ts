import { RateLimit, type RateStore } from '../rate-limit/rate-limit.service.js';

const WINDOW_MS = 15 * 60_000;

/**
 * Sign-in limits count failures only, per account and per IP address (issue 9:
 * counting every sign-in per IP locked a whole board out after ten successes
 * from one office). A success forgets the failures of that account and that
 * address. The counts live in the app's rate store: shared by every process
 * on PostgreSQL (src/modules/rate-limit/README.md).
 */
export class LoginFailures {
  readonly #perAccount: RateLimit;
  readonly #perIp: RateLimit;

  /** `step` keeps the password's counts apart from the second factor's. */
  constructor(store: RateStore, step: 'password' | 'second-factor', max: number) {
    this.#perAccount = new RateLimit(store, { name: `login-${step}-failures-account`, max, windowMs: WINDOW_MS });
    this.#perIp = new RateLimit(store, { name: `login-${step}-failures-ip`, max, windowMs: WINDOW_MS });
  }

  /** 0 when one more attempt may be checked; otherwise milliseconds until it may. */
  async waitBefore(ip: string, account: string | null, now: number): Promise<number> {
    const [byIp, byAccount] = await Promise.all([
      this.#perIp.check(ip, now),
      account === null ? null : this.#perAccount.check(account, now),
    ]);
    return Math.max(byIp.retryAfterMs, byAccount?.retryAfterMs ?? 0);
  }

  async failed(ip: string, account: string | null, now: number): Promise<void> {
    await Promise.all([this.#perIp.hit(ip, now), account === null ? null : this.#perAccount.hit(account, now)]);
  }

  async succeeded(ip: string, account: string): Promise<void> {
    await Promise.all([this.#perIp.reset(ip), this.#perAccount.reset(account)]);
  }
}
