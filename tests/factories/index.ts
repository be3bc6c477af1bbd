import type { Db } from '../../src/db/index.js';
import { todayInBrussels } from '../../src/lib/time.js';
import { createUser, hashPassword } from '../../src/modules/auth/auth.service.js';
import type { CurrentUser, Role } from '../../src/web/access.js';
import type { CreateRequestInput } from '../../src/modules/requests/requests.schemas.js';
import { findEntryByCode } from '../../src/modules/taxonomy/taxonomy.service.js';
import type { TestContext } from '../setup/app.js';
import { Agent } from '../setup/agent.js';

let counter = 0;
export const PASSWORD = 'un mot de passe de test';

/**
 * PASSWORD hashed once per process, by the app's own function (production argon2 parameters): the
 * users built here share it (about 30 ms of CPU saved per user; the authorisation matrix builds
 * a thousand). Signing in still verifies it at full cost. `ownHash` has createUser hash it itself,
 * for a test about how accounts store their password.
 */
let sharedHash: Promise<string> | undefined;

export async function buildUser(
  db: Db,
  roles: Role[] = ['board'],
  overrides: { email?: string; displayName?: string; ownHash?: boolean } = {},
): Promise<CurrentUser> {
  counter++;
  const email = overrides.email ?? `membre${counter}-${Date.now()}@test.invalid`;
  const displayName = overrides.displayName ?? `Membre ${counter}`;
  if (overrides.ownHash) {
    const id = await createUser(db, { email, displayName, roles, password: PASSWORD }, null);
    return { id, email, displayName, roles, sessionId: '' };
  }
  sharedHash ??= hashPassword(PASSWORD);
  const id = await createUser(db, { email, displayName, roles }, null);
  await db
    .updateTable('users')
    .set({ password_hash: await sharedHash })
    .where('id', '=', id)
    .execute();
  return { id, email, displayName, roles, sessionId: '' };
}

/** A logged-in browser for a new user with these roles. */
export async function loginAs(
  ctx: TestContext,
  roles: Role[] = ['board'],
): Promise<{ agent: Agent; user: CurrentUser }> {
  const user = await buildUser(ctx.db, roles);
  const agent = new Agent(ctx.app);
  await agent.get('/connexion');
  const res = await agent.post('/connexion', { email: user.email, password: PASSWORD });
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
  return { agent, user };
}

export async function kindId(db: Db, code = 'advice'): Promise<number> {
  const e = await findEntryByCode(db, 'kind', code);
  if (!e) throw new Error(`no kind ${code}`);
  return e.id;
}

export async function themeId(db: Db, code: string): Promise<number> {
  const e = await findEntryByCode(db, 'theme', code);
  if (!e) throw new Error(`no theme ${code}`);
  return e.id;
}

export async function buildRequestInput(
  db: Db,
  overrides: Partial<CreateRequestInput> = {},
): Promise<CreateRequestInput> {
  return {
    receivedOn: todayInBrussels(),
    channel: 'helpline',
    kindId: await kindId(db),
    requesterType: 'worker',
    sectorId: null,
    region: null,
    themeIds: [],
    subject: 'Une équipe de CPAS se demande si elle peut répondre à la police',
    notes: '',
    assigneeIds: [],
    eventOn: null,
    plannedYear: null,
    confirmIdentifying: true,
    identityName: '',
    identityOrganisation: '',
    identityEmail: '',
    identityPhone: '',
    toDiscuss: false,
    assignMe: false,
    ...overrides,
  };
}

/** Form fields of the helpline intake, as a browser posts them. */
export async function intakeForm(
  db: Db,
  overrides: Record<string, string | string[]> = {},
): Promise<Record<string, string | string[]>> {
  return {
    mode: 'intake',
    receivedOn: todayInBrussels(),
    channel: 'helpline',
    kindId: String(await kindId(db)),
    requesterType: 'worker',
    sectorId: '',
    region: '',
    subject: 'Une AS se demande si elle peut témoigner',
    notes: '',
    identityName: '',
    identityOrganisation: '',
    identityEmail: '',
    identityPhone: '',
    assignMe: 'oui',
    ...overrides,
  };
}

/**
 * The Manifesto's official text in these languages: signing stays closed on a
 * placeholder, so every test that signs publishes one first.
 */
export async function publishManifesto(db: Db, locales: Array<'fr' | 'nl' | 'en'> = ['fr', 'nl', 'en']): Promise<void> {
  for (const locale of locales) {
    await db
      .insertInto('manifesto_versions')
      .values({
        locale,
        version_label: '2026',
        published_on: '2026-01-15',
        summary: '',
        body: `## Manifeste du travail social (${locale})\n\nLe texte de test, publié.`,
        is_placeholder: 0,
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  // Written behind the app's back: test apps keep no public page in cache
  // (PUBLIC_CACHE_SECONDS=0 in tests/setup/app.ts), so the next page shows it.
}
