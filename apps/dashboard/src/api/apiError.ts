// The one error shape every studio endpoint answers with, as a throwable value.
import { errorBodySchema } from '@mcp-studio/protocol';
import i18next from 'i18next';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Builds an ApiError from a failed response, falling back to the status text when the body is not ours. */
export async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, parsed.data.requestId, details);
  }
  const message = response.status >= 502 && response.status <= 504 ? i18next.t('common.networkError') : '';
  return new ApiError(
    response.status,
    'http_error',
    message || `${response.status} ${response.statusText || 'Request failed'}`,
  );
}

/** fetch rejected: the studio could not be reached at all. */
export function networkError(): ApiError {
  return new ApiError(0, 'network_error', i18next.t('common.networkError'));
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
