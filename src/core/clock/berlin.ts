/** Calendar days as people in Germany mean them: whole days in Europe/Berlin, summer time included. */

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' });

/** Berlin's offset from UTC in milliseconds at `instant` (+1 h in winter, +2 h in summer). */
function berlinOffset(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}

/**
 * The instant a day ('YYYY-MM-DD') begins in Berlin. The clocks change at 01:00 UTC, after
 * Berlin's midnight, so the offset at that day's UTC midnight is the one its midnight has.
 */
export function berlinDayStart(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - berlinOffset(utcMidnight));
}

/** The instant the day after `day` begins in Berlin: the end (exclusive) of `day`, 23 or 25 hours long when the clocks change. */
export function berlinDayEnd(day: string): Date {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return berlinDayStart(next.toISOString().slice(0, 10));
}
