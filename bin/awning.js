#!/usr/bin/env node
// Awning's command line. The TypeScript in src/ is compiled to lib/ by `npm install` (the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../lib/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Awning is not compiled yet: run "npm install" (or "npm run compile") in the Awning folder.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
