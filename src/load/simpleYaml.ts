/**
 * Front matter is nearly always a few `key: value` lines. The yaml package parses each file into a
 * document with positions, which for 4,000 posts took longer than markdown-it's whole parse.
 * This reads the plain shapes the yaml package would read the same way under the core schema
 * (strings, quoted strings without escapes, one-line lists of those) and gives up, returning
 * undefined, on anything else: comments, numbers, booleans, nulls, block lists, multi-line values,
 * escapes, duplicate keys. Then, and whenever validation fails (for located messages), the yaml
 * package parses the file as before. A test checks the two agree on every shape.
 */
export function parseSimpleYaml(text: string): Record<string, unknown> | undefined {
  if (text.includes('\r') || text.includes('\t')) return undefined;
  const out: Record<string, unknown> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    if (Object.hasOwn(out, key) || key === '__proto__') return undefined;
    const value = scalarOrList((m[2] ?? '').trim());
    if (value === undefined) return undefined;
    out[key] = value;
  }
  return out;
}

function scalarOrList(v: string): string | string[] | undefined {
  if (v.startsWith('[')) {
    if (!v.endsWith(']')) return undefined;
    const inner = v.slice(1, -1).trim();
    if (inner === '') return [];
    const items: string[] = [];
    for (const part of inner.split(',')) {
      const item = scalar(part.trim(), true);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return items;
  }
  return scalar(v, false);
}

function scalar(v: string, inFlow: boolean): string | undefined {
  if (v === '') return undefined;
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    const s = v.slice(1, -1);
    return /["\\]/.test(s) ? undefined : s;
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) {
    const s = v.slice(1, -1);
    return s.includes("'") ? undefined : s;
  }
  // Plain: no indicator at the start, no ": " or " #" inside, nothing that resolves to another type.
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(v) || v.includes(': ') || v.includes(' #') || v.endsWith(':')) return undefined;
  if (inFlow && /[[\]{},"':?]/.test(v)) return undefined;
  if (/^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(v)) return undefined;
  if (/^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/.test(v) || /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$|^0[xo]/.test(v)) return undefined;
  return v;
}
