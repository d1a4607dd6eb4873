// Turns the free-text permission list of the token form into the array the API takes.
import { permissionSchema } from '@mcp-studio/protocol';

export const SUGGESTED_PERMISSIONS = ['*', 'credentials:read', 'credentials:*', 'org:read'] as const;

export function splitPermissions(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** The permissions that do not match `*`, `area:*` or `area:action`. */
export function invalidPermissions(permissions: string[]): string[] {
  return permissions.filter((p) => !permissionSchema.safeParse(p).success);
}

/** Adds the permission to the text, or takes it out if present. */
export function togglePermission(text: string, permission: string): string {
  const list = splitPermissions(text);
  return (list.includes(permission) ? list.filter((p) => p !== permission) : [...list, permission]).join(' ');
}

/** `YYYY-MM-DD` from a date input → the end of that local day as an ISO timestamp. */
export function endOfDayIso(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}
