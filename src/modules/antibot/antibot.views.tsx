import {
  FORM_TOKEN_FIELD,
  HONEYPOT_FIELD,
  POW_BITS,
  POW_CHALLENGE_FIELD,
  POW_FIELD,
  type FormGuard,
  REASON_LABELS,
} from './antibot.service.js';

/**
 * The hidden part of every public sign-up form. The honeypot is hidden from
 * people (CSS and aria-hidden) and from keyboard focus; the page's script
 * (app.js) solves the proof of work when JavaScript runs.
 */
export function AntibotFields({ guard, honeypotLabel }: { guard: FormGuard; honeypotLabel: string }): JSX.Element {
  return (
    <>
      <input type="hidden" name={FORM_TOKEN_FIELD} value={guard.token} />
      <input type="hidden" name={POW_CHALLENGE_FIELD} value={guard.challenge} data-pow-bits={String(POW_BITS)} />
      <input type="hidden" name={POW_FIELD} value="" />
      <div class="hp" aria-hidden="true">
        <label for={HONEYPOT_FIELD} safe>
          {honeypotLabel}
        </label>
        <input type="text" id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} tabindex="-1" autocomplete="off" value="" />
      </div>
    </>
  );
}

/** Reason codes → the board's French words. */
export function reasonsText(codes: string): string {
  return codes
    .split(',')
    .filter(Boolean)
    .map((c) => REASON_LABELS[c] ?? c)
    .join(' ; ');
}
