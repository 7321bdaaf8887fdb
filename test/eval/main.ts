/**
 * `npm run eval:ingest [-- --holdout] [-- --page N] [-- --worst N] [-- --no-write]`: runs the ingester over the
 * labelled corpus, prints precision and recall per field with the breakdowns and the worst pages, writes the figures
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
      worst: { type: 'string', default: '10' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const name = values.holdout ? 'holdout' : 'main';
  if (values.page !== undefined) return showPage(CORPORA[name], values.page);
  const { pages, scores, results } = evaluateCorpus(name);
  console.log(formatReport(results, pages, scores, Number(values.worst)));
  if (!values['no-write']) writeFileSync(join(CORPORA[name], 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  return results.targets.every((t) => t.met) ? 0 : 1;
}

process.exitCode = main();
