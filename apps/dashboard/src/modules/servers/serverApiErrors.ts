// The studio's refusal of a registration (400 validation, 409 name taken, URL not allowed) as errors on form fields.
import { ApiError } from '../../api/apiError';
import { fieldOfPath } from './serverBody';
import type { ServerForm } from './serverForm';
import type { FieldErrors } from './serverFormValidation';

function detailList(details: unknown): { path: string; message: string }[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown) => {
    if (!detail || typeof detail !== 'object') return [];
    const { path, message } = detail as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/** The fields a refusal concerns; empty when it concerns none in particular (it is then shown on its own). */
export function fieldErrorsOfApiError(error: unknown, form: ServerForm): FieldErrors {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return {};
  switch (error.code) {
    case 'server_name_taken':
      return { name: { key: 'nameTaken' } };
    case 'url_not_allowed':
      return { url: { key: 'invalid', values: { message: error.message } } };
    case 'validation_failed': {
      const errors: FieldErrors = {};
      for (const { path, message } of detailList(error.details)) {
        const field = fieldOfPath(path.replace(/^body\.?/, ''), form);
        errors[field] ??= { key: 'invalid', values: { message } };
      }
      return errors;
    }
    default:
      return {};
  }
}
