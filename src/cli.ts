#!/usr/bin/env node
/**
 * The `osce-kg` command. Each command's work lives in src/commands/<name>.ts, the program that wires them in
 * src/commands/program.ts; this file only runs it.
 */
import { createProgram } from './commands/program.js';

async function main(argv: string[]): Promise<void> {
  await (await createProgram(argv)).parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`osce-kg: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
