import type { Command } from 'commander';

/** Placeholder: replaced by the module that implements `osce-kg serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('osce-kg serve is not implemented yet');
    });
}
