/**
 * Scoring one page and summing pages: micro-averaged true/false positives and false negatives per field.
 * Single-valued fields (title, dates, genre, language) count a wrong value as one false positive and one false
 * negative, so precision = correct / pages with a value extracted and recall = correct / pages with a value expected.
 */
import { collapse, normalizePerson, normalizeQuote, normalizeRole, tokenOverlap } from './normalize.js';
import type { EventFacts, Expected, Extraction, Outcome } from './schema.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const SINGLE_FIELDS = ['title', 'datePublished', 'datelineDate', 'genre', 'language'] as const;
export const SET_FIELDS = ['places', 'sources', 'fields', 'speakers', 'states', 'structures', 'persons'] as const;
export const FIELDS = [...SINGLE_FIELDS, ...SET_FIELDS, 'quotations', 'events'] as const;
export type Field = (typeof FIELDS)[number];

/** Right / out of: for the accuracies (acceptance, rejection, attribution, role, affiliation). */
export interface Ratio {
  right: number;
  of: number;
}
export const RATIOS = ['acceptance', 'rejection', 'rejectionCode', 'rejectionLine', 'attribution', 'role', 'affiliation', 'eventPlace', 'eventEnd'] as const;
export type RatioName = (typeof RATIOS)[number];

export interface PageScore {
  counts: Record<Field, Counts>;
  ratios: Record<RatioName, Ratio>;
  /** Human-readable differences, one per line ("title: expected … got …"). */
  diffs: string[];
}

const zeroCounts = (): Record<Field, Counts> =>
  Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, Counts>;
const zeroRatios = (): Record<RatioName, Ratio> =>
  Object.fromEntries(RATIOS.map((r) => [r, { right: 0, of: 0 }])) as Record<RatioName, Ratio>;

const show = (v: unknown): string => (v === null || v === undefined ? 'nothing' : JSON.stringify(v));

function scoreSingle(c: Counts, name: string, want: string | null, got: string | null, same: (a: string, b: string) => boolean, diffs: string[]): void {
  if (want !== null && got !== null && same(want, got)) { c.tp++; return; }
  if (got !== null) c.fp++;
  if (want !== null) c.fn++;
  if (want !== got) diffs.push(`${name}: expected ${show(want)}, got ${show(got)}`);
}

function scoreSet(c: Counts, name: string, want: readonly string[], got: readonly string[], norm: (s: string) => string, diffs: string[]): void {
  const w = new Map(want.map((x) => [norm(x), x]));
  const g = new Map(got.map((x) => [norm(x), x]));
  const missing = [...w].filter(([k]) => !g.has(k)).map(([, v]) => v);
  const extra = [...g].filter(([k]) => !w.has(k)).map(([, v]) => v);
  c.tp += w.size - missing.length;
  c.fn += missing.length;
  c.fp += extra.length;
  if (missing.length || extra.length) {
    diffs.push(`${name}: ${[...missing.map((m) => `-${m}`), ...extra.map((e) => `+${e}`)].join(' ')}`);
  }
}

const same = (a: string, b: string) => a === b;
const sameText = (a: string, b: string) => collapse(a) === collapse(b);
const sameFolded = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const primary = (tag: string | null) => (tag ? (tag.toLowerCase().split('-')[0] as string) : null);
const id = (s: string) => s;

/** Whether an extracted event is the expected one: start dates equal and names sharing ≥ 80% of their words. */
export function sameEvent(want: EventFacts, got: EventFacts): boolean {
  return want.startDate === got.startDate && tokenOverlap(want.name, got.name) >= 0.8;
}

function scoreQuotations(want: Expected, got: Extraction, s: PageScore): void {
  const expected = want.quotations ?? [];
  const pool = got.quotations.map((q) => ({ ...q, norm: normalizeQuote(q.text), used: false }));
  for (const q of expected) {
    const start = normalizeQuote(q.starts);
    const hit = pool.find((p) => !p.used && p.norm.startsWith(start));
    s.ratios.attribution.of++;
    if (!hit) {
      s.counts.quotations.fn++;
      s.diffs.push(`quotation not found: "${q.starts}…" (${q.speaker ?? 'no speaker'})`);
      continue;
    }
    hit.used = true;
    s.counts.quotations.tp++;
    const rightSpeaker = (q.speaker === null ? '' : normalizePerson(q.speaker)) === (hit.speaker === null ? '' : normalizePerson(hit.speaker));
    if (rightSpeaker) s.ratios.attribution.right++;
    else s.diffs.push(`quotation "${q.starts}…": speaker expected ${show(q.speaker)}, got ${show(hit.speaker)}`);
    s.ratios.role.of++;
    if ((q.role === null ? '' : normalizeRole(q.role)) === (hit.role === null ? '' : normalizeRole(hit.role))) s.ratios.role.right++;
    else s.diffs.push(`quotation "${q.starts}…": role expected ${show(q.role)}, got ${show(hit.role)}`);
    s.ratios.affiliation.of++;
    if (q.affiliation === hit.affiliation) s.ratios.affiliation.right++;
    else s.diffs.push(`quotation "${q.starts}…": affiliation expected ${show(q.affiliation)}, got ${show(hit.affiliation)}`);
  }
  for (const p of pool.filter((x) => !x.used)) {
    s.counts.quotations.fp++;
    s.diffs.push(`quotation not expected: "${p.text.slice(0, 60)}…" (${p.speaker ?? 'no speaker'})`);
  }
}

