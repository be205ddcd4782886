/** Every diagnostic code Awning prints. Codes are permanent: never reuse or renumber one. */
export const CATALOGUE = {
  AWN100: 'The configuration is invalid: an unknown key, a wrong type, or a missing file.',
  AWN101: 'The configuration file could not be loaded (a TypeScript or runtime error, or no default export).',
  AWN200: 'A data file (content/_data/*.yaml|yml|json) is not valid YAML/JSON.',
  AWN201: 'A known data file (site, locations, services, menus) does not match its schema.',
  AWN202: 'Two locations or two services share a slug.',
  AWN203: 'A menu item points to a page that does not exist.',
  AWN204: 'Two data files have the same name (e.g. site.yaml and site.json).',
  AWN300: 'The front matter of a Markdown file is opened with "---" but never closed.',
  AWN301: 'The front matter is not valid YAML.',
  AWN302: 'A front matter field has a wrong value (an impossible date, a wrong type).',
  AWN303: 'A required front matter field is missing (title; date on posts).',
  AWN304: 'A Markdown file under content/locations/ or content/services/ matches no entry in the data.',
  AWN310: 'Warning: two spellings of a category or tag are treated as one term.',
  AWN400: 'A layout or included template does not exist.',
  AWN401: 'A template has a syntax or runtime error.',
  AWN402: 'A template outputs a variable that is undefined (usually a typo).',
  AWN500: 'Two pages would be written to the same URL.',
} as const;

export type DiagnosticCode = keyof typeof CATALOGUE;
