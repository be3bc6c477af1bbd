import type { DbOrTrx } from '../../db/index.js';
import { todayInBrussels } from '../../lib/time.js';
import { AUDIT_ACTIONS, isAuditAction, listAudit, type AuditAction } from '../audit/audit.service.js';
import { nextMeeting, type MeetingDetail } from '../meetings/meetings.service.js';
import {
  assignedRequests,
  flaggedRequests,
  requestSummaries,
  type RequestSummary,
} from '../requests/requests.board.service.js';

/**
 * « Mon tableau de bord »: what a board member needs when they open Vigie.
 * Built from the register's anonymous lines (reference, subject, status) and
 * the audit trail's words; never an identity, never the confidential notes.
 */

/** What the register's recent activity shows: changes to requests, not who read what. */
const ACTIVITY_ACTIONS = [
  'request.create',
  'request.update',
  'request.status',
  'request.close',
  'request.reopen',
  'request.event',
  'request.decision',
] as const satisfies readonly AuditAction[];

export interface ActivityLine {
  at: string;
  actorName: string;
  /** « a clôturé la demande » */
  did: string;
  request: RequestSummary;
}

export interface Dashboard {
  mine: { open: RequestSummary[]; closed: RequestSummary[] };
  /** The next board meeting, with its agenda, when one is planned. */
  meeting: MeetingDetail | null;
  /** Requests flagged « à discuter en bureau » that the next meeting's agenda does not have yet (all of them without a meeting). */
  flagged: RequestSummary[];
  activity: ActivityLine[];
}

export async function dashboardFor(db: DbOrTrx, userId: number, now: Date): Promise<Dashboard> {
  const [mine, meeting, flagged, audit] = await Promise.all([
    assignedRequests(db, userId),
    nextMeeting(db, todayInBrussels(now)),
    flaggedRequests(db),
    listAudit(db, { actions: ACTIVITY_ACTIONS, entityType: 'request', page: 1, pageSize: 12 }),
  ]);
  const onAgenda = new Set(meeting?.items.flatMap((i) => (i.request ? [i.request.id] : [])) ?? []);
  const ids = audit.rows.map((r) => Number(r.entity_id)).filter((id) => Number.isSafeInteger(id) && id > 0);
  const summaries = await requestSummaries(db, ids);
  const activity = audit.rows.flatMap((r) => {
    const request = summaries.get(Number(r.entity_id));
    if (!request) return [];
    return [
      {
        at: r.at,
        actorName: r.actor_name ?? 'Vigie',
        did: isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : r.action,
        request,
      },
    ];
  });
  return { mine, meeting, flagged: flagged.filter((r) => !onAgenda.has(r.id)), activity };
}
