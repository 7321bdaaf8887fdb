/**
 * Merges the engines of one bench result into another for the same data (same size and seed), e.g. an engine
 * re-run on its own, then recomputes ratios and agreement and prints the Markdown tables.
 *   node dist/bench/merge.js INTO.json FROM.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compare, markdown, type SizeResult } from './report.js';
import { queryMix } from './queries.js';
import type { QueryParams } from './generate.js';

type Record_ = SizeResult & { options: { timeoutMs: number }; params?: QueryParams; merged?: string[] };

const [intoPath, fromPath] = process.argv.slice(2);
if (!intoPath || !fromPath) throw new Error('usage: merge.js INTO.json FROM.json');
const into = JSON.parse(readFileSync(intoPath, 'utf8')) as Record_;
const from = JSON.parse(readFileSync(fromPath, 'utf8')) as Record_ & { date: string };
if (into.releases !== from.releases || into.seed !== from.seed || into.quads !== from.quads) {
  throw new Error('the two results are not on the same data');
}
const names = new Set(from.engines.map((e) => e.engine));
into.engines = [...into.engines.filter((e) => !names.has(e.engine)), ...from.engines];
// The query kinds are not in the record: CONSTRUCT/DESCRIBE are recognised by id, as in queries.ts.
const kinds = queryMix({ release: '', field: '', country: '', structure: '', person: '', unitParent: '', year: 0 });
const queries = into.queries.map((q) => ({ id: q.id, kind: kinds.find((k) => k.id === q.id)?.kind ?? 'select' }));
Object.assign(into, compare(queries, into.engines));
into.merged = [...(into.merged ?? []), `${[...names].join(', ')} from a run at ${from.date}`];
writeFileSync(intoPath, `${JSON.stringify(into, null, 2)}\n`);
process.stdout.write(`${markdown(into, into.options.timeoutMs)}\n`);
