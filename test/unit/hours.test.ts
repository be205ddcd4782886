import { describe, it, expect } from 'vitest';
import { DAY_NAMES, exceptionsSchema, hoursSchema } from '../../src/schema/hours.js';
import type { HoursException, WeeklyHours } from '../../src/schema/hours.js';
import {
  addDays,
  formatTime,
  hoursOn,
  openingHoursSpecification,
  specialOpeningHoursSpecification,
  todayInTimeZone,
  upcomingExceptions,
  weekRows,
} from '../../src/model/hours.js';

const NOW = new Date('2026-12-20T23:30:00Z'); // a Sunday evening in UTC
const TODAY = '2026-12-20';
const en = { locale: 'en', clock: '12h' as const };

const WEEK = {
  monday: ['10:00-20:00'],
  tuesday: ['10:00-20:00'],
  wednesday: ['10:00-20:00'],
  thursday: ['10:00-20:00'],
  friday: ['10:00-20:00'],
  saturday: ['09:00-13:00', '14:00-18:00'],
  sunday: 'closed',
};
const EXCEPTIONS = [
  { date: '2026-12-25', closed: true, note: 'Christmas Day' },
  { date: new Date(Date.UTC(2026, 11, 24)), hours: ['10:00-14:00'], note: 'Christmas Eve' },
  { date: '2026-12-19', closed: true, note: 'Already past' },
  { date: '2027-02-01', hours: ['12:00-16:00'] },
];

const hours = (raw: unknown): WeeklyHours => hoursSchema.parse(raw);
const exceptions = (raw: unknown): HoursException[] => exceptionsSchema.parse(raw);

function issuesOf(schema: typeof hoursSchema | typeof exceptionsSchema, raw: unknown) {
  const result = schema.safeParse(raw);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => ({
    path: i.path,
    message: i.message,
    hint: (i as { params?: { hint?: string } }).params?.hint,
  }));
}

describe('hoursSchema normalization', () => {
  it('fills in every day, with unlisted and "closed" days as empty lists', () => {
    const h = hours({ monday: ['10:00-20:00'], sunday: 'closed' });
    expect(Object.keys(h)).toEqual([...DAY_NAMES]);
    expect(h.monday).toEqual([{ open: '10:00', close: '20:00', nextDay: false }]);
    expect(h.tuesday).toEqual([]);
    expect(h.sunday).toEqual([]);
  });

  it('keeps split shifts sorted by opening time', () => {
    expect(hours({ saturday: ['14:00-18:00', '09:00-13:00'] }).saturday).toEqual([
      { open: '09:00', close: '13:00', nextDay: false },
      { open: '14:00', close: '18:00', nextDay: false },
    ]);
  });

  it.each([
    ['18:00-02:00+1', { open: '18:00', close: '02:00', nextDay: true }],
    ['18:00-00:00+1', { open: '18:00', close: '00:00', nextDay: true }],
    ['18:00-24:00', { open: '18:00', close: '00:00', nextDay: true }],
    ['9:30-17:00', { open: '09:30', close: '17:00', nextDay: false }],
    ['10:00-10:00+1', { open: '10:00', close: '10:00', nextDay: true }],
  ])('normalizes %s', (raw, expected) => {
    expect(hours({ friday: [raw] }).friday).toEqual([expected]);
  });
});

describe('hoursSchema validation issues', () => {
  it.each([
    [{ funday: ['10:00-20:00'] }, ['funday'], '"funday" is not a day of the week.', /monday, tuesday/],
    [{ Monday: ['10:00-20:00'] }, ['Monday'], '"Monday" must be written in lowercase: "monday".', /monday/],
    [{ monday: ['10-20'] }, ['monday', 0], '"10-20" is not an opening time like 10:00-20:00.', /HH:MM-HH:MM/],
    [{ monday: ['10:00-25:00'] }, ['monday', 0], '"10:00-25:00" contains 25:00, which is not a time of day.', /HH:MM/],
    [{ monday: ['09:00-12:00', '10:61-12:00'] }, ['monday', 1], '"10:61-12:00" contains 10:61, which is not a time of day.', /HH:MM/],
    [{ monday: ['20:00-10:00'] }, ['monday', 0], 'closes at 10:00, before it opens at 20:00.', /^if it stays open past midnight, write 20:00-10:00\+1\.$/],
    [{ monday: ['10:00-10:00'] }, ['monday', 0], 'closes at 10:00, the same time it opens.', /10:00-10:00\+1/],
    [{ monday: ['10:00-12:00+1'] }, ['monday', 0], 'is open for more than 24 hours (10:00 until 12:00 the next day).', /10:00-12:00/],
    [{ monday: ['12:00-16:00', '09:00-13:00'] }, ['monday', 0], 'overlaps 09:00-13:00 on the same day.', /merge/],
    [{ friday: ['18:00-02:00+1'], saturday: ['01:00-05:00'] }, ['saturday', 0], "opens at 01:00, while Friday's 18:00-02:00+1 is still open.", /shorten/],
    [{ sunday: ['20:00-03:00+1'], monday: ['02:00-04:00'] }, ['monday', 0], "opens at 02:00, while Sunday's 20:00-03:00+1 is still open.", /shorten/],
    [{ monday: '10:00-20:00' }, ['monday'], 'must be closed or a list of opening times, not "10:00-20:00".', /\["10:00-20:00"\]/],
  ])('%j -> issue at %j', (raw, path, message, hint) => {
    const issues = issuesOf(hoursSchema, raw);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path, message });
    expect(issues[0]?.hint).toMatch(hint);
  });

  it('accepts back-to-back intervals and an overnight interval followed by a later opening', () => {
    expect(hoursSchema.safeParse({ friday: ['09:00-13:00', '13:00-02:00+1'], saturday: ['02:00-06:00'] }).success).toBe(true);
  });

  it('rejects a value that is not a mapping', () => {
    expect(issuesOf(hoursSchema, ['10:00-20:00'])[0]).toMatchObject({ path: [], message: 'must be a mapping of day names to opening times.' });
  });
});

