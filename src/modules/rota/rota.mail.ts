import { isoWeekday } from '../../lib/belgian-calendar.js';
import { formatDateLong } from '../../lib/time.js';
import type { Shift } from './rota.queries.js';

/** What the rota's e-mails need: where links point, and who sends them. */
export interface RotaMailContext {
  baseUrl: string;
  organisationName: string;
}

interface Mail {
  subject: string;
  text: string;
  purpose: string;
}

const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** « 13 h », « 13 h 30 ». */
const hour = (hhmm: string) => {
  const [h = '0', m = '00'] = hhmm.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
};

/** « jeudi 3 septembre 2026, de 13 h à 16 h ». */
export const shiftLabel = (s: Pick<Shift, 'heldOn' | 'startsAt' | 'endsAt'>) =>
  `${WEEKDAYS[isoWeekday(s.heldOn)] ?? ''} ${formatDateLong(s.heldOn)}, de ${hour(s.startsAt)} à ${hour(s.endsAt)}`;

const signature = (ctx: RotaMailContext) => `\n\n— Vigie, ${ctx.organisationName}`;

export function swapProposedMail(ctx: RotaMailContext, swapId: number, from: string, mine: Shift, theirs: Shift): Mail {
  return {
    subject: `Permanence : ${from} propose un échange`,
    text:
      `${from} vous propose d’échanger sa permanence du ${shiftLabel(mine)} ` +
      `contre la vôtre du ${shiftLabel(theirs)}.\n\n` +
      `Pour accepter ou refuser : ${ctx.baseUrl}/bureau/permanences/echanges/${swapId}` +
      signature(ctx),
    purpose: 'rota_swap',
  };
}

export function swapAnsweredMail(
  ctx: RotaMailContext,
  accepted: boolean,
  by: string,
  mine: Shift,
  theirs: Shift,
): Mail {
  return {
    subject: accepted ? `Permanence : ${by} accepte l’échange` : `Permanence : ${by} refuse l’échange`,
    text: accepted
      ? `${by} a accepté l’échange : vous tenez maintenant la permanence du ${shiftLabel(theirs)}, ` +
        `et ${by} celle du ${shiftLabel(mine)}.\n\nLe tour de rôle : ${ctx.baseUrl}/bureau/permanences` +
        signature(ctx)
      : `${by} n’a pas accepté l’échange : vous gardez la permanence du ${shiftLabel(mine)}.\n\n` +
        `Le tour de rôle : ${ctx.baseUrl}/bureau/permanences` +
        signature(ctx),
    purpose: 'rota_swap',
  };
}

export function reminderMail(ctx: RotaMailContext, shift: Shift): Mail {
  return {
    subject: `Rappel : permanence téléphonique le ${formatDateLong(shift.heldOn)}`,
    text:
      `Bonjour ${shift.name ?? ''},\n\nVous tenez la permanence téléphonique le ${shiftLabel(shift)}.\n` +
      `Pour noter un appel : ${ctx.baseUrl}/permanence\n` +
      `Un empêchement ? Rendez la permanence ou proposez un échange : ${ctx.baseUrl}/bureau/permanences` +
      signature(ctx),
    purpose: 'rota_reminder',
  };
}

export function vacancyAlertMail(ctx: RotaMailContext, empty: readonly Shift[]): Mail {
  return {
    subject:
      empty.length === 1
        ? `Permanence sans personne le ${formatDateLong(empty[0]?.heldOn ?? '')}`
        : `${empty.length} permanences sans personne dans les deux semaines`,
    text:
      `Personne ne tient encore ${empty.length === 1 ? 'cette permanence' : 'ces permanences'} :\n\n` +
      empty.map((s) => `- ${shiftLabel(s)}`).join('\n') +
      `\n\nPour en prendre une : ${ctx.baseUrl}/bureau/permanences` +
      signature(ctx),
    purpose: 'rota_alert',
  };
}
