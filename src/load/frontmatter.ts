/** Split "---\nyaml\n---\nbody" into its parts, with the line where the body starts. */
export type FrontMatterSplit =
  | { ok: true; yaml: string; body: string; bodyLine: number; hasFrontMatter: boolean }
  | { ok: false; line: number; column: number };

export function splitFrontMatter(text: string): FrontMatterSplit {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!/^---[ \t]*\r?\n/.test(src)) return { ok: true, yaml: '', body: src, bodyLine: 1, hasFrontMatter: false };
  const lines = src.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*\r?$/.test(lines[i]!)) {
      return {
        ok: true,
        yaml: lines.slice(1, i).join('\n'),
        body: lines.slice(i + 1).join('\n'),
        bodyLine: i + 2,
        hasFrontMatter: true,
      };
    }
  }
  return { ok: false, line: 1, column: 1 };
}
