/** Errors that carry a stable code and a French message safe to show. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Cette page n'existe pas ou n'est plus disponible.") {
    super('NOT_FOUND', message, 404);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Vous n'avez pas accès à cette page.") {
    super('FORBIDDEN', message, 403);
  }
}
