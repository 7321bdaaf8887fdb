import type { Command } from 'commander';

/** Placeholder: replaced by the module that implements `osce-kg ingest`. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('(not implemented yet)')
    .action(() => {
      throw new Error('osce-kg ingest is not implemented yet');
    });
}
