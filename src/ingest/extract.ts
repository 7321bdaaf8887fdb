/**
 * RawPage → ReleaseRecord: dates and names resolved; what the text says (quotations, mentions, the announced event)
 * comes from content.ts. Pure; every problem of the page is collected and reported at once as a 422.
 */
import { AppError } from '../errors.js';
import type { Iris } from '../model/ns.js';
import { findDate, toXsdDate } from './dates.js';
import { extractContent } from './content.js';
import { releaseKey } from './keys.js';
import type { ReferenceIndex } from './reference-index.js';
import { resolveList, resolvePlaces, type Problem } from './resolve.js';
import type { RawPage, ReleaseRecord } from './types.js';

/** Longest title kept, characters (a headline, not a paragraph). */
export const MAX_TITLE = 500;
const DEFAULT_CONTENT_TYPE = 'Press release';

interface Dates {
  published: string;
  /** Date of the dateline (the day the text speaks of as "today"), else the published date. */
  today: string;
}

function datesOf(raw: RawPage, problems: Problem[]): Dates | undefined {
  const field = raw.dateField ? findDate(raw.dateField) : undefined;
  if (raw.dateField && (!field || field.date.year === undefined)) {
    problems.push({ code: 'INVALID_DATE', message: `The Date field "${raw.dateField}" is not a date with day, month and year.`, value: raw.dateField });
    return undefined;
  }
  const dl = raw.dateline;
  // A yearless dateline takes the Date field's year; "31 December" before a 1 January Date is the year before.
  const crossesYear = dl?.year === undefined && dl?.month !== undefined && field !== undefined && dl.month - field.date.month > 6;
  const dlYear = dl?.year ?? (field?.date.year === undefined ? undefined : field.date.year - (crossesYear ? 1 : 0));
  try {
    const fieldDate = field ? toXsdDate({ ...field.date, year: field.date.year as number }, raw.dateField) : undefined;
    const dlDate = dl?.day !== undefined && dl.month !== undefined && dlYear !== undefined
      ? toXsdDate({ day: dl.day, month: dl.month, year: dlYear }, `${dl.day}/${dl.month}/${dlYear}`)
      : undefined;
    if (!fieldDate && dl?.day !== undefined && dlYear === undefined) {
      problems.push({ code: 'NO_YEAR', message: 'The dateline has no year and the Date field is empty, so the publication date is unknown.' });
      return undefined;
    }
    const published = fieldDate ?? dlDate;
    if (!published) {
      problems.push({ code: 'NO_DATE', message: 'The page has no date: the Date field is empty and the body has no dated dateline.' });
      return undefined;
    }
    return { published, today: dlDate ?? published };
  } catch (e) {
    if (e instanceof AppError) problems.push({ code: e.code, message: e.message });
    else throw e;
    return undefined;
  }
}

/** Extracts the record of a parsed page; throws one 422 listing every problem found. */
export function extractRecord(raw: RawPage, index: ReferenceIndex, iris: Iris): ReleaseRecord {
  const problems: Problem[] = [];
  const title = raw.title.trim();
  if (title.length > MAX_TITLE) problems.push({ code: 'TITLE_TOO_LONG', message: `The title is longer than ${MAX_TITLE} characters.` });
  const paragraphs = raw.paragraphs.filter((p) => p.replace(raw.dateline?.prefix ?? '', '').trim() !== '');
  if (paragraphs.length === 0) problems.push({ code: 'EMPTY_BODY', message: 'The page has no body text.' });
  // A content type the reference data lacks (e.g. "Feature story") is kept as schema:genre text only.
  const ctName = raw.contentType ?? DEFAULT_CONTENT_TYPE;
  const known = index.find(ctName, 'content-type');
  const ct = known ? { iri: known.iri, label: known.label } : { iri: undefined, label: ctName };
  // Older pages have no Source field: the release then has no schema:publisher rather than a guessed one.
  const publishers = resolveList(raw.sources, index, 'structure', 'UNKNOWN_SOURCE', 'source', problems, ['organization']);
  const fields = resolveList(raw.fields, index, 'field', 'UNKNOWN_FIELD_OF_WORK', 'field of work', problems);
  const dates = datesOf(raw, problems);
  if (problems.length > 0 || !dates) throw rejection(problems);
  const key = releaseKey(dates.published, title);
  // A State named alone as the place is not an osce:Place: it is kept as a mention instead.
  const located = resolvePlaces(raw.places.length > 0 ? raw.places : (raw.dateline?.places ?? []), index, iris);
  const places = located.filter((p) => index.entries.get(p.iri)?.category !== 'country');
  const statePlaces = located.filter((p) => index.entries.get(p.iri)?.category === 'country').map((p) => p.iri);
  const prefix = raw.dateline?.prefix;
  const text = paragraphs.map((p, i) => (i < 2 && prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p));
  const content = extractContent({ key, title, paragraphs: text, today: dates.today, places }, index, iris);
  return {
    key, iri: iris.entity('release', key), graph: iris.releaseGraph(key), title, date: dates.published,
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
