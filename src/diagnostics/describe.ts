/** How a user would name the expected type: "a number", "a list", "text". */
export function article(expected: string): string {
  const names: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping (key: value lines)', date: 'a date' };
  return names[expected] ?? expected;
}

/** How a user would name the value they wrote: 'the text "ten"', 'a list'. */
export function describeValue(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

/** What to write instead, for a value of the wrong type. */
export function typeHint(expected: string): string {
  const hints: Record<string, string> = {
    number: 'write a number without quotes, for example 42 or 35.77.',
    boolean: 'write true or false, without quotes.',
    string: 'write text; put it in quotes if it looks like a number, a date or true/false.',
    array: 'write a list: [first, second], or one "- item" per line.',
    object: 'write "key: value" lines, indented under this one.',
  };
  return hints[expected] ?? `write ${article(expected)} here.`;
}
