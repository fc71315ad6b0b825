import type { AlertSchedule } from '@vigie/contracts';

/** A wall-clock date and time in some zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 (Monday) – 7 (Sunday). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of an instant in a zone (Intl's tz database: DST included). */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday!]!,
  };
}

/**
 * The instant a wall-clock time names in a zone. In the spring-forward gap (02:30 that does not
 * exist) it gives the instant just after the gap; in the autumn fold (02:30 twice) the first one.
 */
export function fromLocal(local: Omit<LocalDateTime, 'weekday'>, timeZone: string): Date {
  const wanted = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Two fixed-point steps find the offset; the earlier candidate wins in a fold.
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const seen = toLocal(new Date(guess), timeZone);
    const seenMs = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += wanted - seenMs;
  }
  const earlier = guess - 3_600_000;
  const e = toLocal(new Date(earlier), timeZone);
  if (Date.UTC(e.year, e.month - 1, e.day, e.hour, e.minute) === wanted) return new Date(earlier);
  return new Date(guess);
}

/** A stable minute in [0, 60) per key, so digests of one hour are spread over it. */
export function spreadMinute(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % 60;
}

export interface DigestSlot {
  /** When the digest goes out. */
  at: Date;
  /** The window it closes, in the candidate's calendar: `2026-12-01` (daily), `2026-W49` (weekly). */
  window: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(local: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return {
    ...local,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: ((((local.weekday - 1 + days) % 7) + 7) % 7) + 1,
  };
}

function isoWeek(local: LocalDateTime): string {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day));
  d.setUTCDate(d.getUTCDate() + 4 - local.weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad(week)}`;
}

/**
 * The latest digest slot at or before `now`: the alert's local hour (plus its spread minute), every
 * day or on its weekday. Computed on the candidate's calendar, so a DST change moves the UTC time,
 * not the local one.
 */
export function latestDigestSlot(
  schedule: AlertSchedule,
  frequency: 'daily' | 'weekly',
  now: Date,
  spreadKey: string,
): DigestSlot {
  const minute = spreadMinute(spreadKey);
  const today = toLocal(now, schedule.timeZone);
  for (let back = 0; back <= 7; back++) {
    const day = addDays(today, -back);
    if (frequency === 'weekly' && day.weekday !== schedule.weekday) continue;
    const at = fromLocal({ ...day, hour: schedule.hour, minute }, schedule.timeZone);
    if (at.getTime() > now.getTime()) continue;
    const window = frequency === 'daily' ? `${day.year}-${pad(day.month)}-${pad(day.day)}` : isoWeek(day);
    return { at, window };
  }
  throw new Error(`no digest slot within a week before ${now.toISOString()}`);
}

/** Quiet hours [start, end) in local hours, e.g. 22 → 7: instant e-mails wait for `end`. */
export interface QuietHours {
  start: number;
  end: number;
}

/** When an instant e-mail due at `due` may go out: `due` itself, or the end of the quiet hours. */
export function afterQuietHours(due: Date, timeZone: string, quiet: QuietHours, spreadKey: string): Date {
  if (quiet.start === quiet.end) return due;
  const local = toLocal(due, timeZone);
  const inQuiet =
    quiet.start < quiet.end
      ? local.hour >= quiet.start && local.hour < quiet.end
      : local.hour >= quiet.start || local.hour < quiet.end;
  if (!inQuiet) return due;
  const day = local.hour >= quiet.start && quiet.start > quiet.end ? addDays(local, 1) : local;
  return fromLocal({ ...day, hour: quiet.end, minute: spreadMinute(spreadKey) }, timeZone);
}
