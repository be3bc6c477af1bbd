import { organisationOf } from '../../lib/organisation-name.js';
import { HTML_LANG, localePath, translator, type Locale } from '../../web/i18n/index.js';
import {
  linkParagraph,
  mailMarkdownToHtml,
  mailMarkdownToText,
  plainParagraph,
  renderMailDocument,
} from '../mail/mail.render.js';
import type { MailContext } from '../mail/mail.context.js';

export interface IssueVersion {
  subject: string;
  body: string;
}

/** A subscriber's mail carries their own unsubscribe link; a test to oneself, a harmless one. */
export type IssueFooter = { kind: 'subscriber'; link: string } | { kind: 'test' };

/**
 * One issue as a subscriber receives it: subject, a plain-text part and an
 * HTML part from the same text, the organisation's name, why they receive it
 * and how to leave, in the version's language.
 */
export function renderIssueMail(
  version: IssueVersion,
  locale: Locale,
  mail: MailContext,
  footer: IssueFooter,
  /** The subscriber's own language: how to leave is said in it, even under a French text. */
  footerLocale: Locale = locale,
): { subject: string; text: string; html: string } {
  const t = translator(footerLocale);
  const names = {
    organisation: mail.organisationName,
    organisationOf: mail.organisationOf ?? organisationOf(mail.organisationName),
  };
  const link = footer.kind === 'subscriber' ? footer.link : `${mail.baseUrl}${localePath(footerLocale, '/newsletter')}`;
  const why = t('mail.newsletter.why', names);
  const unsubscribe = t('mail.newsletter.unsubscribe');
  const textFooter = [
    footer.kind === 'test' ? t('mail.newsletter.test') : '',
    t('mail.newsletter.footer', { ...names, link }),
  ]
    .filter(Boolean)
    .join('\n');
  const text = `${mailMarkdownToText(version.body, mail.baseUrl)}\n\n-- \n${mail.organisationName}\n${textFooter}\n`;
  const html = renderMailDocument({
    lang: HTML_LANG[locale],
    subject: version.subject,
    organisation: mail.organisationName,
    contentHtml: mailMarkdownToHtml(version.body, mail.baseUrl),
    footerHtml: `<div lang="${HTML_LANG[footerLocale]}">${[
      footer.kind === 'test' ? plainParagraph(t('mail.newsletter.test')) : '',
      plainParagraph(why),
      linkParagraph(unsubscribe, link),
    ]
      .filter(Boolean)
      .join('\n')}</div>`,
  });
  return { subject: version.subject, text, html };
}
