import { DAY_NAMES } from '../schema/hours.js';
import type { DayName, HoursException, Interval, IsoDate, TimeOfDay, WeeklyHours } from '../schema/hours.js';

export type Clock = '12h' | '24h';

export interface FormatOptions {
  locale: string;
  clock: Clock;
  /** Text shown for a closed day; defaults to "Closed". */
  closedText?: string;
}

export interface LabelledInterval extends Interval {
  /** e.g. "10:00 AM – 8:00 PM" */
  label: string;
}

export interface WeekRow {
  /** "Monday – Friday" or "Saturday" */
  days: string;
  dayNames: DayName[];
  closed: boolean;
  intervals: LabelledInterval[];
  /** "10:00 AM – 1:00 PM, 2:00 PM – 6:00 PM" or "Closed" */
  text: string;
}

export interface UpcomingException {
  date: IsoDate;
  /** e.g. "Thursday, December 24, 2026" */
  dateLabel: string;
  closed: boolean;
  intervals: LabelledInterval[];
  text: string;
  note?: string;
}

export interface DayHours {
  date: IsoDate;
  day: DayName;
  /** Localized weekday, e.g. "Thursday" */
  dayName: string;
  closed: boolean;
  /** True when a dated exception replaced the weekly schedule. */
  exception: boolean;
  intervals: LabelledInterval[];
  text: string;
  note?: string;
}

export interface OpeningHoursSpecification {
  '@type': 'OpeningHoursSpecification';
  dayOfWeek: string[];
  opens: TimeOfDay;
  closes: TimeOfDay;
}

export interface SpecialOpeningHoursSpecification {
  '@type': 'OpeningHoursSpecification';
  validFrom: IsoDate;
  validThrough: IsoDate;
  opens: TimeOfDay;
  closes: TimeOfDay;
}

const DASH = ' – ';
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

/** Replaces the narrow / no-break spaces newer ICU emits with plain spaces so output is stable across Node builds. */
const plainSpaces = (s: string): string => s.replace(/[\u202F\u00A0]/g, ' ');

