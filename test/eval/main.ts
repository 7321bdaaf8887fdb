/**
 * `npm run eval:ingest [-- --holdout] [-- --page N] [-- --from N [--to M]] [-- --worst N] [-- --no-write]`: runs the ingester
 * over the labelled corpus (or only its pages numbered N to M: a new batch measured before any tuning for it),
 * prints precision and recall per field with the breakdowns and the worst pages, writes the whole corpus's figures
 * to the corpus's results.json and exits 1 when a target of the evaluation contract is not met (2 on a usage error).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPORA, loadCorpus } from './corpus.js';
import { evaluateCorpus, outcomeOf } from './evaluate.js';
import { formatPage, formatReport } from './report.js';
import { scorePage } from './score.js';

function showPage(dir: string, which: string): number {
  const page = loadCorpus(dir).find((p) => p.number === Number(which) || p.id === which);
  if (!page) {
    console.error(`no page ${which} in ${dir}/pages`);
    return 2;
  }
  const outcome = outcomeOf(page);
  console.log(formatPage(page, scorePage(page.expected, outcome)));
  console.log(JSON.stringify(outcome, null, 2));
  return 0;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      holdout: { type: 'boolean', default: false },
      page: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      worst: { type: 'string', default: '10' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const name = values.holdout ? 'holdout' : 'main';
  if (values.page !== undefined) return showPage(CORPORA[name], values.page);
  const from = values.from === undefined ? 0 : Number(values.from);
  const to = values.to === undefined ? Infinity : Number(values.to);
  if (!Number.isInteger(from) || from < 0 || (to !== Infinity && !Number.isInteger(to))) {
    console.error(`--from and --to take page numbers, not "${values.from ?? ''}" / "${values.to ?? ''}"`);
    return 2;
  }
  const { pages, scores, results } = evaluateCorpus(name, from, to);
  console.log(formatReport(results, pages, scores, Number(values.worst)));
  // results.json holds the whole corpus's figures: a part of it is printed only
  if (!values['no-write'] && from === 0 && to === Infinity) writeFileSync(join(CORPORA[name], 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  return results.targets.every((t) => t.met) ? 0 : 1;
}

process.exitCode = main();
