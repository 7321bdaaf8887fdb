/** One evaluation run: every page of a corpus through the ingester, scored, summed into the results. */
import { CORPORA, loadCorpus, type Page } from './corpus.js';
import { ingest } from './ingester.js';
import { buildResults, type Results } from './results.js';
import { scorePage, type PageScore } from './score.js';
import type { Outcome } from './schema.js';

export type CorpusName = keyof typeof CORPORA;

/** The ingester's outcome for one page, with the page's URL as its source when the label gives one. */
export function outcomeOf(page: Page): Outcome {
  return ingest({ text: page.text, format: page.expected.format, ...(page.expected.url ? { url: page.expected.url } : {}) });
}

export interface Run {
  pages: Page[];
  scores: PageScore[];
  results: Results;
}

/** Every page of the corpus, or only those numbered `from` to `to` (a new batch, measured on its own). */
export function evaluateCorpus(name: CorpusName, from = 0, to = Infinity): Run {
  const pages = loadCorpus(CORPORA[name]).filter((p) => p.number >= from && p.number <= to);
  const scores = pages.map((p) => scorePage(p.expected, outcomeOf(p)));
  return { pages, scores, results: buildResults(name, pages, scores) };
}
