import { z } from 'zod';

/** Day keys in the order a week is shown (Monday first). */
export const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export type DayName = (typeof DAY_NAMES)[number];
/** A time of day, always two-digit "HH:MM" on a 24-hour clock. */
export type TimeOfDay = string;
/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;
/** One opening interval; `nextDay` means `close` is on the following day (past midnight). */
export interface Interval {
  open: TimeOfDay;
  close: TimeOfDay;
  nextDay: boolean;
}
/** Normalized weekly schedule: every day present, a closed day is []. */
export type WeeklyHours = Record<DayName, Interval[]>;
/** Normalized dated exception; a closed day has `closed: true` and no intervals. */
export interface HoursException {
  date: IsoDate;
  closed: boolean;
  intervals: Interval[];
  note?: string;
}

type Report = (path: (string | number)[], message: string, hint: string) => void;
type ParsedInterval = Interval & { start: number; end: number; text: string };

const FORMAT_HINT =
  'write opening times as HH:MM-HH:MM on a 24-hour clock, e.g. 09:00-17:30; add +1 if it closes after midnight, e.g. 18:00-02:00+1.';
const DAY_LIST = DAY_NAMES.join(', ');
const INTERVAL_RE = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})(\s*\+1)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXCEPTION_KEYS = ['date', 'closed', 'hours', 'note'];

const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = (minutes: number): TimeOfDay => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'an invalid date';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** Parses one "HH:MM-HH:MM[+1]" string; returns an error message + hint instead when it is invalid. */
function parseInterval(raw: unknown): ParsedInterval | { message: string; hint: string } {
  if (typeof raw !== 'string') {
    return { message: `must be an opening time like "10:00-20:00", not ${describe(raw)}.`, hint: FORMAT_HINT };
  }
  const text = raw.trim();
  const m = INTERVAL_RE.exec(text);
  if (!m) return { message: `"${text}" is not an opening time like 10:00-20:00.`, hint: FORMAT_HINT };
  const [oh, om, ch, cm] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  let nextDay = m[5] !== undefined;
  const closesAt24 = ch === 24 && cm === 0 && !nextDay;
  for (const [h, min, isClose] of [[oh, om, false], [ch, cm, true]] as const) {
    if (h > 23 || min > 59) {
      if (isClose && closesAt24) continue;
      const bad = `${pad(h)}:${pad(min)}`;
      return { message: `"${text}" contains ${bad}, which is not a time of day.`, hint: FORMAT_HINT };
    }
  }
  const start = oh * 60 + om;
  let closeMin = ch * 60 + cm;
  if (closesAt24) {
    closeMin = 0;
    nextDay = true;
  }
  const open = hhmm(start);
  const close = hhmm(closeMin);
  if (!nextDay && closeMin === start) {
    return {
      message: `closes at ${close}, the same time it opens.`,
      hint: `if it is open for 24 hours, write ${open}-${close}+1.`,
    };
  }
  if (!nextDay && closeMin < start) {
    return {
      message: `closes at ${close}, before it opens at ${open}.`,
      hint: `if it stays open past midnight, write ${open}-${close}+1.`,
    };
  }
  if (nextDay && closeMin > start) {
    return {
      message: `is open for more than 24 hours (${open} until ${close} the next day).`,
      hint: `if it closes on the same day, remove the +1: ${open}-${close}.`,
    };
  }
  return { open, close, nextDay, start, end: nextDay ? closeMin + 1440 : closeMin, text };
}

/** Parses a list of intervals for one day, reporting format and overlap issues under `path`. */
function parseDayList(list: unknown[], path: (string | number)[], report: Report): (ParsedInterval & { index: number })[] {
  const parsed: (ParsedInterval & { index: number })[] = [];
  list.forEach((raw, index) => {
    const r = parseInterval(raw);
    if ('message' in r) report([...path, index], r.message, r.hint);
    else parsed.push({ ...r, index });
  });
  parsed.sort((a, b) => a.start - b.start || a.index - b.index);
  let latest: ParsedInterval | undefined;
  for (const iv of parsed) {
    if (latest && iv.start < latest.end) {
      report([...path, iv.index], `overlaps ${latest.text} on the same day.`, 'merge the two intervals or correct one of them.');
    }
    if (!latest || iv.end > latest.end) latest = iv;
  }
  return parsed;
}

const strip = ({ open, close, nextDay }: Interval): Interval => ({ open, close, nextDay });

