import type { Command } from 'commander';

/** Placeholder: replaced by the module that implements `osce-kg dump`. */
export function registerDump(program: Command): void {
  program
    .command('dump')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('osce-kg dump is not implemented yet');
    });
}
