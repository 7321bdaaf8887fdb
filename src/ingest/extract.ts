/**
 * RawPage → ReleaseRecord: dates, names resolved, quotations, mentions, publications and the announced event.
 * Pure; every problem of the page is collected and reported at once as a 422.
 */
import { AppError } from '../errors.js';
import { slugify, type Iris } from '../model/ns.js';
import { findDate, toXsdDate } from './dates.js';
import { findEvent, organizerPhrases } from './event.js';
import { findNames, findPublicationTitles, mentionedEntities } from './mentions.js';
import { releaseKey } from './keys.js';
import { findQuotes } from './quotes.js';
import type { ReferenceIndex } from './reference-index.js';
import { resolveList, resolvePlaces, type Problem } from './resolve.js';
import type { EventRecord, PersonRef, RawPage, ReleaseRecord } from './types.js';

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
  const quotes = findQuotes(text, index);
  const persons = new Map<string, PersonRef>();
  const quotations = quotes.map((q, i) => {
    const name = q.speaker?.name;
    const speaker = name && slugify(name) ? { iri: iris.entity('person', slugify(name)), name } : undefined;
    if (speaker) persons.set(speaker.iri, speaker);
    return { iri: iris.entity('quotation', `${key}-${i + 1}`), text: q.text, speaker, role: q.speaker?.role, affiliation: q.speaker?.affiliation };
  });
  const publications = findPublicationTitles(text).filter((t) => slugify(t)).map((t) => ({ iri: iris.entity('publication', slugify(t)), title: t }));
  return {
    key, iri: iris.entity('release', key), graph: iris.releaseGraph(key), title, date: dates.published,
    contentType: ct, publishers, fields, places, paragraphs, quotations,
    persons: [...persons.values()], publications, mentions: [...new Set([...mentionedEntities(text, index), ...statePlaces])],
    event: eventOf(text, dates.today, places, index, iris),
  };
}

function eventOf(text: string[], today: string, places: ReleaseRecord['places'], index: ReferenceIndex, iris: Iris): EventRecord | undefined {
  const facts = findEvent(text, today);
  if (!facts) return undefined;
  const inPlace = /\bin\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)/u.exec(facts.rest)?.[1];
  const named = inPlace ? resolvePlaces([inPlace], index, iris)[0] : undefined;
  const place = named && !named.minted ? named : (places.find((p) => p.name.toLowerCase() === inPlace?.toLowerCase()) ?? (inPlace ? named : places[0]));
  const organizers = organizerPhrases(text)
    .map((phrase) => findNames(phrase, index).find((f) => f.category === 'structure')?.iri)
    .filter((x): x is string => x !== undefined);
  return {
    iri: iris.entity('meeting', `${facts.startDate ?? today}-${slugify(facts.name, 50)}`),
    name: facts.name, startDate: facts.startDate, endDate: facts.endDate, place, organizers: [...new Set(organizers)],
  };
}

function rejection(problems: Problem[]): AppError {
  const first = problems[0] ?? { code: 'INVALID_PAGE', message: 'The page could not be read.' };
  const message = problems.length > 1 ? `${first.message} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : first.message;
  return new AppError(422, first.code, message, { problems });
}
