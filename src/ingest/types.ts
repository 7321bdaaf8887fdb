/**
 * The typed record between parsing and RDF: what one press-release page says, with every name already resolved to
 * an IRI of the reference data or to a newly minted entity.
 */

/** A page after layout parsing, before any name is resolved. Line numbers are the source's (1-based). */
export interface RawPage {
  /** The content type as written (a content-type line, a listing's `Content type:` value), if any. */
  contentType: string | undefined;
  /**
   * The content type (its key in the reference data) that a section word or breadcrumb above the title stands for
   * (`Press releases`, `News`), for pages without a content type.
   */
  sectionGenre: string | undefined;
  title: string;
  titleLine: number;
  /** Value of the `Date:` field or its translation ('' when empty or absent). */
  dateField: string;
  dateFieldLine: number | undefined;
  /**
   * Other dates near the title: a date on its own line (republished copies: `Thu, 06/02/2016`, `Publié le 06/12/2006`)
   * and dates that close a photo caption.
   */
  otherDates: { text: string; line: number; kind: 'date-line' | 'caption' }[];
  places: string[];
  sources: string[];
  fields: string[];
  /** The line of each labelled field's first value (or of its label). */
  fieldLines: { place?: number; source?: number; fields?: number };
  /** The dateline found at the start of the body (or on its own line in the older layout). */
  dateline: Dateline | undefined;
  /** Body paragraphs, footer and contacts block removed. */
  paragraphs: string[];
  /** The source line of each paragraph. */
  paragraphLines: number[];
  /** Languages whose sites use the labels and section words the page has (a hint for language detection). */
  layoutLanguages: string[];
}

export interface Dateline {
  /** Comma-separated place groups as written (`["VIENNA/BELGRADE"]`, `["OSH", "Kyrgyzstan"]`); resolved later. */
  places: string[];
  /** The dateline as written at the start of the first paragraph, separator included ('' when on its own line). */
  prefix: string;
  day: number | undefined;
  month: number | undefined;
  year: number | undefined;
  /** The source line the dateline is on. */
  line?: number;
}

/** A resolved or minted place. `minted` places get their triples written into the release graph. */
export interface PlaceRef {
  iri: string;
  name: string;
  minted: boolean;
  /** Country IRI, for minted places whose State is known. */
  country: string | undefined;
}

export interface PersonRef {
  iri: string;
  name: string;
}

export interface QuotationRecord {
  iri: string;
  text: string;
  speaker: PersonRef | undefined;
  role: string | undefined;
  affiliation: string | undefined;
}

export interface PublicationRecord {
  iri: string;
  title: string;
}

export interface EventRecord {
  iri: string;
  name: string;
  startDate: string | undefined;
  endDate: string | undefined;
  place: PlaceRef | undefined;
  organizers: string[];
}

export interface ReleaseRecord {
  key: string;
  iri: string;
  graph: string;
  title: string;
  /** xsd:date lexical form. */
  date: string;
  /** The dateline's own date (xsd:date), when the dateline has one; it may differ from `date` by a day. */
  datelineDate: string | undefined;
  /** The page's language (BCP 47 primary subtag): the language tag of its literals and its schema:inLanguage. */
  language: string;
  /** What was left out and why (names the reference data lacks), each with its line: the release is stored without them. */
  notes: { code: string; message: string; value?: string; line?: number }[];
  /** The content type concept (undefined when the reference data lacks it) and its label, the schema:genre. */
  contentType: { iri: string | undefined; label: string };
  publishers: string[];
  fields: string[];
  places: PlaceRef[];
  paragraphs: string[];
  quotations: QuotationRecord[];
  persons: PersonRef[];
  publications: PublicationRecord[];
  /** IRIs of States and structures named in the body. */
  mentions: string[];
  event: EventRecord | undefined;
}

/** Where the page came from, for PROV-O. */
export interface SourceInfo {
  /** An explicit source IRI (page URL); default `urn:sha256:{hash}`. */
  iri?: string;
  /** File name or label of the source, recorded as its schema:name. */
  name?: string;
  /** How the page was retrieved from `iri` (a harvest): when, and the validators it was served with. */
  retrieved?: Retrieval;
}

/** A retrieval of a web page: its time and HTTP validators (RFC 9110 §8.8). */
export interface Retrieval {
  at: Date;
  etag?: string;
  lastModified?: string;
}
