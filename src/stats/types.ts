/** What a statistics request asks and what it is answered with (`GET /api/stats`, the /stats page, the charts). */

/** The facets releases are counted by. */
export const DIMENSIONS = ['year', 'month', 'state', 'field', 'publisher', 'genre', 'language', 'speaker'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Filters: IRIs of a State (mentioned), field of work, structure (its whole org:unitOf subtree), content type; a language code; a date range. */
export interface StatsFilters {
  state?: string;
  field?: string;
  publisher?: string;
  genre?: string;
  /** A person quoted in the release. */
  speaker?: string;
  language?: string;
  /** Inclusive bounds on schema:datePublished, YYYY-MM-DD. */
  from?: string;
  to?: string;
}
export const FILTERS = ['state', 'field', 'publisher', 'genre', 'speaker', 'language', 'from', 'to'] as const;

export interface StatsRequest {
  /** One dimension, or two (rows for each pair of keys). */
  by: readonly [Dimension] | readonly [Dimension, Dimension];
  filters: StatsFilters;
}

/** One row: the key (an IRI, a year "2021", a month "2021-03", a language code), its label, and the releases counted. */
export interface StatsRow {
  key: string;
  label: string;
  key2?: string;
  label2?: string;
  releases: number;
}

/** Whether a dimension's keys are times (sorted by key) rather than things (sorted by count). */
export const isTime = (d: Dimension): boolean => d === 'year' || d === 'month';
