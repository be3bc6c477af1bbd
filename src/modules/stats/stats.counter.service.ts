import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.js';
import { todayInBrussels } from '../../lib/time.js';
import { pageKeyOf, pathKeyOf, sectionOf, shouldCount } from './stats.pages.js';

/**
 * Cookieless visit counting.
 *
 * What is stored (table page_views_daily): per day and page, the number of
 * views and of distinct visitors; per day, the same for the whole site
 * (path_key '*'). Nothing else: no IP address, no User-Agent, no hash.
 *
 * What exists only for the current day (Europe/Brussels), in the database so
 * that every server process shares it: a random salt (table visit_salts) and
 * the visitors already counted (table visit_seen: HMAC-SHA256(salt, IP +
 * User-Agent), and the same with the page, cut to 22 characters). The first
 * process to need the day's salt draws it; at the day's change the salt and
 * the visitors of earlier days are deleted. The IP address and the User-Agent
 * are never written. A visitor counted by one process is not counted again by
 * another.
 */
declare module 'fastify' {
  interface FastifyInstance {
    visitCounter: VisitCounter;
  }
}

const MAX_REMEMBERED = 500_000;
/**
 * Distinct pages counted per day (issue 9: every invented address used to add
 * a row). The site has a few hundred pages; past this, a view still counts for
 * the whole site ('*') but adds no page row. Each process applies it to what
 * it knows (the day's rows when it loads the salt, then its own).
 */
const MAX_PAGES_PER_DAY = 2_000;
/** How often counted views are written. */
const FLUSH_MS = 5_000;

interface Candidate {
  day: string;
  pathKey: string;
  /** A keyed hash under the day's salt: of the visitor for the site ('*'), of visitor and page otherwise. */
  key: string;
}

const INSERT_CHUNK = 200;