describe('exceptionsSchema', () => {
  it('normalizes string and Date dates and keeps notes', () => {
    expect(exceptions(EXCEPTIONS.slice(0, 2))).toEqual([
      { date: '2026-12-25', closed: true, intervals: [], note: 'Christmas Day' },
      { date: '2026-12-24', closed: false, intervals: [{ open: '10:00', close: '14:00', nextDay: false }], note: 'Christmas Eve' },
    ]);
  });

  it.each([
    [[{ date: '2026-02-30', closed: true }], [0, 'date'], '"2026-02-30" is not a valid date.'],
    [[{ date: '25.12.2026', closed: true }], [0, 'date'], '"25.12.2026" is not a valid date.'],
    [[{ date: new Date('nope'), closed: true }], [0, 'date'], 'must be a date like 2026-12-24, not an invalid date.'],
    [[{ closed: true }], [0], 'is missing a date.'],
    [[{ date: '2026-12-25', closed: true, hours: ['10:00-14:00'] }], [0, 'hours'], 'cannot be combined with closed: true.'],
    [[{ date: '2026-12-25' }], [0], 'needs either closed: true or a list of hours.'],
    [[{ date: '2026-12-25', hours: ['14:00-10:00'] }], [0, 'hours', 0], 'closes at 10:00, before it opens at 14:00.'],
    [[{ date: '2026-12-25', closed: true }, { date: '2026-12-25', hours: ['10:00-14:00'] }], [1, 'date'], '2026-12-25 already has an exception (entry 1).'],
    [[{ date: '2026-12-25', closed: true, reason: 'x' }], [0, 'reason'], '"reason" is not a field of an exception.'],
  ])('%j -> issue at %j', (raw, path, message) => {
    const issues = issuesOf(exceptionsSchema, raw);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path, message });
    expect(issues[0]?.hint).toEqual(expect.any(String));
  });
});

describe('formatTime', () => {
  it.each([
    ['10:00', '12h', 'en', '10:00 AM'],
    ['20:00', '12h', 'en', '8:00 PM'],
    ['00:00', '12h', 'en', '12:00 AM'],
    ['09:05', '24h', 'en', '09:05'],
    ['00:00', '24h', 'en', '00:00'],
    ['20:30', '24h', 'de', '20:30'],
  ] as const)('%s %s %s -> %s', (t, clock, locale, expected) => {
    expect(formatTime(t, clock, locale)).toBe(expected);
  });
});

