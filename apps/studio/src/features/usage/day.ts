// Quota days are UTC days: they start and end at UTC midnight, wherever the studio or its users are.

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The next UTC midnight after an instant: when a quota day's count starts again from zero. */
export function nextUtcMidnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}

/** The start of the UTC day `days` before the one holding `at`. */
export function utcDayStart(at: Date, daysBefore = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - daysBefore));
}