export class VisitCounter {
  private day = '';
  /** The day's salt, shared by every process through `visit_salts`; null until read. */
  private salt: Buffer | null = null;
  private loading: Promise<void> | null = null;
  /** Visits of the current day waiting for its salt (a few milliseconds); never written. */
  private pending: Array<{ day: string; pathKey: string; raw: string }> = [];
  private readonly siteSeen = new Set<string>();
  private readonly pageSeen = new Set<string>();
  /** The pages that have a row for the current day (capped, see MAX_PAGES_PER_DAY). */
  private readonly dayPages = new Set<string>();
  private candidates: Candidate[] = [];
  private readonly buffer = new Map<
    string,
    { day: string; path_key: string; section: string; views: number; visitors: number }
  >();
  private writing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly flusher: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
    private readonly maxPagesPerDay = MAX_PAGES_PER_DAY,
  ) {
    this.rotate();
    // Forget yesterday's salt soon after midnight even if nobody visits.
    this.timer = setInterval(() => this.rotate(), 60_000);
    this.timer.unref();
    this.flusher = setInterval(() => void this.flush().catch(() => undefined), FLUSH_MS);
    this.flusher.unref();
  }

  private rotate(): string {
    const today = todayInBrussels(this.clock());
    if (today !== this.day) {
      this.day = today;
      this.salt = null;
      this.siteSeen.clear();
      this.pageSeen.clear();
      this.dayPages.clear();
      // One load after the other: yesterday's late visits are hashed before its salt is deleted.
      this.loading = (this.loading ?? Promise.resolve()).then(() => this.loadSalt(today));
    }
    return today;
  }

  /**
   * The day's salt: the first process to need it draws it, the others read
   * it; the salts and visitors of earlier days are deleted on the way.
   */
  private async loadSalt(day: string): Promise<void> {
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('visit_salts').where('day', '<', day).execute();
        await trx.deleteFrom('visit_seen').where('day', '<', day).execute();
        await trx
          .insertInto('visit_salts')
          .values({ day, salt: randomBytes(32).toString('base64') })
          .onConflict((oc) => oc.column('day').doNothing())
          .execute();
        const pages = await trx
          .selectFrom('page_views_daily')
          .select('path_key')
          .where('day', '=', day)
          .where('path_key', '!=', '*')
          .limit(this.maxPagesPerDay)
          .execute();
        const salt = await trx
          .selectFrom('visit_salts')
          .select('salt')
          .where('day', '=', day)
          .executeTakeFirstOrThrow();
        return { salt: salt.salt, pages };
      });
      if (this.day === day) for (const p of row.pages) this.rememberPage(p.path_key);
      const salt = Buffer.from(row.salt, 'base64');
      if (this.day === day) this.salt = salt;
      const waiting = this.pending.filter((p) => p.day === day);
      this.pending = this.pending.filter((p) => p.day !== day);
      for (const p of waiting) this.count(salt, day, p.pathKey, p.raw);
    } catch {
      // Counting is best effort: the next visit or minute tries again.
      if (this.day === day) this.day = '';
    }
  }

  /**
   * Counts one view. Views are added up in memory and written in one
   * transaction every few seconds (and on close), so a busy page costs no
   * write per view.
   */
  record(url: string, ip: string, userAgent: string): void {
    const day = this.rotate();
    const pathKey = pathKeyOf(url);
    const raw = `${ip}\n${userAgent}`;
    // Until the day's salt and pages are read, the visit waits (the cap needs the pages).
    if (this.salt) this.count(this.salt, day, pathKey, raw);
    else this.pending.push({ day, pathKey, raw });
  }

  private count(salt: Buffer, day: string, pathKey: string, raw: string): void {
    // Past the day's cap of pages, a new page counts for the whole site only.
    const asPage = this.rememberPage(pathKey);
    if (asPage) this.add(day, pathKey, sectionOf(pathKey));
    this.add(day, '*', '*');
    this.noteVisitor(salt, day, asPage ? pathKey : null, raw);
  }

  /** True when the page may have a row today (it has one, or the cap is not reached). */
  private rememberPage(pathKey: string): boolean {
    if (this.dayPages.has(pathKey)) return true;
    if (this.dayPages.size >= this.maxPagesPerDay) return false;
    this.dayPages.add(pathKey);
    return true;
  }

  private noteVisitor(salt: Buffer, day: string, pathKey: string | null, raw: string): void {
    const visitor = createHmac('sha256', salt).update(raw).digest('base64url').slice(0, 22);
    if (this.remember(this.siteSeen, visitor)) this.candidates.push({ day, pathKey: '*', key: visitor });
    if (pathKey === null) return;
    const page = createHmac('sha256', salt).update(`${raw}\n${pathKey}`).digest('base64url').slice(0, 22);
    if (this.remember(this.pageSeen, page)) this.candidates.push({ day, pathKey, key: page });
  }

  private add(day: string, pathKey: string, section: string): void {
    const key = `${day}\n${pathKey}`;
    const row = this.buffer.get(key) ?? { day, path_key: pathKey, section, views: 0, visitors: 0 };
    row.views += 1;
    this.buffer.set(key, row);
  }

  private remember(set: Set<string>, key: string): boolean {
    if (set.has(key)) return false;
    if (set.size < MAX_REMEMBERED) set.add(key);
    return true;
  }

  /**
   * Writes what was counted since the last flush. A visitor new to this
   * process is new to the site only if no other process wrote them first:
   * `visit_seen` says so (insert, or nothing on conflict).
   */
  async flush(): Promise<void> {
    if (this.buffer.size === 0 && this.candidates.length === 0) return this.writing ?? undefined;
    const rows = new Map(this.buffer);
    const candidates = this.candidates;
    this.buffer.clear();
    this.candidates = [];
    const previous = this.writing ?? Promise.resolve();
    const work = previous
      .then(() =>
        this.db.transaction().execute(async (trx) => {
          const counted = new Map(rows);
          for (let i = 0; i < candidates.length; i += INSERT_CHUNK) {
            const chunk = candidates.slice(i, i + INSERT_CHUNK);
            const inserted = await trx
              .insertInto('visit_seen')
              .values(chunk.map((c) => ({ day: c.day, visitor: c.key })))
              .onConflict((oc) => oc.columns(['day', 'visitor']).doNothing())
              .returning(['day', 'visitor'])
              .execute();
            const fresh = new Set(inserted.map((r) => `${r.day}\n${r.visitor}`));
            for (const c of chunk) {
              if (!fresh.has(`${c.day}\n${c.key}`)) continue;
              const key = `${c.day}\n${c.pathKey}`;
              const row = counted.get(key) ?? {
                day: c.day,
                path_key: c.pathKey,
                section: c.pathKey === '*' ? '*' : sectionOf(c.pathKey),
                views: 0,
                visitors: 0,
              };
              counted.set(key, { ...row, visitors: row.visitors + 1 });
            }
          }
          for (const row of counted.values()) {
            await trx
              .insertInto('page_views_daily')
              .values(row)
              .onConflict((oc) =>
                oc.columns(['day', 'path_key']).doUpdateSet((eb) => ({
                  views: eb('page_views_daily.views', '+', eb.ref('excluded.views')),
                  visitors: eb('page_views_daily.visitors', '+', eb.ref('excluded.visitors')),
                })),
              )
              .execute();
          }
        }),
      )
      .catch((error: unknown) => {
        // Keep the counts for the next attempt rather than lose them.
        for (const [key, row] of rows) {
          const kept = this.buffer.get(key);
          if (kept) kept.views += row.views;
          else this.buffer.set(key, row);
        }
        this.candidates.push(...candidates);
        throw error;
      });
    // `writing` only orders the next flush after this one: it never rejects
    // (a failed flush keeps its rows for the next attempt, see above).
    const settled: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    );
    this.writing = settled;
    void settled.then(() => {
      if (this.writing === settled) this.writing = null;
    });
    return work;
  }

  /** Writes everything counted so far (tests, shutdown). */
  async settle(): Promise<void> {
    await this.loading;
    // Counting is best effort: a failed write must not fail a shutdown.
    await this.flush().catch(() => undefined);
  }

  close(): void {
    clearInterval(this.timer);
    clearInterval(this.flusher);
    this.siteSeen.clear();
    this.pageSeen.clear();
    this.dayPages.clear();
    this.pending = [];
  }
}

/** Registers the counter on the root instance (so every route, registered after, is seen). */
export function installVisitCounter(app: FastifyInstance): void {
  const counter = new VisitCounter(app.db);
  app.decorate('visitCounter', counter);
  app.addHook('onResponse', async (request, reply) => {
    if (!shouldCount(request, reply)) return;
    const page = pageKeyOf(request.routeOptions.url ?? '*', request.params);
    if (page !== null) counter.record(page, request.ip, request.headers['user-agent'] ?? '');
  });
  app.addHook('onClose', async () => {
    await counter.settle();
    counter.close();
  });
}
