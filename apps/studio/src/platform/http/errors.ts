// Errors that reach clients: a code, an HTTP status and a message safe to show. Anything else is a bug.
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
    /** Fields sent beside `error` at the top of the body, for errors whose contract names them (a quota's 429). */
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError('bad_request', 400, message, details);
export const unauthorized = (message = 'Authentication required', code = 'unauthorized') =>
  new AppError(code, 401, message);
export const forbidden = (message = 'You are not allowed to do this', code = 'forbidden') =>
  new AppError(code, 403, message);
/** Also the answer for another organization's ids: never reveal that they exist. */
export const notFound = (what: string) => new AppError('not_found', 404, `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(code, 409, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError('too_many_requests', 429, message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
