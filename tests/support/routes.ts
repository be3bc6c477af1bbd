import { createSession } from '../../src/modules/auth/auth.service.js';
import { createRequest } from '../../src/modules/requests/requests.service.js';
import type { Role } from '../../src/web/access.js';
import { buildRequestInput, buildUser, kindId } from '../factories/index.js';
import { Agent } from '../setup/agent.js';
import { createTestApp, type TestContext } from '../setup/app.js';

/**
 * Test support (not app code) for the tests that walk every route the app declares
 * (`app.routeAccess`): the authorisation matrix (tests/security/authorisation.test.ts) and the
 * hostile query parameters (tests/security/query-params.test.ts). One app with one request on the
 * register, and a real id for every `:param`.
 */
export interface RouteWalk {
  ctx: TestContext;
  ids: { request: number; user: number; entry: number };
  /** The route's URL with a real id for every `:param`, so a handler reached is a handler that runs. */
  concrete(url: string): string;
  /**
   * A browser for a new user with these roles, holding a fresh session (no password typed: these
   * tests are about routes); no roles: an anonymous visitor. `csrf`: it first reads the sign-in page
   * (the CSRF cookie and token, as a real form would have them).
   */
  browser(roles: Role[] | null, options?: { csrf?: boolean }): Promise<Agent>;
}

export async function walkRoutes(): Promise<RouteWalk> {
  const ctx = await createTestApp();
  const owner = await buildUser(ctx.db, ['board']);
  const { id } = await createRequest(ctx.db, ctx.app.vault, await buildRequestInput(ctx.db), {
    ...owner,
    sessionId: '',
  });
  const ids = { request: id, user: owner.id, entry: await kindId(ctx.db) };
  return {
    ctx,
    ids,
    concrete: (url) =>
      url.replace(/:(\w+)/g, (_m, name: string) => {
        if (url.startsWith('/assets/')) return name === 'name' ? 'style.css' : 'x';
        if (url.startsWith('/demandes/')) return String(ids.request);
        if (url.startsWith('/admin/utilisateurs/')) return String(ids.user);
        if (url.startsWith('/admin/taxonomie/')) return String(ids.entry);
        return '1';
      }),
    browser: async (roles, options = {}) => {
      const agent = new Agent(ctx.app);
      if (options.csrf) await agent.get('/connexion');
      if (!roles) return agent;
      const user = await buildUser(ctx.db, roles);
      agent.cookies.set('vigie_session', await createSession(ctx.db, user.id, { idleMinutes: 120, maxHours: 12 }));
      return agent;
    },
  };
}
