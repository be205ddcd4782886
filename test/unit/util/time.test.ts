import { describe, it, expect } from 'vitest';
import { dayInZone, nextDayStart, zoneOffsetMinutes } from '../../../src/util/time.js';

describe('nextDayStart: when a build showing "today" goes stale', () => {
  it('is midnight in the site\'s zone, whatever zone the machine is in', () => {
    // 2030-06-01 14:00 in Chicago (UTC-5 in summer): the day turns at 05:00 UTC on June 2.
    expect(new Date(nextDayStart(new Date(Date.UTC(2030, 5, 1, 19)), 'America/Chicago')).toISOString()).toBe('2030-06-02T05:00:00.000Z');
    // One millisecond before midnight, the same answer; at midnight, the next day's.
    expect(nextDayStart(new Date(Date.UTC(2030, 5, 2, 4, 59, 59, 999)), 'America/Chicago')).toBe(Date.UTC(2030, 5, 2, 5));
    expect(nextDayStart(new Date(Date.UTC(2030, 5, 2, 5)), 'America/Chicago')).toBe(Date.UTC(2030, 5, 3, 5));
    // Tokyo is ahead of UTC: its June 2 begins on June 1 at 15:00 UTC.
    expect(nextDayStart(new Date(Date.UTC(2030, 5, 1, 3)), 'Asia/Tokyo')).toBe(Date.UTC(2030, 5, 1, 15));
  });

  it('follows daylight-saving changes, and is never late where a change skips midnight', () => {
    // Chicago springs forward at 02:00 on 2030-03-10: that day has 23 hours, and the next starts at 05:00 UTC.
    expect(nextDayStart(new Date(Date.UTC(2030, 2, 10, 12)), 'America/Chicago')).toBe(Date.UTC(2030, 2, 11, 5));
    // Santiago skips from 00:00 to 01:00 on 2024-09-08: September 8 starts at 04:00 UTC.
    const t = nextDayStart(new Date(Date.UTC(2024, 8, 7, 16)), 'America/Santiago');
    expect(dayInZone(new Date(t - 1), 'America/Santiago')).toBe('2024-09-07');
    expect(t).toBeLessThanOrEqual(Date.UTC(2024, 8, 8, 4));
    expect(t).toBeGreaterThan(Date.UTC(2024, 8, 8, 3, 45));
  });
});

describe('zoneOffsetMinutes', () => {
  it('agrees with the wall-clock parts Intl gives, in zones with daylight saving, half hours, quarter hours and local mean time', () => {
    const zones = ['America/New_York', 'America/Santiago', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/Dublin', 'Africa/Casablanca', 'UTC', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Amsterdam', 'Pacific/Kiritimati'];
    let compared = 0;
    for (const timeZone of zones) {
      const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
      // From 1880 (local mean time, offsets with seconds) to 2040, every 311 hours and 13 minutes.
      for (let t = Date.UTC(1880, 0, 1); t < Date.UTC(2040, 0, 1); t += 311 * 3600000 + 13 * 60000) {
        const p: Record<string, number> = {};
        for (const part of f.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
        const wall = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']! % 24, p['minute']!, p['second']!);
        const expected = Math.round((wall - Math.floor(t / 1000) * 1000) / 60000);
        if (zoneOffsetMinutes(new Date(t), timeZone) !== expected) expect(`${timeZone} ${new Date(t).toISOString()}: ${zoneOffsetMinutes(new Date(t), timeZone)}`).toBe(`${timeZone} ${new Date(t).toISOString()}: ${expected}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  });
});