function utcDate(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Formats "HH:MM" as "10:00 AM" (12h) or "10:00" (24h) in the given locale. */
export function formatTime(t: TimeOfDay, clock: Clock, locale: string): string {
  const [h, m] = t.split(':').map(Number) as [number, number];
  const options: Intl.DateTimeFormatOptions =
    clock === '12h'
      ? { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' }
      : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return plainSpaces(formatter(locale, options).format(Date.UTC(2000, 0, 1, h, m)));
}

/** Returns the day key ("monday" ...) of a "YYYY-MM-DD" date. */
export function dayOfWeek(date: IsoDate): DayName {
  return DAY_NAMES[(utcDate(date).getUTCDay() + 6) % 7] as DayName;
}

/** Returns the localized long weekday name of a day key, e.g. "Monday" or "Montag". */
export function dayLabel(day: DayName, locale: string): string {
  // 2024-01-01 was a Monday.
  return plainSpaces(formatter(locale, { weekday: 'long' }).format(Date.UTC(2024, 0, 1 + DAY_NAMES.indexOf(day))));
}

/** Returns a date shifted by n calendar days ("YYYY-MM-DD" in, "YYYY-MM-DD" out). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return new Date(utcDate(date).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** Returns the calendar date of `now` in an IANA time zone, as "YYYY-MM-DD". */
export function todayInTimeZone(now: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function label(intervals: Interval[], opts: FormatOptions): { intervals: LabelledInterval[]; text: string } {
  const labelled = intervals.map((iv) => ({
    ...iv,
    label: `${formatTime(iv.open, opts.clock, opts.locale)}${DASH}${formatTime(iv.close, opts.clock, opts.locale)}`,
  }));
  const text = labelled.length === 0 ? (opts.closedText ?? 'Closed') : labelled.map((iv) => iv.label).join(', ');
  return { intervals: labelled, text };
}

const sameIntervals = (a: Interval[], b: Interval[]): boolean =>
  a.length === b.length && a.every((iv, i) => iv.open === b[i]?.open && iv.close === b[i]?.close && iv.nextDay === b[i]?.nextDay);

/** Groups consecutive days with identical hours into display rows, starting the week on `firstDay` (default Monday). */
export function weekRows(hours: WeeklyHours, opts: FormatOptions & { firstDay?: 'monday' | 'sunday' }): WeekRow[] {
  const order: DayName[] = opts.firstDay === 'sunday' ? ['sunday', ...DAY_NAMES.slice(0, 6)] : [...DAY_NAMES];
  const groups: DayName[][] = [];
  for (const day of order) {
    const current = groups[groups.length - 1];
    if (current && sameIntervals(hours[current[0] as DayName], hours[day])) current.push(day);
    else groups.push([day]);
  }
  return groups.map((dayNames) => {
    const first = dayNames[0] as DayName;
    const last = dayNames[dayNames.length - 1] as DayName;
    const days = first === last ? dayLabel(first, opts.locale) : `${dayLabel(first, opts.locale)}${DASH}${dayLabel(last, opts.locale)}`;
    const intervals = hours[first];
    return { days, dayNames, closed: intervals.length === 0, ...label(intervals, opts) };
  });
}

/** Returns exceptions dated from `today` through `today + days`, sorted by date, ready for display. */
export function upcomingExceptions(
  exceptions: HoursException[],
  opts: FormatOptions & { today: IsoDate; days: number },
): UpcomingException[] {
  const until = addDays(opts.today, opts.days);
  const dateFormat = formatter(opts.locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  return exceptions
    .filter((e) => e.date >= opts.today && e.date <= until)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e) => ({
      date: e.date,
      dateLabel: plainSpaces(dateFormat.format(utcDate(e.date))),
      closed: e.closed,
      ...label(e.closed ? [] : e.intervals, opts),
      ...(e.note !== undefined ? { note: e.note } : {}),
    }));
}

/** Returns the hours of one calendar date; a dated exception wins over the weekly schedule. */
export function hoursOn(hours: WeeklyHours, exceptions: HoursException[], date: IsoDate, opts: FormatOptions): DayHours {
  const day = dayOfWeek(date);
  const ex = exceptions.find((e) => e.date === date);
  const intervals = ex ? (ex.closed ? [] : ex.intervals) : hours[day];
  return {
    date,
    day,
    dayName: dayLabel(day, opts.locale),
    closed: intervals.length === 0,
    exception: ex !== undefined,
    ...label(intervals, opts),
    ...(ex?.note !== undefined ? { note: ex.note } : {}),
  };
}

const SCHEMA_DAY = (day: DayName): string => `https://schema.org/${day.charAt(0).toUpperCase()}${day.slice(1)}`;

/** Builds schema.org openingHoursSpecification: one entry per distinct interval listing every day that has it. */
export function openingHoursSpecification(hours: WeeklyHours): OpeningHoursSpecification[] {
  const specs = new Map<string, { first: number; opens: TimeOfDay; closes: TimeOfDay; days: DayName[] }>();
  DAY_NAMES.forEach((day, index) => {
    for (const iv of hours[day]) {
      const key = `${iv.open}-${iv.close}`;
      const spec = specs.get(key) ?? { first: index, opens: iv.open, closes: iv.close, days: [] };
      if (!spec.days.includes(day)) spec.days.push(day);
      specs.set(key, spec);
    }
  });
  return [...specs.values()]
    .sort((a, b) => a.first - b.first || a.opens.localeCompare(b.opens) || a.closes.localeCompare(b.closes))
    .map((s) => ({ '@type': 'OpeningHoursSpecification', dayOfWeek: s.days.map(SCHEMA_DAY), opens: s.opens, closes: s.closes }));
}

/** Builds schema.org specialOpeningHoursSpecification for dated exceptions (closed = opens/closes "00:00"), sorted by date. */
export function specialOpeningHoursSpecification(exceptions: HoursException[]): SpecialOpeningHoursSpecification[] {
  return [...exceptions]
    .sort((a, b) => a.date.localeCompare(b.date))
    .flatMap((e) => {
      const intervals = e.closed || e.intervals.length === 0 ? [{ open: '00:00', close: '00:00' }] : e.intervals;
      return intervals.map((iv) => ({
        '@type': 'OpeningHoursSpecification' as const,
        validFrom: e.date,
        validThrough: e.date,
        opens: iv.open,
        closes: iv.close,
      }));
    });
}
