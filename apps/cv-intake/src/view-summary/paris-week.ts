/** A calendar week in Europe/Paris: Monday 00:00 to the next Monday 00:00, local time. */
export interface ParisWeek {
  /** The Monday, YYYY-MM-DD. */
  weekStart: string;
  from: Date;
  to: Date;
}

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
});
const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_MS = 86_400_000;

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of 00:00 in Paris on that calendar date (CET or CEST: DST never changes at midnight). */
function parisMidnight(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const name = OFFSET.formatToParts(new Date(utcMidnight)).find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMs = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  return new Date(utcMidnight - offsetMs);
}

/** The last complete Paris week before `now` (the one a Monday's summary is about). */
export function previousParisWeek(now: Date): ParisWeek {
  const parts = Object.fromEntries(PARTS.formatToParts(now).map((p) => [p.type, p.value]));
  const today = `${parts.year}-${parts.month}-${parts.day}`;
  const thisMonday = addDays(today, -WEEKDAYS.indexOf(parts.weekday!));
  const weekStart = addDays(thisMonday, -7);
  return { weekStart, from: parisMidnight(weekStart), to: parisMidnight(thisMonday) };
}
