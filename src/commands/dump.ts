/**
 * `osce-kg dump FILE`: the whole dataset as N-Quads (or N-Triples / Turtle of all graphs merged), streamed graph by
 * graph to FILE ('-' for standard output), with progress on standard error.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { openCommandStore, type StoreArgs } from './query.js';

const FORMATS = { nq: 'application/n-quads', nt: 'application/n-triples', ttl: 'text/turtle' } as const;

interface DumpArgs extends StoreArgs {
  format?: string;
}

export function registerDump(program: Command): void {
  program
    .command('dump')
    .description('Write the whole dataset to FILE (- for stdout) from the store in --data-dir, or the built-in data.')
    .argument('<file>', 'output file, or - for standard output')
    .option('--format <format>', 'nq (N-Quads, keeps graphs), nt or ttl (all graphs merged)', 'nq')
    .option('--data-dir <dir>', 'folder of the embedded store (default: the built-in data, in memory)')
    .option('--base <iri>', 'base IRI of the built-in data')
    .action(async (file: string, args: DumpArgs) => {
      const progress = dumpProgress(process.stderr, file === '-' ? 'stdout' : file);
      const { bytes } = await runDump(file, args, (_, b) => progress.tick(b));
      progress.done(bytes);
    });
}

/**
 * Bytes written so far, rewritten in place on a terminal, and one closing line. It counted the dump's chunks as
 * "graphs" (2 for a store of 25 graphs) and wrote its carriage returns into logs too.
 */
export function dumpProgress(stream: { isTTY?: boolean; write(text: string): unknown }, target: string) {
  return {
    tick: (bytes: number) => void (stream.isTTY && stream.write(`\rdumped ${bytes} bytes`)),
    done: (bytes: number) => void stream.write(`${stream.isTTY ? '\r' : ''}dumped ${bytes} bytes to ${target}\n`),
  };
}

export async function runDump(file: string, args: DumpArgs, progress: (chunks: number, bytes: number) => void = () => undefined): Promise<{ bytes: number; chunks: number }> {
  const format = FORMATS[(args.format ?? 'nq') as keyof typeof FORMATS];
  if (!format) throw new Error(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
  const store = openCommandStore(args, 0);
  const out: WriteStream | NodeJS.WriteStream = file === '-' ? process.stdout : createWriteStream(file);
  let bytes = 0;
  let chunks = 0;
  try {
    for await (const chunk of store.dump({ format })) {
      if (!out.write(chunk)) await once(out, 'drain');
      bytes += Buffer.byteLength(chunk);
      progress(++chunks, bytes);
    }
  } finally {
    await store.close();
    if (out !== process.stdout) {
      (out as WriteStream).end();
      await once(out, 'finish');
    }
  }
  return { bytes, chunks };
}
