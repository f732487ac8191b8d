/** A user's text inside a LIKE pattern, taken literally: its own % _ and \ are escaped (PostgreSQL's default escape). */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
