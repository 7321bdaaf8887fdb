/**
 * The `osce-kg` program: its commands and their help. Only the command being run is imported (with all of them for
 * help or an unknown name): each pulls in its own libraries (the server's take about a second to load), which a
 * `load` or `query` need not wait for. src/cli.ts runs it; tests read its help in-process.
 */
import { Command, type OutputConfiguration } from 'commander';
import { VERSION } from '../model/version.js';
import { addHelpTexts } from './help.js';

type Register = (program: Command) => void;

const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve.js')).registerServe,
  validate: async () => (await import('./validate.js')).registerValidate,
  query: async () => (await import('./query.js')).registerQuery,
  dump: async () => (await import('./dump.js')).registerDump,
  ingest: async () => (await import('./ingest.js')).registerIngest,
  load: async () => (await import('./load.js')).registerLoad,
  harvest: async () => (await import('./harvest.js')).registerHarvest,
};

/** The names of the commands. */
export const COMMAND_NAMES = Object.keys(COMMANDS);

export interface ProgramOptions {
  /** Where help and errors go (the process's stdout and stderr unless given); every command inherits it. */
  output?: OutputConfiguration;
  /** Throw a CommanderError where the program would exit (after help, on a usage error). */
  exitOverride?: boolean;
}

/** The program for `argv` (`[node, script, command, ...]`): with only that command, or every command. */
export async function createProgram(argv: readonly string[], options: ProgramOptions = {}): Promise<Command> {
  const program = new Command()
    .name('osce-kg')
    .description('A linked-data knowledge graph of the OSCE: validate, query, dump, ingest, harvest and serve it.')
    .version(VERSION)
    .showHelpAfterError();
  // before the commands are added: each copies these settings from the program
  if (options.output) program.configureOutput(options.output);
  if (options.exitOverride) program.exitOverride();
  const name = argv[2];
  const names = name !== undefined && Object.hasOwn(COMMANDS, name) ? [name] : COMMAND_NAMES;
  for (const register of await Promise.all(names.map((n) => COMMANDS[n]!()))) register(program);
  addHelpTexts(program);
  return program;
}
