/**
 * Disposable-address heuristics. The list holds the providers seen most often
 * in fake sign-ups; the patterns catch their many mirror domains. A match
 * sends the entry to quarantine (the board decides), it never rejects.
 */
const DISPOSABLE_DOMAINS = new Set(
  `0-mail.com 10minutemail.com 10minutemail.net 20minutemail.com 33mail.com anonbox.net anonymbox.com burnermail.io
   byom.de discard.email discardmail.com dispostable.com dropmail.me emailondeck.com fakeinbox.com fakemail.net
   getairmail.com getnada.com guerrillamail.biz guerrillamail.com guerrillamail.de guerrillamail.info guerrillamail.net
   guerrillamail.org guerrillamailblock.com harakirimail.com incognitomail.org jetable.org mail-temporaire.fr
   mailcatch.com maildrop.cc mailinator.com mailinator.net mailnesia.com mailnull.com mintemail.com moakt.com
   mohmal.com mytemp.email mytrashmail.com nada.email spam4.me spambog.com spamgourmet.com spamex.com temp-mail.io
   temp-mail.org tempail.com tempinbox.com tempmail.com tempmail.dev tempmail.net tempmailo.com tempr.email
   throwawaymail.com tmail.ws tmpmail.net tmpmail.org trash-mail.com trashmail.com trashmail.de trashmail.net
   wegwerfmail.de yopmail.com yopmail.fr yopmail.net cool.fr.nf jetable.fr.nf nospam.ze.tc nomail.xl.cx
   mega.zik.dj speed.1s.fr courriel.fr.nf moncourrier.fr.nf monemail.fr.nf monmail.fr.nf sharklasers.com
   grr.la pokemail.net spamthisplease.com mailpoof.com emailfake.com fakemailgenerator.com inboxkitten.com
   linshiyouxiang.net 1secmail.com 1secmail.net 1secmail.org esiix.com wwjmp.com xojxe.com yoggm.com`.split(/\s+/),
);

const DISPOSABLE_PATTERNS = [
  /(^|[.-])(temp|tmp|trash|throwaway|disposable|fake|spam|burner|jetable|wegwerf)[-a-z0-9]*mail/i,
  /(^|\.)(yopmail|mailinator|guerrillamail|10minutemail)\./i,
];

export function isDisposableEmail(email: string): boolean {
  const domain = email.split('@')[1]?.toLowerCase().trim();
  if (!domain) return false;
  if (DISPOSABLE_DOMAINS.has(domain)) return true;
  return DISPOSABLE_PATTERNS.some((p) => p.test(domain));
}
