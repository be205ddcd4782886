import { describe, it, expect, beforeAll } from 'vitest';
import { buildFixture, NOW, type BuiltSite } from '../../helpers/site.js';
import { items } from './helpers.js';

// America/New_York: NOW (2026-06-15 12:00 UTC) is Monday 2026-06-15, 08:00 local; upcomingDays is the default 60.
// Millbrook has content/locations/millbrook.md; Night Owl has none.
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixture('model-locations');
});

describe('location pages', () => {
  it('builds one page per location, and a locations index', () => {
    expect(site.ok).toBe(true);
    expect(site.diagnostics).toEqual([]);
    expect(site.urls().filter((u) => u.startsWith('/locations/'))).toEqual(['/locations/', '/locations/millbrook/', '/locations/night-owl/']);
    expect(site.page('/locations/')).toContain('<a href="/locations/night-owl/">Night Owl Studio</a>');
  });

  it('with a Markdown file: its title and body text, and the address from the data', () => {
    const html = site.page('/locations/millbrook/');
    expect(html).toContain('<h1>Millbrook, our first studio</h1>');
    expect(html).toContain('<address>214 Mill Street, Millbrook, NC 27601</address>');
    expect(html).toContain('<div class="body"><p>Free parking behind the old mill.</p>');
  });

  it('without a Markdown file: the name as title, the address, and no body text', () => {
    const html = site.page('/locations/night-owl/');
    expect(html).toContain('<h1>Night Owl Studio</h1>');
    expect(html).toContain('<address>9 Late Lane, Cedar Falls, NC 27614</address>');
    expect(html).toContain('<div class="body"></div>');
  });
});

describe('opening hours on a location page', () => {
  it.each([
    {
      url: '/locations/millbrook/',
      rows: ['Monday – Thursday 10:00 AM – 6:00 PM', 'Friday – Saturday 9:00 AM – 1:00 PM, 2:00 PM – 6:00 PM', 'Sunday Closed'],
      what: 'days with the same hours are grouped, split shifts listed in order',
    },
    {
      url: '/locations/night-owl/',
      rows: ['Monday Closed', 'Tuesday – Thursday 5:00 PM – 11:00 PM', 'Friday – Saturday 6:00 PM – 2:00 AM', 'Sunday 5:00 PM – 11:00 PM'],
      what: 'an overnight +1 interval closes at its time the next morning; same hours on days apart are not grouped',
    },
  ])('$what', ({ url, rows }) => {
    expect(items(site.page(url), 'hours')).toEqual(rows);
  });

  it('shows exceptions from today through 60 days ahead, soonest first', () => {
    expect(NOW.toISOString()).toBe('2026-06-15T12:00:00.000Z');
    expect(items(site.page('/locations/millbrook/'), 'upcoming')).toEqual([
      'Monday, June 15, 2026: 12:00 PM – 4:00 PM (Staff training)',
      'Friday, July 3, 2026: 10:00 AM – 2:00 PM (Independence Day eve)',
      'Friday, August 14, 2026: Closed (Last day in range)',
    ]);
  });

  it('does not show a past exception or one beyond the window', () => {
    const html = site.page('/locations/millbrook/');
    expect(html).not.toContain('Yesterday&#39;s inventory');
    expect(html).not.toContain('inventory');
    expect(html).not.toContain('Beyond the window');
  });

  it('dates an upcoming exception for a <time> element', () => {
    expect(site.page('/locations/millbrook/')).toContain('<time datetime="2026-07-03">Friday, July 3, 2026</time>');
  });

  it('shows no exceptions for a location without any', () => {
    expect(items(site.page('/locations/night-owl/'), 'upcoming')).toEqual([]);
  });
});
