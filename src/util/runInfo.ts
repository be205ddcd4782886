/**
 * What this process has done, for bin/awning.js: it keeps V8's code cache of the command line
 * (see there), and a cache written by a command that never built a site (`--version`, an
 * up-to-date build) lacks most of the code a build runs, so the first build after it writes it again.
 */
export const runInfo = {
  /** A build went past the up-to-date check: templates, Markdown, the model ran. */
  builtSite: false,
};
