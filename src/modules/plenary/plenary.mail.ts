import { formatDateLong } from '../../lib/time.js';
import type { MailContext } from '../mail/mail.context.js';
import { bodyParagraph, footerParagraph, renderMailDocument } from '../mail/mail.render.js';
import { assemblyTitle, type AssemblyDetail } from './plenary.service.js';

/** « 9 h 30 ». */
const hour = (hhmm: string) => {
  const [h = '0', m = '00'] = hhmm.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
};

/** The lines that say when and where, shared by the mail and the minutes. */
export function whenAndWhere(a: AssemblyDetail): { when: string; where: string[] } {
  const hours = a.startsAt
    ? `, ${a.endsAt ? `de ${hour(a.startsAt)} à ${hour(a.endsAt)}` : `à ${hour(a.startsAt)}`}`
    : '';
  return {
    when: `${formatDateLong(a.heldOn)}${hours}`,
    where: [a.place ? `Lieu : ${a.place}` : '', a.videoUrl ? `En visioconférence : ${a.videoUrl}` : ''].filter(Boolean),
  };
}

/**
 * The convocation one member receives: when, where, the agenda, and their own
 * link to stop receiving the plenary's mailings (also in the List-Unsubscribe
 * header, RFC 2369 and RFC 8058).
 */
export function convocationMail(
  a: AssemblyDetail,
  ctx: MailContext,
  unsubscribeLink: string,
): { subject: string; text: string; html: string } {
  const subject = `Convocation : ${assemblyTitle(a).replace('Assemblée', 'assemblée')}`;
  const { when, where } = whenAndWhere(a);
  const intro = `Le bureau ${ctx.organisationOf ?? `de ${ctx.organisationName}`} vous invite à l’assemblée plénière du ${when}.`;
  const theme = a.title ? `Thème : ${a.title}` : '';
  const agenda = a.items.map((item, n) => `${n + 1}. ${item.title}`);
  const why =
    'Vous recevez cet e-mail parce que vous êtes membre de la plénière et avez accepté d’en recevoir les convocations par e-mail.';
  const text = [
    'Bonjour,',
    intro,
    [theme, ...where].filter(Boolean).join('\n'),
    `Ordre du jour :\n${agenda.join('\n')}`,
    `Au plaisir de vous y retrouver,\nLe bureau — ${ctx.organisationName}`,
    `--\n${why}\nPour ne plus les recevoir : ${unsubscribeLink}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const html = renderMailDocument({
    lang: 'fr-BE',
    subject,
    organisation: ctx.organisationName,
    contentHtml: [
      bodyParagraph('Bonjour,'),
      bodyParagraph(intro),
      ...[theme, ...where].filter(Boolean).map(bodyParagraph),
      bodyParagraph('Ordre du jour :'),
      ...agenda.map(bodyParagraph),
      bodyParagraph('Au plaisir de vous y retrouver,'),
      bodyParagraph(`Le bureau — ${ctx.organisationName}`),
    ].join('\n'),
    footerHtml: footerParagraph(why, 'Ne plus recevoir les convocations', unsubscribeLink),
  });
  return { subject, text, html };
}
