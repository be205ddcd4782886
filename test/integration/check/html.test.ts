import { describe, expect, it } from 'vitest';
import { scanHtml } from '../../../src/check/html.js';
import { resolveRef, siteAddress } from '../../../src/check/resolve.js';
import { findUrl } from '../../../src/check/locate.js';

describe('what the link check reads in a page', () => {
  const html = `<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/assets/site.css"><link rel="canonical" href="https://example.com/a/">
<meta property="og:image" content="https://example.com/media/card.png">
<style>a[href="/not-a-link/"] { color: red }</style>
<script>document.body.innerHTML = '<a href="/also-not/">x</a>';</script>
</head><body>
<!-- <a href="/commented-out/">old</a> -->
<h2 id="opening-hours">Opening hours</h2><a name="legacy"></a>
<a href="/menu/?day=mon&amp;time=am#lunch">Menu</a>
<img src="/media/a.png" srcset="/media/a.png 1x, /media/a@2x.png 2x" alt="">
<img src='/media/b.png'>
<textarea><a href="/typed/">typed</a></textarea>
</body></html>`;
  const s = scanHtml(html);

  it('finds links, resources, srcset entries and share images, decoding entities', () => {
    const values = s.refs.map((r) => `${r.resource ? 'load' : 'follow'} ${r.value}`);
    expect(values).toEqual([
      'load /assets/site.css',
      'follow https://example.com/a/',
      'load https://example.com/media/card.png',
      'follow /menu/?day=mon&time=am#lunch',
      'load /media/a.png',
      'load /media/a.png',
      'load /media/a@2x.png',
      'load /media/b.png',
    ]);
  });

  it('skips comments, scripts, styles and textareas', () => {
    expect(s.refs.map((r) => r.value).join(' ')).not.toMatch(/not-a-link|also-not|commented-out|typed/);
  });

  it('collects ids and <a name> anchors, and images with and without alt', () => {
    expect([...s.ids]).toEqual(expect.arrayContaining(['opening-hours', 'legacy']));
    expect(s.images).toEqual([{ src: '/media/a.png', alt: '' }, { src: '/media/b.png', alt: undefined }]);
  });
});

describe('how a link is resolved', () => {
  const site = siteAddress('https://example.com/shop/', '/shop/');
  it('resolves relative, root-relative and same-site absolute links against the page, inside the base path', () => {
    expect(resolveRef('../about/#team', '/blog/x/', site)).toEqual({ kind: 'internal', path: '/blog/about/', fragment: 'team' });
    expect(resolveRef('/shop/blog/', '/', site)).toEqual({ kind: 'internal', path: '/blog/' });
    expect(resolveRef('https://example.com/shop/media/my%20photo.jpg', '/', site)).toEqual({ kind: 'internal', path: '/media/my photo.jpg' });
    expect(resolveRef('#top', '/blog/x/', site)).toEqual({ kind: 'internal', path: '/blog/x/', fragment: 'top' });
  });

  it('leaves other sites, mail and phone links alone, and flags a link that leaves the base path', () => {
    for (const v of ['https://elsewhere.example/', 'mailto:a@example.com', 'tel:+15550100', '//cdn.example/x.js']) expect(resolveRef(v, '/', site).kind).toBe('external');
    expect(resolveRef('/blog/', '/', site)).toEqual({ kind: 'outside', pathname: '/blog/' });
  });
});

describe('where a URL is written in a source', () => {
  it('finds whole URLs only, with 1-based line and column', () => {
    const md = '---\ntitle: x\n---\nSee [a](/about/) and [b](/about/team/).\n';
    expect(findUrl(md, ['/about/'])).toEqual([{ line: 4, column: 9 }]);
    expect(findUrl(md, ['/about/team/'])).toEqual([{ line: 4, column: 26 }]);
  });

  it("reads each page's own header and footer, also when another page's are the same length", () => {
    const page = (nav: string, foot: string) => `<html><head></head><body><nav><a href="${nav}" id="n">x</a></nav><main><p>body</p></main><footer><a href="${foot}">y</a></footer></body></html>`;
    const pages = [page('/aa/', '/zz/'), page('/bb/', '/zz/'), page('/aa/', '/yy/'), page('/aa/', '/zz/')];
    // Each one several times, interleaved: the repeated parts are then taken from what was scanned before.
    for (let round = 0; round < 3; round++) {
      const refs = pages.map((p) => scanHtml(p).refs.map((r) => r.value).join(' '));
      expect(refs).toEqual(['/aa/ /zz/', '/bb/ /zz/', '/aa/ /yy/', '/aa/ /zz/']);
    }
    // The same header in two pages is scanned once: the very same part.
    expect(scanHtml(pages[0]!).parts[1]).toBe(scanHtml(pages[3]!).parts[1]);
  });
});
