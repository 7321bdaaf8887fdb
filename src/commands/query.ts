import type { Command } from 'commander';

/** Placeholder: replaced by the module that implements `osce-kg query`. */
export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('osce-kg query is not implemented yet');
    });
}
