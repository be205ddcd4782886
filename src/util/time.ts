/** Dates in the site's time zone, computed the same way on every machine. */

const offsetCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = offsetCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetCache.set(timeZone, f);
  }
  return f;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) offsetFormatters.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  return f;
}

/** Wall-clock parts of an instant in a time zone (from the cached offset: Intl is slow). */
export function zonedParts(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const wall = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60000);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() };
}

/**
 * Minutes the zone is ahead of UTC at an instant. Zones change offset only on quarter-hour
 * boundaries, so the answer is remembered per zone and quarter hour.
 */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(instant.getTime() / 900000)}`;
  let off = offsets.get(key);
  if (off === undefined) {
    // The zone's offset as ICU writes it ("…, GMT-05:00", "…, GMT" for UTC): one format() call,
    // a third of the time of formatToParts, which is kept for any other answer.
    const m = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(offsetFormatter(timeZone).format(instant));
    if (m) {
      off = m[1] ? (m[1] === '-' ? -1 : 1) * Math.round(Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60) : 0;
    } else {
      const parts: Record<string, number> = {};
      for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const asUtc = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']! % 24, parts['minute']!, parts['second']!);
      off = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
    }
    offsets.set(key, off);
  }
  return off;
}
const offsets = new Map<string, number>();

/**
 * The instant a front matter date stands for: a date or time without an offset is read as
 * wall-clock time in the site's zone, so "2025-12-19" is December 19 wherever the build runs.
 */
export function parseSiteDate(value: string, timeZone: string): Date {
  // Intl is slow and a site has few distinct dates per zone: remember each answer (as a number, so
  // no caller can mutate the cached Date).
  const key = `${timeZone}|${value}`;
  let ms = parsedDates.get(key);
  if (ms === undefined) parsedDates.set(key, (ms = parseUncached(value, timeZone).getTime()));
  return new Date(ms);
}
const parsedDates = new Map<string, number>();

function parseUncached(value: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) return new Date(NaN);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const zone = m[7];
  if (zone) {
    if (zone === 'Z') return new Date(wall);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    return new Date(wall - off * 60000);
  }
  // Two passes settle the offset around daylight-saving changes.
  let guess = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60000;
  guess = wall - zoneOffsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}

/** ISO 8601 with the site zone's offset: 2025-12-19T00:00:00-05:00. */
export function isoInZone(instant: Date, timeZone: string): string {
  const key = `${timeZone}|${instant.getTime()}`;
  let iso = isoDates.get(key);
  if (iso === undefined) isoDates.set(key, (iso = isoUncached(instant, timeZone)));
  return iso;
}
const isoDates = new Map<string, string>();

function isoUncached(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  const off = zoneOffsetMinutes(instant, timeZone);
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const sign = off < 0 ? '-' : '+';
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** YYYY-MM-DD of an instant in a zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  return isoInZone(instant, timeZone).slice(0, 10);
}

/**
 * The instant the day in a zone next turns over (ms since the epoch): a build that shows today's
 * opening hours is stale from then on. Where a daylight-saving change skips midnight, the answer
 * may come up to a quarter hour early, never late.
 */
export function nextDayStart(instant: Date, timeZone: string): number {
  const day = dayInZone(instant, timeZone);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let t = parseSiteDate(new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10), timeZone).getTime();
  // Where the change skips midnight, the parse lands an hour off: step to the quarter hour it turns.
  while (dayInZone(new Date(t), timeZone) === day) t += 900000;
  while (dayInZone(new Date(t - 1), timeZone) !== day) t -= 900000;
  return t;
}
