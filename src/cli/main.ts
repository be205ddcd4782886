import { VERSION } from '../version.js';
import { Command, CommanderError } from 'commander';
import { registerBuild } from './build.js';
import { registerServe } from './serve.js';
import { registerCheck } from './check.js';
import { registerInit } from './init.js';
import { registerNew } from './new.js';
import { registerEject } from './eject.js';


/** The awning program: every command, with exit code 2 for a misused command line. */
export function createProgram(): Command {
  const program = new Command('awning')
    .description('Build fast, accessible websites for small businesses from Markdown and YAML.')
    .version(VERSION, '-v, --version', 'print the version of Awning')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(run awning --help for the list of commands)')
    .exitOverride();
  registerBuild(program);
  registerServe(program);
  registerCheck(program);
  registerInit(program);
  registerNew(program);
  registerEject(program);
  // `awning --help` lists every command's options too, so one screen answers "how do I…".
  program.addHelpText('after', () => {
    const lines = ['', 'Options of each command:'];
    for (const cmd of program.commands) {
      const help = cmd.createHelp();
      lines.push('', `  awning ${cmd.name()}`);
      for (const opt of help.visibleOptions(cmd)) lines.push(`    ${help.optionTerm(opt).padEnd(24)} ${help.optionDescription(opt)}`);
    }
    return lines.join('\n');
  });
  return program;
}

export { runInfo } from '../util/runInfo.js';

/**
 * A worker thread's work when it runs the command line's bundle (see util/threads.ts): the worker's
 * module is loaded only here, and starts on load as it does when a thread runs it from lib/.
 */
export async function runWorker(role: string): Promise<void> {
  if (role === 'parallel') await import('../parallel/worker.js');
  else throw new Error(`no such worker role: ${role}`);
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  program.commands.forEach((c) => c.exitOverride());
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code)) return 0;
      return 2;
    }
    const e = err as Error;
    process.stderr.write(`error: ${e.message}\n`);
    if (argv.includes('--debug')) process.stderr.write(`${e.stack}\n`);
    else process.stderr.write('(run again with --debug for the stack trace)\n');
    return 1;
  }
}
