/**
 * RawPage → ReleaseRecord: dates and names resolved; what the text says (quotations, mentions, the announced event)
 * comes from content.ts. Pure; every problem of the page is collected and reported at once as a 422.
 */
import { AppError } from '../errors.js';
import type { Iris } from '../model/ns.js';
import { extractContent } from './content.js';
import { daysBetween, findDate, isValidDate, toXsdDate, type FoundDate, type PartialDate } from './dates.js';
import { detectLanguage } from './language.js';
import { isFeatureStory } from './labels.js';
import { releaseKey } from './keys.js';
import type { ReferenceIndex } from './reference-index.js';
import { resolveList, resolvePlaces, type Problem } from './resolve.js';
import type { RawPage, ReleaseRecord } from './types.js';

/** Longest title kept, characters (a headline, not a paragraph). */
export const MAX_TITLE = 500;
const DEFAULT_CONTENT_TYPE = 'press-release';
/** How far after the ingest a publication date may lie (an embargo is days; a date decades ahead is a typo). */
const FUTURE_DAYS = 366;

interface Dates {
  published: string;
  /** The dateline's own date, when it has one. */
  dateline: string | undefined;
  /** Date of the dateline (the day the text speaks of as "today"), else the published date. */
  today: string;
}

const xsd = (d: PartialDate & { year: number }): string => toXsdDate(d, '');
const where = (line: number | undefined): string => (line ? ` (line ${line})` : '');
const lineOf = (line: number | undefined): { line?: number } => (line ? { line } : {});

/** A full date written in `text`, or a problem naming it and its line. */
function fullDate(text: string, line: number | undefined, what: string, problems: Problem[]): FoundDate | undefined {
  const found = findDate(text);
  if (!found || found.date.year === undefined) {
    problems.push({ code: 'INVALID_DATE', message: `The ${what} "${text}"${where(line)} is not a date with day, month and year.`, value: text, ...(line ? { line } : {}) });
    return undefined;
  }
  if (!isValidDate({ ...found.date, year: found.date.year })) {
    const written = text.slice(found.index, found.index + found.length);
    problems.push({ code: 'INVALID_DATE', message: `The date "${written}"${where(line)} is not a valid calendar date.`, value: written, ...(line ? { line } : {}) });
    return undefined;
  }
  return found;
}

/**
 * A slash date both of whose readings are possible (`06/02/2016`): the reading nearest the dateline's date, else the
 * page language's order (month first on English pages, as the sites that write weekdays with slash dates do).
 */
function readSlashDate(found: FoundDate, near: PartialDate | undefined, language: string): PartialDate {
  const alt = found.monthFirst;
  if (!alt) return found.date;
  if (near?.year !== undefined) {
    const distance = (d: PartialDate) => Math.abs(daysBetween(xsd({ ...near, year: near.year as number }), xsd({ ...d, year: d.year as number })));
    if (isValidDate({ ...alt, year: alt.year as number }) && distance(alt) < distance(found.date)) return alt;
    return found.date;
  }
  return language === 'en' ? alt : found.date;
}

/**
 * The publication date: the Date field (any language), else a date on its own line near the title, else the
 * dateline's date, else a photo caption's date. The dateline's date is kept too; a dateline without a year takes
 * the publication date's year ("31 December" before a 1 January date is the year before).
 */
function datesOf(raw: RawPage, language: string, problems: Problem[], now: Date): Dates | undefined {
  const field = raw.dateField ? fullDate(raw.dateField, raw.dateFieldLine, 'Date field', problems) : undefined;
  if (raw.dateField && !field) return undefined;
  const dl = raw.dateline;
  const dateLine = raw.otherDates.find((d) => d.kind === 'date-line');
  const lineFound = dateLine ? findDate(dateLine.text) : undefined;
  const caption = raw.otherDates.find((d) => d.kind === 'caption');
  const captionFound = caption ? findDate(caption.text) : undefined;
  const knownYear = field?.date.year ?? lineFound?.date.year ?? captionFound?.date.year;
  const anchorMonth = field?.date.month ?? lineFound?.date.month;
  const crossesYear = dl?.year === undefined && dl?.month !== undefined && anchorMonth !== undefined && dl.month - anchorMonth > 6;
  const dlYear = dl?.year ?? (knownYear === undefined ? undefined : knownYear - (crossesYear ? 1 : 0));
  let dlDate: string | undefined;
  if (dl?.day !== undefined && dl.month !== undefined) {
    if (dlYear === undefined) {
      problems.push({ code: 'NO_YEAR', message: `The dateline${where(dl.line)} has no year and the page has no other date, so the publication date is unknown.`, ...(dl.line ? { line: dl.line } : {}) });
      return undefined;
    }
    const d = { day: dl.day, month: dl.month, year: dlYear };
    if (!isValidDate(d)) {
      const written = `${dl.day}/${dl.month}/${dlYear}`;
      problems.push({ code: 'INVALID_DATE', message: `The dateline's date "${written}"${where(dl.line)} is not a valid calendar date.`, value: written, ...(dl.line ? { line: dl.line } : {}) });
      return undefined;
    }
    dlDate = xsd(d);
  }
  const near = dl?.day !== undefined && dl.month !== undefined && dlYear !== undefined ? { day: dl.day, month: dl.month, year: dlYear } : undefined;
  const valid = (d: PartialDate | undefined): string | undefined => (d?.year !== undefined && isValidDate({ ...d, year: d.year }) ? xsd({ ...d, year: d.year }) : undefined);
  const published = (field ? xsd({ ...field.date, year: field.date.year as number }) : undefined)
    ?? (lineFound ? valid(readSlashDate(lineFound, near, language)) : undefined)
    ?? dlDate
    ?? (captionFound ? valid(captionFound.date) : undefined);
  if (!published) {
    problems.push({ code: 'NO_DATE', message: 'The page has no date: no Date field, no date line, no dated dateline and no dated photo caption.' });
    return undefined;
  }
  // a release is not published years after it is read (a page's copyright footer is no bound: sites leave it stale)
  const today = now.toISOString().slice(0, 10);
  if (daysBetween(today, published) > FUTURE_DAYS) {
    const line = field ? raw.dateFieldLine : dlDate === published ? dl?.line : (lineFound ? dateLine?.line : caption?.line);
    problems.push({ code: 'INVALID_DATE', message: `The publication date ${published}${where(line)} lies more than a year after today (${today}).`, value: published, ...lineOf(line) });
    return undefined;
  }
  return { published, dateline: dlDate, today: dlDate ?? published };
}