/** Validates a raw `hours` mapping; returns the normalized schedule (meaningful only if nothing was reported). */
function checkHours(raw: Record<string, unknown>, report: Report): WeeklyHours {
  const week = Object.fromEntries(DAY_NAMES.map((d) => [d, []])) as unknown as Record<DayName, (ParsedInterval & { index: number })[]>;
  for (const [key, value] of Object.entries(raw)) {
    if (!(DAY_NAMES as readonly string[]).includes(key)) {
      const lower = key.trim().toLowerCase();
      const guess = DAY_NAMES.find((d) => d === lower || (lower.length >= 3 && d.startsWith(lower)));
      if (guess === lower) {
        report([key], `"${key}" must be written in lowercase: "${guess}".`, `day names are: ${DAY_LIST}.`);
      } else {
        const hint = guess ? `did you mean "${guess}"? Day names are: ${DAY_LIST}.` : `use one of: ${DAY_LIST}.`;
        report([key], `"${key}" is not a day of the week.`, hint);
      }
      continue;
    }
    const day = key as DayName;
    if (typeof value === 'string' && value.trim().toLowerCase() === 'closed') continue;
    if (Array.isArray(value)) {
      week[day] = parseDayList(value, [day], report);
      continue;
    }
    const single = typeof value === 'string' && !('message' in parseInterval(value));
    report(
      [day],
      `must be closed or a list of opening times, not ${describe(value)}.`,
      single ? `put the time in a list: ["${value.trim()}"].` : `for example: ["10:00-20:00"], or closed.`,
    );
  }
  // An overnight interval must not run into the next day's first opening.
  DAY_NAMES.forEach((day, i) => {
    const last = week[day].reduce<ParsedInterval | undefined>((a, b) => (!a || b.end > a.end ? b : a), undefined);
    if (!last || last.end <= 1440) return;
    const next = DAY_NAMES[(i + 1) % 7] as DayName;
    for (const iv of week[next]) {
      if (iv.start < last.end - 1440) {
        report([next, iv.index], `opens at ${iv.open}, while ${capitalize(day)}'s ${last.text} is still open.`, 'shorten one of the two intervals so they do not overlap.');
      }
    }
  });
  return Object.fromEntries(DAY_NAMES.map((d) => [d, week[d].map(strip)])) as WeeklyHours;
}

/** Turns a "YYYY-MM-DD" string or a Date (UTC parts) into a valid ISO date, or undefined. */
export function toIsoDate(value: unknown): IsoDate | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return `${String(value.getUTCFullYear()).padStart(4, '0')}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value !== 'string') return undefined;
  const m = DATE_RE.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return value.trim();
}

/** Validates a raw `exceptions` list; returns normalized exceptions (meaningful only if nothing was reported). */
function checkExceptions(raw: unknown[], report: Report): HoursException[] {
  const out: HoursException[] = [];
  const seen = new Map<IsoDate, number>();
  raw.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      report([i], `must be a mapping with a date and either closed: true or hours, not ${describe(item)}.`, 'for example: { date: 2026-12-25, closed: true, note: Christmas Day }.');
      return;
    }
    const e = item as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!EXCEPTION_KEYS.includes(key)) report([i, key], `"${key}" is not a field of an exception.`, `fields are: ${EXCEPTION_KEYS.join(', ')}.`);
    }
    const dateHint = 'write the date as YYYY-MM-DD, e.g. 2026-12-24.';
    const date = toIsoDate(e.date);
    if (e.date === undefined || e.date === null) report([i], 'is missing a date.', dateHint);
    else if (date === undefined) {
      const message = typeof e.date === 'string' ? `"${e.date}" is not a valid date.` : `must be a date like 2026-12-24, not ${describe(e.date)}.`;
      report([i, 'date'], message, dateHint);
    }
    else if (seen.has(date)) report([i, 'date'], `${date} already has an exception (entry ${(seen.get(date) ?? 0) + 1}).`, 'combine the two entries into one.');
    else seen.set(date, i);
    if (e.closed !== undefined && typeof e.closed !== 'boolean') report([i, 'closed'], `must be true or false, not ${describe(e.closed)}.`, 'write closed: true for a day the location is closed.');
    if (e.note !== undefined && typeof e.note !== 'string') report([i, 'note'], `must be text, not ${describe(e.note)}.`, 'put the note in quotes.');
    const closed = e.closed === true;
    let intervals: Interval[] = [];
    if (e.hours !== undefined && closed) {
      report([i, 'hours'], 'cannot be combined with closed: true.', 'remove either closed: true or the hours.');
    } else if (Array.isArray(e.hours) && e.hours.length > 0) {
      intervals = parseDayList(e.hours, [i, 'hours'], report).map(strip);
    } else if (e.hours !== undefined) {
      report([i, 'hours'], `must be a list of opening times, not ${Array.isArray(e.hours) ? 'an empty list' : describe(e.hours)}.`, 'for example: hours: ["10:00-14:00"], or closed: true instead.');
    } else if (!closed) {
      report([i], 'needs either closed: true or a list of hours.', 'for example: closed: true, or hours: ["10:00-14:00"].');
    }
    out.push({ date: date ?? '', closed, intervals, ...(typeof e.note === 'string' ? { note: e.note } : {}) });
  });
  return out;
}

function reporter(ctx: z.RefinementCtx): Report {
  return (path, message, hint) => ctx.addIssue({ code: 'custom', message, path, params: { hint } });
}
const ignore: Report = () => {};

/** Schema for a location's `hours` mapping; parses to a normalized `WeeklyHours`. */
export const hoursSchema = z
  .record(z.string(), z.unknown(), { error: 'must be a mapping of day names to opening times.' })
  .superRefine((raw, ctx) => void checkHours(raw, reporter(ctx)))
  .transform((raw): WeeklyHours => checkHours(raw, ignore));

/** Schema for a location's `exceptions` list; parses to normalized `HoursException[]` in input order. */
export const exceptionsSchema = z
  .array(z.unknown(), { error: 'must be a list of dated exceptions.' })
  .superRefine((raw, ctx) => void checkExceptions(raw, reporter(ctx)))
  .transform((raw): HoursException[] => checkExceptions(raw, ignore));