describe('weekRows', () => {
  it('groups Mon–Fri, a split Saturday and a closed Sunday into three rows', () => {
    expect(weekRows(hours(WEEK), en).map(({ days, closed, text }) => ({ days, closed, text }))).toEqual([
      { days: 'Monday – Friday', closed: false, text: '10:00 AM – 8:00 PM' },
      { days: 'Saturday', closed: false, text: '9:00 AM – 1:00 PM, 2:00 PM – 6:00 PM' },
      { days: 'Sunday', closed: true, text: 'Closed' },
    ]);
  });

  it('lists the day keys and labelled intervals of a row', () => {
    const [first] = weekRows(hours(WEEK), en);
    expect(first?.dayNames).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
    expect(first?.intervals).toEqual([{ open: '10:00', close: '20:00', nextDay: false, label: '10:00 AM – 8:00 PM' }]);
  });

  it('uses the 24-hour clock', () => {
    expect(weekRows(hours(WEEK), { locale: 'en', clock: '24h' }).map((r) => r.text)).toEqual(['10:00 – 20:00', '09:00 – 13:00, 14:00 – 18:00', 'Closed']);
  });

  it('labels an overnight interval with its next-day close time', () => {
    const rows = weekRows(hours({ friday: ['18:00-02:00+1'] }), en);
    expect(rows.find((r) => r.days === 'Friday')?.text).toBe('6:00 PM – 2:00 AM');
  });

  it('keeps non-consecutive identical days in separate rows', () => {
    const rows = weekRows(hours({ monday: ['10:00-18:00'], wednesday: ['10:00-18:00'] }), en);
    expect(rows.map((r) => r.days)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday – Sunday']);
  });

  it('starts the week on Sunday when asked', () => {
    expect(weekRows(hours(WEEK), { ...en, firstDay: 'sunday' }).map((r) => r.days)).toEqual(['Sunday', 'Monday – Friday', 'Saturday']);
  });

  it('localizes day names and the closed text', () => {
    const rows = weekRows(hours(WEEK), { locale: 'de', clock: '24h', closedText: 'Geschlossen' });
    expect(rows.map((r) => `${r.days}: ${r.text}`)).toEqual(['Montag – Freitag: 10:00 – 20:00', 'Samstag: 09:00 – 13:00, 14:00 – 18:00', 'Sonntag: Geschlossen']);
  });
});

describe('upcomingExceptions', () => {
  it('keeps exceptions from today through today + days, sorted, and drops past and later ones', () => {
    const list = upcomingExceptions(exceptions(EXCEPTIONS), { ...en, today: TODAY, days: 30 });
    expect(list).toEqual([
      { date: '2026-12-24', dateLabel: 'Thursday, December 24, 2026', closed: false, intervals: [{ open: '10:00', close: '14:00', nextDay: false, label: '10:00 AM – 2:00 PM' }], text: '10:00 AM – 2:00 PM', note: 'Christmas Eve' },
      { date: '2026-12-25', dateLabel: 'Friday, December 25, 2026', closed: true, intervals: [], text: 'Closed', note: 'Christmas Day' },
    ]);
  });

  it.each([
    ['2026-12-24', 0, ['2026-12-24']],
    ['2026-12-20', 4, ['2026-12-24']],
    ['2026-12-20', 3, []],
  ])('today %s, %i days -> %j', (today, days, expected) => {
    expect(upcomingExceptions(exceptions(EXCEPTIONS), { ...en, today, days }).map((e) => e.date)).toEqual(expected);
  });
});

describe('hoursOn', () => {
  it('uses the weekly schedule on an ordinary day', () => {
    expect(hoursOn(hours(WEEK), [], '2026-12-19', en)).toMatchObject({ day: 'saturday', dayName: 'Saturday', closed: false, exception: false, text: '9:00 AM – 1:00 PM, 2:00 PM – 6:00 PM' });
  });

  it('lets an exception win over the weekly schedule', () => {
    expect(hoursOn(hours(WEEK), exceptions(EXCEPTIONS), '2026-12-25', en)).toEqual({
      date: '2026-12-25', day: 'friday', dayName: 'Friday', closed: true, exception: true, intervals: [], text: 'Closed', note: 'Christmas Day',
    });
  });
});

describe('schema.org', () => {
  it('groups days by interval into openingHoursSpecification, omitting closed days', () => {
    const days = (...names: string[]) => names.map((n) => `https://schema.org/${n}`);
    expect(openingHoursSpecification(hours({ ...WEEK, friday: ['10:00-20:00', '22:00-02:00+1'] }))).toEqual([
      { '@type': 'OpeningHoursSpecification', dayOfWeek: days('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'), opens: '10:00', closes: '20:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: days('Friday'), opens: '22:00', closes: '02:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: days('Saturday'), opens: '09:00', closes: '13:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: days('Saturday'), opens: '14:00', closes: '18:00' },
    ]);
  });

  it('writes specialOpeningHoursSpecification per interval, with 00:00–00:00 for closed days', () => {
    expect(specialOpeningHoursSpecification(exceptions(EXCEPTIONS.slice(0, 2)))).toEqual([
      { '@type': 'OpeningHoursSpecification', validFrom: '2026-12-24', validThrough: '2026-12-24', opens: '10:00', closes: '14:00' },
      { '@type': 'OpeningHoursSpecification', validFrom: '2026-12-25', validThrough: '2026-12-25', opens: '00:00', closes: '00:00' },
    ]);
  });
});

describe('dates', () => {
  it.each([
    ['UTC', '2026-12-20'],
    ['Europe/Berlin', '2026-12-21'],
    ['America/New_York', '2026-12-20'],
  ])('todayInTimeZone(NOW, %s) -> %s', (zone, expected) => {
    expect(todayInTimeZone(NOW, zone)).toBe(expected);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 2, '2026-03-30'],
  ])('addDays(%s, %i) -> %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });
});
