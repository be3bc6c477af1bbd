import type { FastifyInstance } from 'fastify';
import { NOUNS, plural } from './lib/plural.js';
import { purgeExpiredSignups } from './modules/manifesto/manifesto.service.js';
import type { JobDefinition } from './modules/jobs/jobs.types.js';
import { deliverNotices } from './modules/notices/notices.service.js';
import { applyRetention } from './modules/retention/retention.service.js';
import { alertEmptyShifts, sendShiftReminders } from './modules/rota/rota.jobs.service.js';

/**
 * Every piece of scheduled work, in one place. The scheduler
 * (src/modules/jobs/jobs.service.ts) runs each job once per period across all
 * server processes; add a job here, its code in its own module
 * (`<module>.jobs.ts`). Summaries are French and never identify anyone.
 */
export function scheduledJobs(app: FastifyInstance): JobDefinition[] {
  const rotaMail = async () => ({
    baseUrl: app.config.publicUrl,
    organisationName: (await app.organisation.get()).name,
  });
  return [
    {
      name: 'rota.reminders',
      label: 'Rappeler sa permanence téléphonique, la veille, à qui la tient',
      schedule: { every: 'day', at: '09:00' },
      run: async ({ db, now }) => {
        const sent = await sendShiftReminders(db, now, await rotaMail());
        return sent ? `rappels envoyés : ${sent}` : undefined;
      },
    },
    {
      name: 'rota.alerts',
      label: 'Prévenir le bureau d’une permanence sans personne dans les deux semaines',
      schedule: { every: 'day', at: '09:30' },
      run: async ({ db, now }) => {
        const empty = await alertEmptyShifts(db, now, await rotaMail());
        return empty ? `permanences sans personne signalées : ${empty}` : undefined;
      },
    },
    {
      name: 'mail.flush',
      label: 'Envoyer les e-mails en attente',
      schedule: { every: 'interval', seconds: 15 },
      // A slow SMTP server must not let a second process send the same rows.
      leaseSeconds: 600,
      maxAttempts: 1,
      run: async ({ db, now }) => {
        const { sent, failed } = await app.mailer.flush(db, now);
        return sent || failed ? `e-mails envoyés : ${sent}, en échec : ${failed}` : undefined;
      },
    },
    {
      name: 'notices.send',
      label: 'Prévenir par e-mail qui reçoit une demande ou qu’une demande est à discuter en bureau',
      schedule: { every: 'interval', seconds: 15 },
      run: async ({ db, now }) => {
        const queued = await deliverNotices(db, await rotaMail(), now);
        return queued ? `avis envoyés : ${queued}` : undefined;
      },
    },
    {
      name: 'signups.purge',
      label: 'Effacer les signatures et abonnements jamais confirmés',
      schedule: { every: 'interval', seconds: 600 },
      run: async ({ db, now }) => {
        const { signatures, subscribers } = await purgeExpiredSignups(db, now);
        return signatures || subscribers
          ? `effacés : ${plural(signatures, NOUNS.signature)}, ${plural(subscribers, NOUNS.subscription)}`
          : undefined;
      },
    },
    {
      // Also empties sent mail bodies (formerly the job mail.purge_bodies).
      name: 'retention.daily',
      label: 'Appliquer les durées de conservation (identités, adresses désinscrites, e-mails, sessions)',
      schedule: { every: 'day', at: '03:30' },
      run: async ({ db, now }) => {
        const c = await applyRetention(db, now, {
          vault: app.vault,
          delays: app.config.retention,
          sessionIdleMinutes: app.config.sessionIdleMinutes,
        });
        return `identités : ${c.identities}, adresses : ${c.unsubscribed}, e-mails : ${c.mailBodies}, sessions : ${c.sessions}, liens : ${c.tokens}`;
      },
    },
  ];
}
