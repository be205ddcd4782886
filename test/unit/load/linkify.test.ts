import { describe, it, expect } from 'vitest';
import LinkifyIt from 'linkify-it';
import MarkdownIt from 'markdown-it';
import { createMarkdown, LINK_HINT } from '../../../src/load/markdown.js';

describe('linkify in Markdown bodies', () => {
  it("links what markdown-it's own linkify links, and nothing else", async () => {
    const render = await createMarkdown({ html: true, typographer: true, linkify: true });
    const plain = new MarkdownIt({ html: true, typographer: true, linkify: true });
    const texts = [
      'Book at https://book.example/juniper, www.example.com, example.org or 10.0.0.1:8080.',
      'Write to care@example.com; the preview runs on localhost:4000, the CDN at //cdn.example.net/x.',
      'Отзывы на сайт.рф. FTP://files.example.com and MAILTO:desk@example.com.',
      'Warm stones, slow breath. Then tea: at 3.5 hours, e.g. twice.',
    ];
    for (const t of texts) expect(render(t)).toBe(plain.render(t));
    const html = render(texts.join('\n\n'));
    for (const href of ['https://book.example/juniper', 'http://www.example.com', 'http://example.org', 'mailto:care@example.com', '//cdn.example.net/x', 'http://xn--80aswg.xn--p1ai', 'FTP://files.example.com', 'MAILTO:desk@example.com']) {
      expect(html).toContain(`href="${href}"`);
    }
  });

  it('skips only paragraphs that linkify-it would find nothing in (50,000 random texts)', () => {
    // The hint must hold wherever linkify-it's own pretest does, or a link would be lost.
    const linkify = new LinkifyIt();
    const pieces = ['a', 'z', 'Q', 'za', 'io', 'рф', 'CoM', 'http:', 'mailto:', '.zw', ' ', '.', ':', '/', '@', '_', '>', '｜', '-', '1', '9', 'р', 'ф', 'Р', 'www', 'WWW', 'localhost', 'com', 'http', 'mailto', 'org', 'xn--', '\u00a0', '(', ',', '\n', '"'];
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % pieces.length;
    let passed = 0;
    for (let n = 0; n < 50000; n++) {
      let text = '';
      const len = 1 + (next() % 12);
      for (let k = 0; k < len; k++) text += pieces[next()];
      if (linkify.pretest(text)) {
        passed++;
        expect(LINK_HINT.test(text), JSON.stringify(text)).toBe(true);
      }
    }
    // The random texts reach linkify-it's every branch, not only the trivial one.
    expect(passed).toBeGreaterThan(1000);
  });

  it('leaves plain prose as it was', async () => {
    const render = await createMarkdown({ html: true, typographer: true, linkify: true });
    expect(render('Warm stones, slow breath. Then tea.')).toBe('<p>Warm stones, slow breath. Then tea.</p>\n');
  });
});
