/**
 * The one place that knows how the ingester is called and what its ReleaseRecord looks like: runs `buildRelease`
 * with the built-in reference index over one page and maps the record (or the 422) to the evaluation's shape.
 * When the record's types change, this module changes with them; the scorer does not.
 */
import { isAppError } from '../../src/errors.js';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';
import type { ReleaseRecord } from '../../src/ingest/types.js';
import { DEFAULT_BASE, type Iris } from '../../src/model/ns.js';
import type { Extraction, Outcome } from './schema.js';

/** A fixed ingest time, so nothing in the outcome depends on the clock. */
const NOW = new Date('2026-01-01T00:00:00Z');

export interface PageInput {
  text: string;
  format: 'text' | 'html';
  url?: string;
}

/** Runs the ingester over one page. Errors other than the ingester's own rejections propagate (they are bugs). */
export function ingest(page: PageInput): Outcome {
  const index = referenceIndex(DEFAULT_BASE);
  try {
    const { record } = buildRelease(page.text, index, {
      format: page.format,
      now: NOW,
      ...(page.url ? { source: { iri: page.url } } : {}),
    });
    return { accepted: true, extraction: toExtraction(record, index.iris) };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const problems = problemsOf(e.detail);
    const codes = [e.code, ...problems.map((p) => p.code)].filter((c, i, all) => all.indexOf(c) === i);
    const line = problems.find((p) => typeof p.line === 'number')?.line ?? lineOf(e.detail);
    return { accepted: false, codes, line, message: e.message };
  }
}

function problemsOf(detail: unknown): { code: string; line?: number }[] {
  const list = (detail as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(list) ? list.filter((p): p is { code: string; line?: number } => typeof p?.code === 'string') : [];
}

function lineOf(detail: unknown): number | undefined {
  const line = (detail as { line?: unknown } | undefined)?.line;
  return typeof line === 'number' ? line : undefined;
}

/** The key of an entity IRI (`…/id/structure/odihr` → `odihr`), or the IRI itself when it is not one of ours. */
function keyOf(iri: string, iris: Iris): string {
  return iris.parseEntity(iri)?.key ?? iri;
}

const STATE_KINDS = new Set(['country', 'territory']);
const STRUCTURE_KINDS = new Set(['structure', 'field-operation']);

/** The record in the evaluation's shape. */
export function toExtraction(record: ReleaseRecord, iris: Iris): Extraction {
  const key = (iri: string) => keyOf(iri, iris);
  const kindOf = (iri: string) => iris.parseEntity(iri)?.kind ?? '';
  const quotations = record.quotations.map((q) => ({
    text: q.text,
    speaker: q.speaker?.name ?? null,
    role: q.role ?? null,
    affiliation: q.affiliation ? key(q.affiliation) : null,
  }));
  const speakers = [...new Set(quotations.map((q) => q.speaker).filter((s): s is string => s !== null))];
  const event = record.event;
  return {
    title: record.title,
    datePublished: record.date,
    datelineDate: record.datelineDate ?? null,
    language: record.language,
    genre: record.contentType.label,
    places: record.places.map((p) => key(p.iri)),
    sources: record.publishers.map(key),
    fields: record.fields.map(key),
    quotations,
    speakers,
    mentions: {
      states: record.mentions.filter((m) => STATE_KINDS.has(kindOf(m))).map(key),
      structures: record.mentions.filter((m) => STRUCTURE_KINDS.has(kindOf(m))).map(key),
      persons: record.persons.map((p) => p.name),
    },
    event: event
      ? { name: event.name, startDate: event.startDate ?? null, endDate: event.endDate ?? null, place: event.place ? key(event.place.iri) : null }
      : null,
  };
}
