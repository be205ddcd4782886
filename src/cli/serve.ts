import path from 'node:path';
import type { Command } from 'commander';
import type { RebuildReport } from '../serve/session.js';
import { formatDiagnostics, plural } from '../diagnostics/format.js';
import { useColor } from './report.js';
import { requireFromPackage } from '../util/home.js';

interface ServeFlags {
  config: string;
  port: string;
  host: string;
  open?: boolean;
  drafts?: boolean;
  debug?: boolean;
}

/** `awning serve`: live preview that rebuilds on save and never dies on a broken file. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Build the site, serve it from memory and rebuild on every save; open pages update by themselves.')
    .option('-c, --config <file>', 'the site configuration file to use', 'site.config.ts')
    .option('-p, --port <number>', 'the port to listen on (the next free one is tried if 8080 is taken)', '8080')
    .option('--host <address>', 'the address to listen on; 0.0.0.0 makes the preview visible on your network', '127.0.0.1')
    .option('--open', 'open the site in your browser')
    .option('--drafts', 'include drafts and posts dated in the future', true)
    .option('--no-drafts', 'leave drafts and future posts out, as `awning build` does')
    .option('--debug', 'print stack traces for errors')
    .action(async (flags: ServeFlags, cmd: Command) => {
      process.exitCode = await runServe(flags, cmd.getOptionValueSource('port') === 'default');
    });
}

async function runServe(flags: ServeFlags, defaultPort: boolean): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`error: --port must be a number from 0 to 65535, not "${flags.port}".\n`);
    return 2;
  }
  const color = useColor(process.stdout);
  const print = (r: RebuildReport) => {
    const time = new Date().toTimeString().slice(0, 8);
    if (!r.ok) {
      process.stderr.write(`\n${formatDiagnostics(r.diagnostics, { color: useColor(process.stderr), debug: flags.debug })}\n`);
      process.stderr.write(`${time} ${r.changed.join(', ') || 'start'}: ${plural(r.diagnostics.filter((d) => d.severity === 'error').length, 'error')}; still serving the last good build.\n`);
      return;
    }
    const what = r.changed.length > 3 ? `${r.changed.slice(0, 3).join(', ')} and ${r.changed.length - 3} more` : r.changed.join(', ');
    process.stdout.write(`${time} ${what} changed: ${plural(r.rendered, 'page')} rebuilt, ${plural(r.updated.length, 'URL')} updated${r.css ? ', CSS swapped' : ''} in ${Math.round(r.ms)} ms\n`);
  };
  let dev;
  try {
    // Loaded here, not at start-up: `awning build` never needs the watcher, the server or WebSockets.
    const { startDev } = await import('../serve/index.js');
    dev = await startDev({
      config: flags.config,
      host: flags.host,
      port,
      portFallback: defaultPort,
      overrides: { drafts: flags.drafts },
      onRebuild: print,
    });
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
  const { first } = dev;
  if (!first.ok) {
    process.stderr.write(`${formatDiagnostics(first.diagnostics, { color: useColor(process.stderr), debug: flags.debug })}\n\n`);
    process.stderr.write('The site has errors: the browser shows them until you fix the files. Watching for changes…\n');
  } else {
    process.stdout.write(`Built ${plural(first.rendered, 'page')} in ${Math.round(first.ms)} ms.\n`);
  }
  const rel = path.relative(process.cwd(), dev.session.root || '.') || '.';
  process.stdout.write(`${color ? '\x1b[1m' : ''}Serving ${rel} at ${dev.url}${color ? '\x1b[0m' : ''}  (Ctrl-C to stop)\n`);
  if (flags.host === '0.0.0.0' || flags.host === '::') {
    process.stderr.write('warning: --host 0.0.0.0 makes this preview visible to every device on your network.\n');
  }
  if (flags.open) {
    try {
      const { default: open } = await loadOpen();
      await open(dev.url);
    } catch {
      process.stderr.write(`Could not open a browser; visit ${dev.url}\n`);
    }
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await dev.close();
  process.stdout.write('Stopped.\n');
  return 0;
}

/**
 * The "open" package, which stays outside the command line's bundle (it finds its xdg-open script
 * beside its own file). The bundle runs under V8's code cache, where import() has no loader, so
 * bin/awning.js lends its own import(); the sources under the test runner require it (Node 20.19
 * and later can require an ES module; 22.0-22.11 cannot, but they run the bundle).
 */
function loadOpen(): Promise<typeof import('open')> {
  const lent = (globalThis as Record<symbol, unknown>)[Symbol.for('awning.import')] as ((id: string) => Promise<typeof import('open')>) | undefined;
  if (lent) return lent('open');
  return Promise.resolve(requireFromPackage('open') as typeof import('open'));
}
