/**
 * The app's one error model. Every error a person may meet is an `AppError`: a stable code
 * (English, for logs, tests and the JSON API), a French message safe to show, and the HTTP status
 * its code maps to in the table below. Services throw them; the error handler
 * (`handleError` in `src/web/error-pages.tsx`) turns them into the page or the JSON answer, so routes never
 * translate one error into another. A form that shows the messages next to its fields catches
 * `FieldValidationError` and renders itself again.
 *
 * Errors of the process itself (configuration, migrations, the command line) are not AppErrors:
 * they stop a command, never reach a page. The list of codes, with what each means, is in
 * docs/errors.md (a test checks both lists agree).
 */
export const ERROR_STATUS = {
  // Everywhere
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  NOT_SIGNED_IN: 401,
  VALIDATION_FAILED: 422,
  MULTIPART_INVALID: 400,
  UPLOAD_TOO_LARGE: 413,
  // Accounts and sign-in (auth)
  USER_EMAIL_TAKEN: 409,
  SETUP_CLOSED: 410,
  RESET_INVALID: 410,
  INVITATION_NOT_POSSIBLE: 409,
  LOGIN_EXPIRED: 401,
  TOTP_ALREADY_ACTIVE: 409,
  TOTP_NOT_PENDING: 409,
  TOTP_WRONG_CODE: 422,
  NO_SECOND_FACTOR: 409,
  SECOND_FACTOR_REQUIRED: 409,
  SECOND_FACTOR_SELF_RESET: 403,
  PASSKEY_UNREADABLE: 422,
  PASSKEY_EXPIRED: 409,
  PASSKEY_UNVERIFIED: 422,
  PASSKEY_DUPLICATE: 409,
  NO_PASSKEY: 409,
  PASSKEY_NOT_FOUND: 404,
  // The register (requests), its categories and its import
  REQUEST_NOT_FOUND: 404,
  STATUS_INVALID: 400,
  TAXONOMY_IMPORT_INVALID: 422,
  IMPORT_FILE_UNREADABLE: 422,
  IMPORT_INVALID: 422,
  // The guide
  GUIDE_CONTENT_INVALID: 422,
  GUIDE_CONTENT_BROKEN: 500,
  // The activity report
  REPORT_YEARS_INVALID: 400,
  REPORT_FORMAT_INVALID: 400,
  REPORT_FORMAT_UNAVAILABLE: 404,
  EXPORT_UNAVAILABLE: 503,
  LOGO_INVALID: 400,
  // Board meetings and their minutes
  MINUTES_APPROVED: 409,
  MINUTES_APPROVAL: 400,
  MEETING_CANCELLED: 409,
  ITEM_HAS_DECISIONS: 409,
  // The helpline rota
  SHIFT_PAST: 409,
  SHIFT_TAKEN: 409,
  SHIFT_NOT_YOURS: 409,
  SWAP_INVALID: 400,
  SWAP_DONE: 409,
  SWAP_STALE: 409,
  // The plenary: assemblies, convocations, working groups
  CONVOCATION_SENT: 409,
  CONVOCATION_NOT_READY: 409,
  ASSEMBLY_NOT_HELD: 409,
  // The newsletter
  NEWSLETTER_ALREADY_SENT: 409,
  // The demonstration data
  DEMO_REFUSED: 409,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** What a form shows next to each field: field name → French message. */
export type FieldErrors = Record<string, string | undefined>;

/** An error with a stable code and a French message safe to show; its HTTP status follows its code. */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.statusCode = ERROR_STATUS[code];
  }
}

export class NotFoundError extends AppError {
  override readonly name: string = 'NotFoundError';
  constructor(
    message = "Cette page n'existe pas ou n'est plus disponible.",
    code: 'NOT_FOUND' | 'REQUEST_NOT_FOUND' = 'NOT_FOUND',
  ) {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  override readonly name: string = 'ForbiddenError';
  constructor(message = "Vous n'avez pas accès à cette page.") {
    super('FORBIDDEN', message);
  }
}

/**
 * Values a form or a command sent that a service refuses, one French message per field. The one
 * class for every form: the route shows the form again with `errors` beside the fields.
 */
export class FieldValidationError extends AppError {
  override readonly name: string = 'FieldValidationError';
  constructor(
    readonly errors: FieldErrors,
    message = Object.values(errors).filter(Boolean).join('\n'),
  ) {
    super('VALIDATION_FAILED', message);
  }
}
