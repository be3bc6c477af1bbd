import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../../lib/tokens.js';
import { setFlash } from '../../web/context.js';
import { sendError } from '../../web/error-pages.js';
import { escapeHtml } from '../../web/markdown.js';
import { z } from 'zod';

/**
 * A form posted after the session expired (a three-hour helpline shift past the two-hour idle
 * limit, without JavaScript to keep the session alive): it is held while the person signs in
 * again, then shown back filled for them to save — never saved without them (issue 9).
 *
 * Held in this process's memory only, encrypted with the app's key, for 30 minutes at most, and
 * never written to disk. With several processes behind a proxy, the sign-in must reach the same
 * process within that time, or the form is lost as before (docs/security.md).
 */
export const HELD_FORM_COOKIE = 'vigie_saisie';
const LIFE_MS = 30 * 60_000;
// Bounds on memory: a form larger than this is not held (the 401 as before); the oldest go first.
const MAX_HELD = 200;
const MAX_FORM_CHARS = 100_000;

const heldFormSchema = z.object({
  /** The path the form posted to. */
  action: z.string(),
  /** The page the form was on (same site), if the browser said. */
  page: z.string().nullable(),
  values: z.record(z.string(), z.array(z.string())),
});
export type HeldForm = z.infer<typeof heldFormSchema>;
type FormValues = HeldForm['values'];

interface Sealed {
  sealed: string;
  expiresAt: number;
}

// One store per app, keyed by its vault: the same object in every plugin, unlike the instance.
const stores = new WeakMap<object, Map<string, Sealed>>();

function storeOf(app: FastifyInstance): Map<string, Sealed> {
  let store = stores.get(app.vault);
  if (!store) stores.set(app.vault, (store = new Map()));
  return store;
}

/** Form fields as lists of strings; the CSRF token and anything not text is left out. */
function formValues(body: unknown): FormValues | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    const list = [value].flat();
    if (!list.every((v) => typeof v === 'string')) return null;
    values[name] = list;
  }
  return values;
}

/** Holds the form and returns the id the browser keeps in a cookie; null when it is too large. */
function holdForm(app: FastifyInstance, form: HeldForm, now: number): string | null {
  const json = JSON.stringify(form);
  if (json.length > MAX_FORM_CHARS) return null;
  const store = storeOf(app);
  for (const [id, item] of store) if (item.expiresAt <= now || store.size >= MAX_HELD) store.delete(id);
  const id = randomToken();
  store.set(id, { sealed: app.vault.encrypt(json, `held-form:${id}`), expiresAt: now + LIFE_MS });
  return id;
}

/** The held form of this id, once: it is forgotten as soon as it is shown back. */
export function takeHeldForm(app: FastifyInstance, id: string, now: number): HeldForm | null {
  const store = storeOf(app);
  const item = store.get(id);
  store.delete(id);
  if (!item || item.expiresAt <= now) return null;
  return heldFormSchema.parse(JSON.parse(app.vault.decrypt(item.sealed, `held-form:${id}`)));
}

/** What the memory holds (tests check it is never the typed text in clear). */
export function heldSealed(app: FastifyInstance): string[] {
  return [...storeOf(app).values()].map((item) => item.sealed);
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const withoutAttr = (tag: string, name: string) =>
  tag.replace(new RegExp(`\\s${name}(?:="[^"]*")?(?=[\\s/>])`, 'g'), '');
const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : "'",
  );

/**
 * Puts the values back into the page's form that posts to `action`: text fields, text areas,
 * check boxes, radio buttons and lists. The page's own hidden fields (its fresh CSRF token) stay.
 * Null when the page has no such form.
 */
