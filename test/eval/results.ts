/**
 * The figures of one run: per field, per accuracy, per language / layout / format, the targets of EVAL-SCHEMA.md and
 * whether each is met. Plain data with a stable key order and rounded rates, written to the committed results file
 * so that it changes only when a figure does.
 */
import type { Page } from './corpus.js';
import { FIELDS, RATIOS, precision, rate, recall, sum, type Field, type PageScore, type RatioName } from './score.js';

export interface Target {
  /** `title.precision`, `acceptance`, … */
  metric: string;
  min: number;
}

/** The targets of the evaluation contract (test/fixtures/eval/README.md). */
export const TARGETS: readonly Target[] = [
  { metric: 'acceptance', min: 1 },
  { metric: 'rejection', min: 1 },
  ...(['title', 'datePublished'] as const).flatMap((f) => [{ metric: `${f}.precision`, min: 0.99 }, { metric: `${f}.recall`, min: 0.99 }]),
  ...(['places', 'sources', 'fields', 'genre'] as const).flatMap((f) => [{ metric: `${f}.precision`, min: 0.97 }, { metric: `${f}.recall`, min: 0.97 }]),
  { metric: 'speakers.precision', min: 0.95 },
  { metric: 'speakers.recall', min: 0.92 },
  { metric: 'states.precision', min: 0.97 },
  { metric: 'states.recall', min: 0.95 },
  { metric: 'events.recall', min: 0.8 },
];

const round = (x: number | undefined): number | null => (x === undefined ? null : Math.round(x * 10000) / 10000);

type Summed = ReturnType<typeof sum>;

type FieldFigures = Record<Field, { tp: number; fp: number; fn: number; precision: number | null; recall: number | null }>;
type RatioFigures = Record<RatioName, { right: number; of: number; rate: number | null }>;

function fieldFigures(s: Summed): FieldFigures {
  return Object.fromEntries(FIELDS.map((f) => {
    const c = s.counts[f];
    return [f, { tp: c.tp, fp: c.fp, fn: c.fn, precision: round(precision(c)), recall: round(recall(c)) }];
  })) as FieldFigures;
}

function ratioFigures(s: Summed): RatioFigures {
  return Object.fromEntries(RATIOS.map((r) => [r, { ...s.ratios[r], rate: round(rate(s.ratios[r])) }])) as RatioFigures;
}

/** The compact figures of one group of pages (a language, a layout, a format). */
function groupFigures(s: Summed, pages: number) {
  const pr = (f: Field) => ({ precision: round(precision(s.counts[f])), recall: round(recall(s.counts[f])) });
  return {
    pages,
    acceptance: round(rate(s.ratios.acceptance)),
    rejection: round(rate(s.ratios.rejection)),
    title: pr('title'), datePublished: pr('datePublished'), places: pr('places'), sources: pr('sources'), fields: pr('fields'),
    genre: pr('genre'), speakers: pr('speakers'), attribution: round(rate(s.ratios.attribution)), states: pr('states'), events: pr('events'),
  };
}

export type GroupFigures = ReturnType<typeof groupFigures>;

function groupBy(pages: readonly Page[], scores: readonly PageScore[], key: (p: Page) => string): Record<string, GroupFigures> {
  const keys = [...new Set(pages.map(key))].sort();
  return Object.fromEntries(keys.map((k) => {
    const members = pages.map((p, i) => (key(p) === k ? scores[i] : undefined)).filter((s): s is PageScore => s !== undefined);
    return [k, groupFigures(sum(members), members.length)];
  }));
}

/** Value of a target's metric in the figures ("title.precision" → fields.title.precision). */
export function metricValue(results: Pick<Results, 'fields' | 'ratios'>, metric: string): number | null {
  const [name, part] = metric.split('.') as [string, string | undefined];
  if (part) return (results.fields as Record<string, Record<string, number | null>>)[name]?.[part] ?? null;
  return (results.ratios as Record<string, { rate: number | null }>)[name]?.rate ?? null;
}

export function buildResults(corpus: string, pages: readonly Page[], scores: readonly PageScore[]) {
  const total = sum(scores);
  const base = {
    corpus,
    pages: { total: pages.length, valid: pages.filter((p) => p.expected.valid).length, invalid: pages.filter((p) => !p.expected.valid).length },
    fields: fieldFigures(total),
    ratios: ratioFigures(total),
    byLanguage: groupBy(pages, scores, (p) => p.expected.language),
    byLayout: groupBy(pages, scores, (p) => p.expected.layout),
    byFormat: groupBy(pages, scores, (p) => p.expected.format),
    /** Differences per page (0 = extracted exactly as expected). */
    pageDifferences: Object.fromEntries(pages.map((p, i) => [p.id, scores[i]?.diffs.length ?? 0])),
  };
  const targets = TARGETS.map((t) => {
    // A rate over nothing (no value extracted, none expected) fails no target.
    const value = metricValue(base, t.metric);
    const met = value === null || value >= t.min;
    return { metric: t.metric, min: t.min, value, met };
  });
  return { ...base, targets };
}

export type Results = ReturnType<typeof buildResults>;
