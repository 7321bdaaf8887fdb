#!/usr/bin/env node
/**
 * The `osce-kg` command. Each command's work lives in src/commands/<name>.ts; this file only wires arguments.
 */
import { Command } from 'commander';
import { registerServe } from './commands/serve.js';
import { registerValidate } from './commands/validate.js';
import { registerQuery } from './commands/query.js';
import { registerDump } from './commands/dump.js';
import { registerIngest } from './commands/ingest.js';
import { registerLoad } from './commands/load.js';
import { VERSION } from './model/version.js';
import { addHelpTexts } from './research/help.js';

const program = new Command()
  .name('osce-kg')
  .description('A linked-data knowledge graph of the OSCE: validate, query, dump, ingest and serve it.')
  .version(VERSION)
  .showHelpAfterError();

for (const register of [registerServe, registerValidate, registerQuery, registerDump, registerIngest, registerLoad]) {
  register(program);
}
addHelpTexts(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`osce-kg: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
