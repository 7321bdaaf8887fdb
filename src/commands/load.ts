import type { Command } from 'commander';

/** Placeholder: replaced by the module that implements `osce-kg load`. */
export function registerLoad(program: Command): void {
  program
    .command('load')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('osce-kg load is not implemented yet');
    });
}
