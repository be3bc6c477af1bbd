import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { estimate, retryAfter, type RateRule, type RateStore } from './rate-limit.service.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface RouteInfo {
  method?: unknown;
  url?: unknown;
}

/** The plugin hands a route's store its merged options, the route itself under `routeInfo`. */
function routeName(options: object): string {
  const info: RouteInfo =
    'routeInfo' in options && typeof options.routeInfo === 'object' && options.routeInfo ? options.routeInfo : {};
  if (typeof info.url !== 'string') return 'route *';
  const method = [info.method].flat().filter((m) => typeof m === 'string');
  return `route ${method.join(',')} ${info.url}`;
}

/**
 * `@fastify/rate-limit` (routes declaring `config.rateLimit`) counting in a
 * `RateStore`, so its limits hold across processes too. Each route gets its
 * own rule, named after its method and path. `current` is the sliding
 * estimate rounded up, so `current > max` exactly when the hit is over.
 */
export function fastifyRateLimitStore(store: RateStore): FastifyRateLimitStoreCtor {
  class SharedStore implements FastifyRateLimitStore {
    readonly #name: string;

    constructor(options: object = {}) {
      this.#name = routeName(options);
    }

    #rule(timeWindow: number, max: number): RateRule {
      return { name: this.#name, max: Math.max(1, max), windowMs: Math.max(1, timeWindow) };
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      const rule = this.#rule(timeWindow, max);
      const now = Date.now();
      store.hit(rule, key, now).then(
        (counts) => {
          const current = Math.ceil(estimate(rule, counts, now));
          const ttl = current > max ? retryAfter(rule, counts, now) : (counts.bucket + 1) * rule.windowMs - now;
          callback(null, { current, ttl });
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: object): SharedStore {
      return new SharedStore(routeOptions);
    }
  }
  return SharedStore;
}
