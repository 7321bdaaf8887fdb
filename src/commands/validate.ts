import type { Command } from 'commander';

/** Placeholder: replaced by the module that implements `osce-kg validate`. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('osce-kg validate is not implemented yet');
    });
}
