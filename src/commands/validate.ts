/**
 * `osce-kg validate [FILE...]`: SHACL validation of the built-in data, or of RDF files together with the reference
 * data (so links to States, structures and fields of work resolve). Exit code 1 when there are violations.
 */
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { Quad } from '@rdfjs/types';
import { DEFAULT_BASE } from '../model/ns.js';
import { shippedContexts } from '../linked-data/jsonld-context.js';
import { builtinQuads } from '../builtin.js';
import { parseUpload } from '../store/rdf-parse.js';
import { createProgress } from './progress.js';
import { formatReport } from '../validation/format.js';
import { validate } from '../validation/validate.js';

const MEDIA_TYPES: Record<string, string> = {
  '.ttl': 'text/turtle',
  '.nt': 'application/n-triples',
  '.nq': 'application/n-quads',
  '.trig': 'application/trig',
  '.jsonld': 'application/ld+json',
  '.json': 'application/ld+json',
  '.rdf': 'application/rdf+xml',
  '.owl': 'application/rdf+xml',
};

export interface ValidateArgs {
  base?: string;
  format?: string;
}

export interface ValidateRun {
  exitCode: 0 | 1;
  output: string;
}

/** Parses one RDF file by its extension; relative IRIs resolve against `base`. */
export async function readRdfFile(file: string, base: string): Promise<Quad[]> {
  const mediaType = MEDIA_TYPES[extname(file).toLowerCase()];
  if (!mediaType) throw new Error(`${file}: unknown RDF file extension; use one of ${Object.keys(MEDIA_TYPES).join(' ')}`);
  try {
    return await parseUpload(createReadStream(file), mediaType, 'default', base, shippedContexts(base));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs the validation; `log` receives progress lines. */
export async function runValidate(files: readonly string[], args: ValidateArgs, log: (line: string) => void = () => undefined): Promise<ValidateRun> {
  const format = args.format ?? 'text';
  if (!['text', 'json', 'turtle'].includes(format)) throw new Error('--format must be text, json or turtle');
  const base = args.base ?? DEFAULT_BASE;
  const progress = createProgress('validate', files.length + 1);
  // the built-in data `serve` starts with (reference data and the seed releases), then the files
  const data: Quad[] = [...builtinQuads(base)];
  log(`built-in data: ${data.length} quads`);
  for (const file of files) {
    const quads = await readRdfFile(file, base);
    data.push(...quads);
    progress.tick(1, file);
    log(`${file}: ${quads.length} quads`);
  }
  log(`validating ${data.length} quads against the shapes…`);
  const outcome = await validate(data, { turtle: format === 'turtle' });
  progress.tick(1, 'shapes');
  progress.stop();
  const output =
    format === 'json'
      ? JSON.stringify({ conforms: outcome.conforms, results: outcome.results }, null, 2)
      : format === 'turtle'
        ? (outcome.turtle ?? '')
        : formatReport(outcome.results, data.length);
  return { exitCode: outcome.violations > 0 ? 1 : 0, output };
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check RDF against the SHACL shapes: the built-in data, or FILEs (.ttl .nt .nq .trig .jsonld .rdf) together with the built-in data. Exit 1 on violations.')
    .argument('[file...]', 'RDF files to validate with the built-in data (default: only the built-in data)')
    .option('--base <iri>', 'base IRI for relative IRIs in the data', DEFAULT_BASE)
    .option('--format <format>', 'report format: text, json or turtle', 'text')
    .action(async (files: string[], args: ValidateArgs) => {
      const result = await runValidate(files, args, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(`${result.output}\n`);
      process.exitCode = result.exitCode;
    });
}
