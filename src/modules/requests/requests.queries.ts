import type { DbOrTrx } from '../../db/index.js';
import { listsWith } from '../../lib/roles.js';
import { containsText } from '../../db/like.js';
import type { Status } from './requests.constants.js';

export type SortOrder = 'received_desc' | 'received_asc' | 'updated_desc';

export interface RequestFilter {
  year?: number | undefined;
  kindId?: number | undefined;
  status?: Status | 'open' | undefined;
  themeIds?: number[] | undefined;
  sectorId?: number | undefined;
  assignedTo?: number | undefined;
  terms?: string[] | undefined;
  sort: SortOrder;
  page: number;
  pageSize: number;
}

function filtered(db: DbOrTrx, f: RequestFilter) {
  let q = db.selectFrom('requests');
  if (f.year !== undefined) q = q.where('requests.year', '=', f.year);
  if (f.kindId !== undefined) q = q.where('requests.kind_id', '=', f.kindId);
  if (f.status === 'open') q = q.where('requests.status', '!=', 'closed');
  else if (f.status !== undefined) q = q.where('requests.status', '=', f.status);
  if (f.sectorId !== undefined) q = q.where('requests.sector_id', '=', f.sectorId);
  if (f.themeIds?.length) {
    const ids = f.themeIds;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('request_themes')
          .select('request_themes.request_id')
          .whereRef('request_themes.request_id', '=', 'requests.id')
          .where('request_themes.theme_id', 'in', ids),
      ),
    );
  }
  if (f.assignedTo !== undefined) {
    const userId = f.assignedTo;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('request_assignees')
          .select('request_assignees.request_id')
          .whereRef('request_assignees.request_id', '=', 'requests.id')
          .where('request_assignees.user_id', '=', userId),
      ),
    );
  }
  // search_text is folded (lower case, no accents) on write, terms on read:
  // the same LIKE works on both engines, accent-insensitive.
  for (const term of f.terms ?? []) {
    q = q.where(containsText('requests.search_text', term));
  }
  return q;
}

export async function listRequests(db: DbOrTrx, f: RequestFilter) {
  let q = filtered(db, f).select([
    'requests.id',
    'requests.reference',
    'requests.received_on',
    'requests.status',
    'requests.kind_id',
    'requests.subject',
    'requests.channel',
    'requests.outcome',
    'requests.updated_at',
    'requests.year',
  ]);
  if (f.sort === 'received_asc') q = q.orderBy('requests.received_on', 'asc').orderBy('requests.id', 'asc');
  else if (f.sort === 'updated_desc') q = q.orderBy('requests.updated_at', 'desc').orderBy('requests.id', 'desc');
  else q = q.orderBy('requests.received_on', 'desc').orderBy('requests.id', 'desc');
  const [rows, count] = await Promise.all([
    q
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function themesOf(db: DbOrTrx, requestIds: number[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('request_themes')
    .select(['request_id', 'theme_id'])
    .where('request_id', 'in', requestIds)
    .execute();
}

export function assigneesOf(db: DbOrTrx, requestIds: number[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('request_assignees')
    .innerJoin('users', 'users.id', 'request_assignees.user_id')
    .select(['request_assignees.request_id', 'users.id as user_id', 'users.display_name'])
    .where('request_assignees.request_id', 'in', requestIds)
    .orderBy('users.display_name')
    .execute();
}

export function findRequest(db: DbOrTrx, id: number) {
  return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function eventsOf(db: DbOrTrx, requestId: number) {
  return db
    .selectFrom('request_events')
    .leftJoin('users', 'users.id', 'request_events.actor_id')
    .select([
      'request_events.id',
      'request_events.occurred_on',
      'request_events.type',
      'request_events.body',
      'request_events.data',
      'request_events.created_at',
      'users.display_name as actor_name',
    ])
    .where('request_events.request_id', '=', requestId)
    .orderBy('request_events.occurred_on', 'asc')
    .orderBy('request_events.id', 'asc')
    .execute();
}

export function boardMembers(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('active', '=', 1)
    .where('role', 'in', listsWith('board'))
    .orderBy('display_name')
    .execute();
}

export async function requestYears(db: DbOrTrx): Promise<number[]> {
  const rows = await db.selectFrom('requests').select('year').distinct().orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export function identityOf(db: DbOrTrx, requestId: number) {
  return db.selectFrom('requester_identities').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}