function scoreEvent(want: EventFacts | null, got: EventFacts | null, s: PageScore): void {
  const c = s.counts.events;
  if (want && got && sameEvent(want, got)) {
    c.tp++;
    s.ratios.eventPlace.of++;
    s.ratios.eventEnd.of++;
    if (want.place === got.place) s.ratios.eventPlace.right++;
    else s.diffs.push(`event place: expected ${show(want.place)}, got ${show(got.place)}`);
    if (want.endDate === got.endDate) s.ratios.eventEnd.right++;
    else s.diffs.push(`event end date: expected ${show(want.endDate)}, got ${show(got.endDate)}`);
    return;
  }
  if (want) c.fn++;
  if (got) c.fp++;
  if (want || got) s.diffs.push(`event: expected ${show(want)}, got ${show(got)}`);
}

/** What an accepted page with nothing extracted looks like: a rejected valid page scores as this. */
export const EMPTY_EXTRACTION: Extraction = {
  title: null, datePublished: null, datelineDate: null, language: null, genre: null, places: [], sources: [], fields: [],
  quotations: [], speakers: [], mentions: { states: [], structures: [], persons: [] }, event: null,
};

/** Scores one page's outcome against its expected extraction. */
export function scorePage(want: Expected, outcome: Outcome): PageScore {
  const s: PageScore = { counts: zeroCounts(), ratios: zeroRatios(), diffs: [] };
  if (!want.valid) {
    s.ratios.rejection.of++;
    s.ratios.rejectionCode.of++;
    if (outcome.accepted) {
      s.diffs.push(`accepted, but the page must be rejected (${(want.rejection?.codes ?? []).join(' or ')})`);
      return s;
    }
    s.ratios.rejection.right++;
    const codes = want.rejection?.codes ?? [];
    if (codes.length === 0 || outcome.codes.some((c) => codes.includes(c))) s.ratios.rejectionCode.right++;
    else s.diffs.push(`rejected with ${outcome.codes.join(', ')}, expected ${codes.join(' or ')}`);
    const line = want.rejection?.line;
    if (line !== undefined) {
      s.ratios.rejectionLine.of++;
      if (outcome.line === line) s.ratios.rejectionLine.right++;
      else s.diffs.push(`rejection line: expected ${line}, got ${show(outcome.line)}`);
    }
    return s;
  }
  s.ratios.acceptance.of++;
  if (outcome.accepted) s.ratios.acceptance.right++;
  else s.diffs.push(`rejected (${outcome.codes.join(', ')}): ${outcome.message}`);
  const got = outcome.accepted ? outcome.extraction : EMPTY_EXTRACTION;
  const c = s.counts;
  const d = s.diffs;
  scoreSingle(c.title, 'title', want.title ?? null, got.title, sameText, d);
  scoreSingle(c.datePublished, 'datePublished', want.datePublished ?? null, got.datePublished, same, d);
  scoreSingle(c.datelineDate, 'datelineDate', want.datelineDate ?? null, got.datelineDate, same, d);
  scoreSingle(c.genre, 'genre', want.genre ?? null, got.genre, sameFolded, d);
  scoreSingle(c.language, 'language', primary(want.language), primary(got.language), same, d);
  scoreSet(c.places, 'places', want.places ?? [], got.places, id, d);
  scoreSet(c.sources, 'sources', want.sources ?? [], got.sources, id, d);
  scoreSet(c.fields, 'fields', want.fields ?? [], got.fields, id, d);
  scoreSet(c.speakers, 'speakers', want.speakers ?? [], got.speakers, normalizePerson, d);
  scoreSet(c.states, 'mentioned states', want.mentions?.states ?? [], got.mentions.states, id, d);
  scoreSet(c.structures, 'mentioned structures', want.mentions?.structures ?? [], got.mentions.structures, id, d);
  scoreSet(c.persons, 'mentioned persons', want.mentions?.persons ?? [], got.mentions.persons, normalizePerson, d);
  scoreQuotations(want, got, s);
  scoreEvent(want.event ?? null, got.event, s);
  return s;
}

/** The sum of page scores (diffs dropped). */
export function sum(scores: readonly PageScore[]): Omit<PageScore, 'diffs'> {
  const total = { counts: zeroCounts(), ratios: zeroRatios() };
  for (const s of scores) {
    for (const f of FIELDS) {
      total.counts[f].tp += s.counts[f].tp;
      total.counts[f].fp += s.counts[f].fp;
      total.counts[f].fn += s.counts[f].fn;
    }
    for (const r of RATIOS) {
      total.ratios[r].right += s.ratios[r].right;
      total.ratios[r].of += s.ratios[r].of;
    }
  }
  return total;
}

/** Precision and recall; undefined where nothing was extracted (precision) or expected (recall). */
export function precision(c: Counts): number | undefined {
  return c.tp + c.fp === 0 ? undefined : c.tp / (c.tp + c.fp);
}
export function recall(c: Counts): number | undefined {
  return c.tp + c.fn === 0 ? undefined : c.tp / (c.tp + c.fn);
}
export function rate(r: Ratio): number | undefined {
  return r.of === 0 ? undefined : r.right / r.of;
}
