import type { DbOrTrx } from '../../db/index.js';
import { addDays } from '../../lib/belgian-calendar.js';
import { icsCalendar, type IcsEvent } from '../../lib/icalendar.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import { nowIso, todayInBrussels } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import type { CurrentUser } from '../../web/access.js';
import { assembliesBetween, publicAgendaAssemblies, type AgendaAssembly } from '../plenary/plenary.queries.js';

/**
 * Calendars: a private feed per board member (their helpline shifts, the
 * board meetings, the plenary's assemblies, the meetings of their working
 * groups) behind a token that only its owner sees and can revoke, and
 * the public agenda's feed (the site's published events).
 */

function assemblyEvent(a: AgendaAssembly, site: { host: string }, url: string): IcsEvent {
  return {
    uid: `assembly-${a.id}@${site.host}`,
    date: a.held_on,
    start: a.starts_at,
    end: a.ends_at,
    summary: a.title ? `Assemblée plénière : ${a.title}` : 'Assemblée plénière',
    location: a.place,
    url,
  };
}

/** Makes a new private link for the user; any previous one stops working. Returns the token (shown once). */
export async function renewCalendarToken(db: DbOrTrx, user: CurrentUser, now: Date): Promise<string> {
  const token = randomToken();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('calendar_tokens')
      .set({ revoked_at: nowIso(now) })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
    await trx
      .insertInto('calendar_tokens')
      .values({ user_id: user.id, token_hash: hashToken(token), created_at: nowIso(now), revoked_at: null })
      .execute();
    await recordAudit(
      trx,
      { actorId: user.id, action: 'calendar.token', entityType: 'calendar', summary: 'lien créé' },
      now,
    );
  });
  return token;
}

export async function revokeCalendarToken(db: DbOrTrx, user: CurrentUser, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('calendar_tokens')
      .set({ revoked_at: nowIso(now) })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(
      trx,
      { actorId: user.id, action: 'calendar.token', entityType: 'calendar', summary: 'lien révoqué' },
      now,
    );
  });
}

export async function hasCalendarToken(db: DbOrTrx, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('calendar_tokens')
    .select('id')
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The active board member a private link belongs to, or undefined (unknown, revoked, or no longer on the board). */
async function ownerOf(db: DbOrTrx, token: string): Promise<{ id: number; name: string } | undefined> {
  const row = await db
    .selectFrom('calendar_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.active'])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.active !== 1 || !row.role.split(',').some((r) => r.trim() === 'board')) return undefined;
  return { id: row.id, name: row.display_name };
}

/** A board member's private feed: their shifts and the board meetings, from a month back to a year ahead. */
export async function privateFeed(
  db: DbOrTrx,
  token: string,
  site: { baseUrl: string; organisationName: string; host: string },
  now: Date,
): Promise<string | undefined> {
  const owner = await ownerOf(db, token);
  if (!owner) return undefined;
  const today = todayInBrussels(now);
  const from = addDays(today, -31);
  const to = addDays(today, 366);
  const shifts = await db
    .selectFrom('helpline_shifts')
    .select(['id', 'held_on', 'starts_at', 'ends_at'])
    .where('user_id', '=', owner.id)
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .orderBy('held_on')
    .execute();
  const meetings = await db
    .selectFrom('board_meetings')
    .select(['id', 'kind', 'held_on', 'starts_at', 'ends_at', 'place'])
    .where('cancelled_at', 'is', null)
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .orderBy('held_on')
    .execute();
  const assemblies = await assembliesBetween(db, from, to, false);
  const groupMeetings = await db
    .selectFrom('working_group_meetings as gm')
    .innerJoin('working_group_members as m', 'm.group_id', 'gm.group_id')
    .innerJoin('working_groups as g', 'g.id', 'gm.group_id')
    .select(['gm.id', 'gm.group_id', 'gm.held_on', 'gm.starts_at', 'gm.place', 'g.name'])
    .where('m.user_id', '=', owner.id)
    .where('gm.held_on', '>=', from)
    .where('gm.held_on', '<=', to)
    .orderBy('gm.held_on')
    .execute();
  const events: IcsEvent[] = [
    ...assemblies.map((a) => assemblyEvent(a, site, `${site.baseUrl}/bureau/assemblees/${a.id}`)),
    ...groupMeetings.map((m) => ({
      uid: `group-meeting-${m.id}@${site.host}`,
      date: m.held_on,
      start: m.starts_at,
      summary: `Groupe de travail : ${m.name}`,
      location: m.place,
      url: `${site.baseUrl}/bureau/groupes/${m.group_id}`,
    })),
    ...shifts.map((s) => ({
      uid: `shift-${s.id}@${site.host}`,
      date: s.held_on,
      start: s.starts_at,
      end: s.ends_at,
      summary: 'Permanence téléphonique',
      url: `${site.baseUrl}/bureau/permanences`,
    })),
    ...meetings.map((m) => ({
      uid: `meeting-${m.id}@${site.host}`,
      date: m.held_on,
      start: m.starts_at,
      end: m.ends_at,
      summary: m.kind === 'retreat' ? 'Mise au vert du bureau' : 'Réunion de bureau',
      location: m.place,
      url: `${site.baseUrl}/bureau/reunions/${m.id}`,
    })),
  ];
  return icsCalendar(`${site.organisationName} — mon agenda`, events, now);
}

/** The public agenda: the site's published events (French), from a year back. */
export async function publicFeed(
  db: DbOrTrx,
  site: { baseUrl: string; organisationName: string; host: string },
  now: Date,
): Promise<string> {
  const rows = await db
    .selectFrom('content_items')
    .select(['id', 'slug', 'title', 'summary', 'event_starts_on', 'event_ends_on', 'event_place'])
    .where('type', '=', 'event')
    .where('locale', '=', 'fr')
    .where('status', '=', 'published')
    .where('event_starts_on', 'is not', null)
    .where('event_starts_on', '>=', addDays(todayInBrussels(now), -366))
    .orderBy('event_starts_on')
    .execute();
  const assemblies = await publicAgendaAssemblies(db, todayInBrussels(now));
  const events: IcsEvent[] = assemblies.map((a) => assemblyEvent(a, site, `${site.baseUrl}/agenda`));
  events.push(
    ...rows.flatMap((r) =>
      r.event_starts_on
        ? [
            {
              uid: `event-${r.id}@${site.host}`,
              date: r.event_starts_on,
              endDate: r.event_ends_on,
              summary: r.title,
              description: r.summary,
              location: r.event_place ?? '',
              url: `${site.baseUrl}/agenda/${r.slug}`,
            },
          ]
        : [],
    ),
  );
  return icsCalendar(`${site.organisationName} — agenda`, events, now);
}
