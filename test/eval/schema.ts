/**
 * The expected extraction of one evaluation page (test/fixtures/eval/README.md, "expected.json"), and the same
 * shape for what the ingester extracted, so the two compare field by field.
 */

export type Layout = 'labelled' | 'listing' | 'older' | 'no-dateline' | 'republished';
export const LAYOUTS: readonly Layout[] = ['labelled', 'listing', 'older', 'no-dateline', 'republished'];
export const GENRES = ['Press release', 'News item', 'Press statement', 'Media advisory', 'Spot report', 'Daily report', 'Feature story'] as const;

export interface Quotation {
  /** First words of the quotation as written (typographic quotes and the attribution left out). */
  starts: string;
  speaker: string | null;
  role: string | null;
  /** Key of the structure or field operation the speaker speaks for. */
  affiliation: string | null;
}

export interface EventFacts {
  name: string;
  startDate: string | null;
  endDate: string | null;
  place: string | null;
}

export interface Mentions {
  states: string[];
  structures: string[];
  persons: string[];
}

/** What a page must give (valid) or how it must be refused (invalid). */
export interface Expected {
  valid: boolean;
  /** Invalid pages: the acceptable rejection codes (any one of them is right) and the line of the problem, if any. */
  rejection?: { codes: string[]; line?: number };
  layout: Layout;
  language: string;
  format: 'text' | 'html';
  url?: string;
  title?: string;
  datePublished?: string;
  datelineDate?: string | null;
  places?: string[];
  sources?: string[];
  fields?: string[];
  genre?: string;
  quotations?: Quotation[];
  speakers?: string[];
  mentions?: Mentions;
  event?: EventFacts | null;
  /** What the page exercises ("dateline:no-year", "attribution:pronoun"): the README's coverage tables. Not scored. */
  covers?: string[];
  /** Free text for the reader: why a label is what it is. Not scored. */
  note?: string;
}

/** What the ingester made of a page, in the expected shape; `null` where it said nothing. */
export interface Extraction {
  title: string | null;
  datePublished: string | null;
  datelineDate: string | null;
  language: string | null;
  genre: string | null;
  places: string[];
  sources: string[];
  fields: string[];
  quotations: { text: string; speaker: string | null; role: string | null; affiliation: string | null }[];
  speakers: string[];
  mentions: Mentions;
  event: EventFacts | null;
}

/** The ingester's answer for one page: an extraction, or a rejection with its codes (first = the main one). */
export type Outcome =
  | { accepted: true; extraction: Extraction }
  | { accepted: false; codes: string[]; line: number | undefined; message: string };
