/**
 * Wall-clock arithmetic in the office's time zone, from the platform's Intl time-zone data: deterministic for a
 * given runtime, no clock read. Used for the text sending window and for calendar months (SP-4, SP-5).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

interface Wall {
  readonly year: number;
  readonly month: number;
  readonly minuteOfDay: number;
}

function wallClock(epochMs: number, zone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(epochMs)))
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 0, minuteOfDay: (parts.hour ?? 0) * 60 + (parts.minute ?? 0) };
}

/** The calendar month of an instant in the zone, as `YYYY-MM`. */
export function monthOf(at: string, zone: string): string {
  const w = wallClock(Date.parse(at), zone);
  return `${w.year}-${String(w.month).padStart(2, "0")}`;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export interface Window {
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
}

/** Null when `at` is inside the window; otherwise the ISO instant of the next opening. */
export function nextOpening(at: string, window: Window): string | null {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  let t = Date.parse(at);
  const now = wallClock(t, window.timeZone).minuteOfDay;
  if (now >= start && now < end) return null;
  // Step to the opening by wall-clock minutes, then correct for an offset change (DST) on the way.
  const ahead = now < start ? start - now : 24 * 60 - now + start;
  t += ahead * 60_000;
  for (let i = 0; i < 3; i++) {
    const drift = wallClock(t, window.timeZone).minuteOfDay - start;
    if (drift === 0) break;
    t -= drift * 60_000;
  }
  return new Date(t - (t % 60_000)).toISOString();
}

/** A `YYYY-MM` month as a count of months (year × 12 + month − 1), or null when it is not one. */
export function monthIndex(month: string): number | null {
  const m = /^(\d{4,6})-(0[1-9]|1[0-2])$/.exec(month);
  return m === null ? null : Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** The month a count of months names, as `monthOf` writes it. */
export function monthAt(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
