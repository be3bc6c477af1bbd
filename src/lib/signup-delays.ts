/** Days a confirmation link stays valid; an unconfirmed entry is purged after that. */
export const CONFIRM_DAYS = 7;

/** Days a quarantined or rejected entry is kept for the board, then purged. */
export const QUARANTINE_DAYS = 30;