export function fillForm(html: string, action: string, values: FormValues): string | null {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)];
  const match = forms.find((m) => unescape(attr(/<form\b[^>]*>/.exec(m[0])?.[0] ?? '', 'action') ?? '') === action);
  if (!match || match.index === undefined) return null;
  const used = new Map<string, number>();
  const next = (name: string): string | undefined => {
    const i = used.get(name) ?? 0;
    used.set(name, i + 1);
    return values[name]?.[i];
  };
  const filled = match[0]
    .replace(/<input\b[^>]*>/g, (tag) => {
      const name = unescape(attr(tag, 'name') ?? '');
      const type = attr(tag, 'type') ?? 'text';
      if (!name || !(name in values) || ['hidden', 'submit', 'button', 'password', 'file'].includes(type)) return tag;
      if (type === 'checkbox' || type === 'radio') {
        const own = unescape(attr(tag, 'value') ?? 'on');
        const bare = withoutAttr(tag, 'checked');
        return values[name]?.includes(own) ? bare.replace(/^<input/, '<input checked') : bare;
      }
      const value = next(name);
      return value === undefined
        ? tag
        : withoutAttr(tag, 'value').replace(/^<input/, `<input value="${escapeHtml(value)}"`);
    })
    .replace(/<textarea\b([^>]*)>[\s\S]*?<\/textarea>/g, (whole, attrs: string) => {
      const name = unescape(attr(attrs, 'name') ?? '');
      const value = name in values ? next(name) : undefined;
      return value === undefined ? whole : `<textarea${attrs}>${escapeHtml(value)}</textarea>`;
    })
    .replace(/<select\b([^>]*)>([\s\S]*?)<\/select>/g, (whole, attrs: string, options: string) => {
      const name = unescape(attr(attrs, 'name') ?? '');
      const chosen = values[name];
      if (!chosen) return whole;
      const marked = options.replace(/<option\b[^>]*>/g, (tag) => {
        const bare = withoutAttr(tag, 'selected');
        return chosen.includes(unescape(attr(tag, 'value') ?? ''))
          ? bare.replace(/^<option/, '<option selected')
          : bare;
      });
      return `<select${attrs}>${marked}</select>`;
    });
  const notice =
    '<p class="notice" role="status" id="saisie-gardee">Votre session avait expiré : ce que vous aviez saisi est ' +
    'remis dans le formulaire ci-dessous. Relisez-le, puis enregistrez : rien n’est encore enregistré.</p>';
  return html.slice(0, match.index) + notice + filled + html.slice(match.index + match[0].length);
}

const awaitingSignIn = new WeakSet<FastifyRequest>();

/** The access check found an expired session on a form's POST: hold it after its CSRF check (below). */
export function holdAfterCsrfCheck(request: FastifyRequest): void {
  awaitingSignIn.add(request);
}

/** Same-site path of the page the form was on (Referer, sent same-origin only: see the layout's meta). */
function pageOf(request: FastifyRequest, publicUrl: string): string | null {
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    const url = new URL(referer, publicUrl);
    const own = new URL(publicUrl);
    return url.host === own.host || url.host === request.host ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/**
 * A preHandler after the CSRF check: a form posted without a session is held (encrypted, in
 * memory) and the person sent to sign in, back to /reprise. A body that is not a plain form
 * (a file upload) gets the 401 as before.
 */
export function heldFormHook(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!awaitingSignIn.has(request)) return;
    const values = formValues(request.body);
    const action = request.url.split('?')[0] ?? '/';
    const id = values && holdForm(app, { action, page: pageOf(request, app.config.publicUrl), values }, Date.now());
    if (!id) return sendError(request, reply, 401, 'Connexion requise', 'Connectez-vous pour continuer.');
    reply.setCookie(HELD_FORM_COOKIE, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.cookieSecure,
      maxAge: LIFE_MS / 1000,
    });
    setFlash(
      reply,
      'Votre session a expiré. Reconnectez-vous : ce que vous venez de saisir est gardé et vous sera remontré pour l’enregistrer.',
    );
    return reply.redirect(`/connexion?retour=${encodeURIComponent('/reprise')}`, 303);
  };
}
