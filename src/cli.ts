#!/usr/bin/env node
/**
 * The `osce-kg` command. Each command's work lives in src/commands/<name>.ts; this file only wires arguments. Only
 * the command being run is imported (with all of them for help or an unknown name): each pulls in its own libraries
 * (the server's take about a second to load), which a `load` or `query` need not wait for.
 */
import { Command } from 'commander';
import { VERSION } from './model/version.js';
import { addHelpTexts } from './commands/help.js';

type Register = (program: Command) => void;

const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./commands/serve.js')).registerServe,
  validate: async () => (await import('./commands/validate.js')).registerValidate,
  query: async () => (await import('./commands/query.js')).registerQuery,
  dump: async () => (await import('./commands/dump.js')).registerDump,
  ingest: async () => (await import('./commands/ingest.js')).registerIngest,
  load: async () => (await import('./commands/load.js')).registerLoad,
  harvest: async () => (await import('./commands/harvest.js')).registerHarvest,
};

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('osce-kg')
    .description('A linked-data knowledge graph of the OSCE: validate, query, dump, ingest, harvest and serve it.')
    .version(VERSION)
    .showHelpAfterError();
  const name = argv[2];
  const names = name !== undefined && Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((n) => COMMANDS[n]!()))) register(program);
  addHelpTexts(program);
  await program.parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`osce-kg: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
