import { describe, it, expect } from 'vitest';
import { textSummary } from '../../../src/load/loadContent.js';

describe("a page's excerpt and word count", () => {
  it('reads the text, not the markup: tags are spaces, entities decoded, script and style left out', () => {
    const html = '<h2 id="a">Opening&nbsp;hours</h2>\n<p>We&#39;re open &amp; ready &#x27;today&#x27;.</p><script>var x = "<p>not text</p>";</script><STYLE>p{}</STYLE><p>Bye</p>';
    expect(textSummary(html)).toEqual({ excerpt: "Opening hours We're open & ready 'today'. Bye", words: 8 });
  });

  it('cuts a long text at a word boundary with an ellipsis, and still counts every word', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`);
    const s = textSummary(`<p>${words.join(' ')}</p>`);
    expect(s.excerpt).toBe(`${words.slice(0, 24).join(' ')}…`);
    expect(s.words).toBe(100);
  });

  it('leaves unknown entities and a lone "<" as they are, and gives an empty page no words', () => {
    expect(textSummary('a &bogus; b < c')).toEqual({ excerpt: 'a &bogus; b < c', words: 5 });
    expect(textSummary('<p> </p>')).toEqual({ excerpt: '', words: 0 });
  });

  it('counts a word across entities and non-ASCII letters, and a tag inside a word as a break', () => {
    expect(textSummary('<p>Caf&eacute; au lait, café&amp;crème, na&iuml;ve</p>')).toEqual({ excerpt: 'Caf&eacute; au lait, café&crème, na&iuml;ve', words: 5 });
    expect(textSummary('<p>hot<b>stone</b>s&nbsp;and\u00a0tea\u2003now</p>')).toEqual({ excerpt: 'hot stone s and tea now', words: 6 });
  });

  it('stops the excerpt text in the middle of a long word, and goes on counting', () => {
    const long = 'x'.repeat(200);
    expect(textSummary(`<p>${long} two three</p>`, 20)).toEqual({ excerpt: `${'x'.repeat(20)}…`, words: 3 });
    expect(textSummary('<p>one twothree</p>', 6)).toEqual({ excerpt: 'one tw…', words: 2 });
  });
});
