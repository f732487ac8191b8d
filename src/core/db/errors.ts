/** PostgreSQL's unique_violation (SQLSTATE 23505), the same from pg and from PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
