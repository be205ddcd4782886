import { describe, it, expect } from 'vitest';
import { ScannedSite, findBrokenLinks } from '../../../src/check/links.js';
import { siteAddress } from '../../../src/check/resolve.js';
import type { Output } from '../../../src/render/renderSite.js';

const page = (path: string, url: string, main: string, footer: string): Output => ({
  path,
  url,
  content: `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><header></header><main>${main}</main><footer>${footer}</footer></body></html>`,
});

describe('the link check and absolute URLs', () => {
  // The footer is the same on both pages: the checker takes its absolute links as page-independent.
  const footer = [
    '<a href="https://shop.example.com/gone/">Old shop (same site)</a>',
    '<a href="https://facebook.example.org/studio">Facebook</a>',
    '<a href="HTTPS://SHOP.EXAMPLE.COM/about/#staff">Staff, upper case</a>',
    '<a href="https://shop.example.com:443/about/#nobody">Default port</a>',
  ].join('');
  const site = new ScannedSite({
    outputs: [
      page('index.html', '/', '<a href="https://shop.example.com/about/#team">Team</a><a href="https://shop.example.com/about/#crew">Crew</a>', footer),
      page('about/index.html', '/about/', '<h2 id="team">Team</h2><a href="//shop.example.com/nowhere/">Nowhere</a>', footer),
    ],
    copied: [],
  });
  const broken = findBrokenLinks(site, siteAddress('https://shop.example.com/', '/'));
  const found = broken.map((b) => `${b.page} ${b.kind} ${b.ref.value}`).sort();

  it('checks links to the site itself written with its address, and lets other sites be', () => {
    expect(found).toEqual([
      '/ anchor HTTPS://SHOP.EXAMPLE.COM/about/#staff',
      '/ anchor https://shop.example.com/about/#crew',
      '/ anchor https://shop.example.com:443/about/#nobody',
      '/ link https://shop.example.com/gone/',
      '/about/ anchor HTTPS://SHOP.EXAMPLE.COM/about/#staff',
      '/about/ anchor https://shop.example.com:443/about/#nobody',
      '/about/ link //shop.example.com/nowhere/',
      '/about/ link https://shop.example.com/gone/',
    ]);
  });
});