/** The content type: as written (resolved in any language), else the section the page is in, else a press release. */
function contentTypeOf(raw: RawPage, index: ReferenceIndex): ReleaseRecord['contentType'] {
  if (raw.contentType) {
    const known = index.findInflected(raw.contentType, 'content-type');
    // A content type the reference data lacks (e.g. "Feature story") is kept as schema:genre text only; a feature
    // story's type in another language ("Reportage", "Репортаж") is named in English as the others are.
    return known ? { iri: known.iri, label: known.label } : { iri: undefined, label: isFeatureStory(raw.contentType) ? 'Feature story' : raw.contentType };
  }
  const key = raw.sectionGenre ?? DEFAULT_CONTENT_TYPE;
  const entry = index.entries.get(index.iris.entity('content-type', key));
  if (entry) return { iri: entry.iri, label: entry.label };
  const label = key.replace(/-/g, ' ');
  return { iri: undefined, label: label.charAt(0).toUpperCase() + label.slice(1) };
}

/** Extracts the record of a parsed page; throws one 422 listing every problem found. */
export function extractRecord(raw: RawPage, index: ReferenceIndex, iris: Iris, now: Date = new Date()): ReleaseRecord {
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const title = raw.title.trim();
  if (title.length > MAX_TITLE) {
    problems.push({ code: 'TITLE_TOO_LONG', message: `The title${where(raw.titleLine)} is longer than ${MAX_TITLE} characters.`, line: raw.titleLine });
  }
  const paragraphs = raw.paragraphs.filter((p) => p.replace(raw.dateline?.prefix ?? '', '').trim() !== '');
  if (paragraphs.length === 0) {
    problems.push({ code: 'EMPTY_BODY', message: `The page has no body text after its title${where(raw.titleLine)}.`, line: raw.titleLine });
  }
  const language = detectLanguage([title, ...paragraphs].join('\n'), raw.layoutLanguages);
  const ct = contentTypeOf(raw, index);
  // Older pages have no Source field: the release then has no schema:publisher rather than a guessed one.
  const dates = datesOf(raw, language, problems, now);
  if (problems.length > 0 || !dates) throw rejection(problems);
  const publishers = resolveList(raw.sources, index, {
    category: 'structure', also: ['organization'], code: 'UNKNOWN_SOURCE', what: 'source', notes, date: dates.published, ...lineOf(raw.fieldLines.source),
  });
  const fields = resolveList(raw.fields, index, { category: 'field', code: 'UNKNOWN_FIELD_OF_WORK', what: 'field of work', notes, ...lineOf(raw.fieldLines.fields) });
  const key = releaseKey(dates.published, title);
  // A State named alone as the place is not an osce:Place: it is kept as a mention instead.
  const located = resolvePlaces(raw.places.length > 0 ? raw.places : (raw.dateline?.places ?? []), index, iris);
  const places = located.filter((p) => index.entries.get(p.iri)?.category !== 'country');
  const statePlaces = located.filter((p) => index.entries.get(p.iri)?.category === 'country').map((p) => p.iri);
  const prefix = raw.dateline?.prefix;
  const text = paragraphs.map((p, i) => (i < 3 && prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p));
  const content = extractContent({ key, title, paragraphs: text, today: dates.today, places, sources: publishers }, index, iris);
  return {
    key, iri: iris.entity('release', key), graph: iris.releaseGraph(key), title, date: dates.published,
    datelineDate: dates.dateline, language, notes,
    contentType: ct, publishers, fields, places, paragraphs,
    quotations: content.quotations, persons: content.persons, publications: content.publications,
    mentions: [...new Set([...content.mentions, ...statePlaces])],
    event: content.event,
  };
}

function rejection(problems: Problem[]): AppError {
  const first = problems[0] ?? { code: 'INVALID_PAGE', message: 'The page could not be read.' };
  const message = problems.length > 1 ? `${first.message} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : first.message;
  return new AppError(422, first.code, message, { problems });
}
