// Errors that reach clients: a code, an HTTP status and a message safe to show. Anything else is a bug.
export class NodeError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'NodeError';
  }
}

export const badRequest = (message: string, details?: unknown) => new NodeError('bad_request', 400, message, details);
export const unauthorized = () => new NodeError('unauthorized', 401, 'A master or agent token is required');
export const forbidden = (message: string, code = 'forbidden') => new NodeError(code, 403, message);
export const notFound = (what: string) => new NodeError('not_found', 404, `${what} not found`);
export const conflict = (code: string, message: string) => new NodeError(code, 409, message);
