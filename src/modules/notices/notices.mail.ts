import type { NoticeReason } from '../../db/schema.js';
import type { MailContext } from '../mail/mail.context.js';

export interface NoticeLine {
  reason: NoticeReason;
  requestId: number;
  reference: string;
}

const SAID: Record<NoticeReason, string> = {
  assigned: 'vous est confiée',
  flagged: 'est à discuter au prochain bureau',
};

/**
 * The notice e-mail: a reference and a link per request, nothing else — no
 * subject, no name, no notes. An e-mail leaves the register's protection: it
 * may be read on a shared computer or kept by a mail provider.
 */
export function noticeMail(lines: NoticeLine[], mail: MailContext): { subject: string; text: string } {
  const first = lines[0];
  const subject =
    lines.length === 1 && first
      ? `Vigie : la demande ${first.reference} ${SAID[first.reason]}`
      : `Vigie : ${lines.length} demandes vous concernent`;
  const body = lines.map(
    (l) => `La demande ${l.reference} ${SAID[l.reason]} :\n${mail.baseUrl}/demandes/${l.requestId}`,
  );
  const text = [
    'Bonjour,',
    ...body,
    'Ouvrez le lien et connectez-vous pour lire la demande.',
    `Pour ne plus recevoir ces e-mails : ${mail.baseUrl}/compte/avis`,
    `— Vigie, ${mail.organisationName}`,
  ].join('\n\n');
  return { subject, text: `${text}\n` };
}
