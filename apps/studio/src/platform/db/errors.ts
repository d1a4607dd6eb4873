// PostgreSQL error codes, as both drivers report them (pg on the error, drizzle wraps it in `cause`).
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_UNDEFINED_TABLE = '42P01';
export const PG_INVALID_SCHEMA = '3F000';

export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export const isUniqueViolation = (err: unknown): boolean => pgErrorCode(err) === PG_UNIQUE_VIOLATION;
