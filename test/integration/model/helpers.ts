/** Small HTML readers for the model fixture sites' minimal layouts. */

/** Every match of a regex's first group, in order. */
export const all = (html: string, re: RegExp): string[] => [...html.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].map((m) => m[1]!);

/** The href of the first <a> with this rel, or undefined. */
export const rel = (html: string, name: string): string | undefined => new RegExp(`<a rel="${name}" href="([^"]*)"`).exec(html)?.[1];

/** Text of the <li> items inside the first element with this class. */
export function items(html: string, cls: string): string[] {
  const m = new RegExp(`<(ul|ol|table)[^>]*class="${cls}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  if (!m) return [];
  // Inline tags vanish; others (th, td) separate words.
  return all(m[2]!, /<(?:li|tr)[^>]*>([\s\S]*?)<\/(?:li|tr)>/).map((s) =>
    s
      .replace(/<\/?(?:a|time|span|em|strong)\b[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
