/**
 * Layout parsing: the text export (navigation lines, content type, title, labelled fields, body) or osce.org HTML,
 * into a RawPage. Pure: no name is resolved here except through the predicates passed in.
 */
import { AppError } from '../errors.js';
import { parseDateline } from './dateline.js';
import { decodePage, detectFormat, htmlToText, MAX_PAGE_BYTES, stripMarkup, toLines, type PageFormat } from './input.js';
import type { Dateline, RawPage } from './types.js';

type FieldName = 'date' | 'place' | 'source' | 'fields';
const LABEL = /^(?:-\s*)?(date|places?|sources?|fields? of work|topics?|themes?)\s*:\s*(.*)$/i;
/** Navigation headings of the site menu that are not list items. */
const FOOTERS = [/^contacts?:?$/i, /^for (?:further|more) information\b/i, /^media contacts?:?$/i, /^related (?:content|news|links)\b/i];

export interface PageHints {
  /** Whether a line is a content type label ("Press release", "News item", ...). */
  isContentType: (line: string) => boolean;
  /** Whether a mixed-case name is a known place (for datelines without a date). */
  isPlace: (name: string) => boolean;
  maxBytes?: number;
  /** The declared format (a text/html request); detected from the content when absent. */
  format?: PageFormat;
}

function fieldOf(label: string): FieldName {
  const l = label.toLowerCase();
  if (l.startsWith('date')) return 'date';
  if (l.startsWith('place')) return 'place';
  if (l.startsWith('source')) return 'source';
  return 'fields';
}

const undash = (l: string): string => l.replace(/^-\s*/, '').trim();

/** Parses a page (text export or HTML) into its parts; throws 4xx AppErrors for unusable input. */
export function parsePage(input: string | Uint8Array, hints: PageHints): RawPage {
  const text = decodePage(input, hints.maxBytes ?? MAX_PAGE_BYTES);
  const format = hints.format ?? detectFormat(text);
  const lines = toLines(format === 'html' ? htmlToText(text) : text).map(stripMarkup).filter(Boolean);
  if (lines.length === 0) throw new AppError(422, 'EMPTY_PAGE', 'The page is empty.');
  const labelAt = lines.findIndex((l) => LABEL.test(l));
  const head = locateHead(lines, labelAt, hints);
  if (!head.title) throw new AppError(422, 'NO_TITLE', 'The page has no title line.');
  const values: Record<FieldName, string[]> = { date: [], place: [], source: [], fields: [] };
  let i = labelAt >= 0 ? labelAt : head.titleAt + 1;
  for (let current: FieldName | undefined; i < lines.length; i++) {
    const line = lines[i] as string;
    const label = LABEL.exec(line);
    if (label) {
      current = fieldOf(label[1] as string);
      if (label[2]) values[current].push(undash(label[2]));
    } else if (current && line.startsWith('-')) {
      if (undash(line)) values[current].push(undash(line));
    } else if (current === 'date' && values.date.length === 0 && /^\S.{0,40}\d{4}$/.test(line)) {
      values.date.push(line);
    } else break;
  }
  const { paragraphs, dateline } = bodyOf(lines.slice(i), hints);
  return {
    contentType: head.contentType,
    title: head.title,
    dateField: values.date.join(' ').trim(),
    places: values.place,
    sources: values.source,
    fields: values.fields,
    dateline,
    paragraphs,
  };
}

interface Head {
  contentType: string | undefined;
  title: string | undefined;
  titleAt: number;
}

/** Content type and title: just above the labelled fields, else after the first content-type line or the menu. */
function locateHead(lines: string[], labelAt: number, hints: PageHints): Head {
  if (labelAt > 0) {
    // The content type is usually above the title; some HTML layouts put it between the title and the fields.
    const above = lines[labelAt - 1] as string;
    const twoAbove = lines[labelAt - 2];
    const usable = (l: string | undefined): l is string => l !== undefined && !l.startsWith('-') && !hints.isContentType(l);
    if (hints.isContentType(above)) {
      return { contentType: above, title: usable(twoAbove) ? twoAbove : undefined, titleAt: labelAt - 2 };
    }
    return {
      contentType: twoAbove !== undefined && hints.isContentType(twoAbove) ? twoAbove : undefined,
      title: usable(above) ? above : undefined,
      titleAt: labelAt - 1,
    };
  }
  if (labelAt === 0) return { contentType: undefined, title: undefined, titleAt: 0 };
  const ctAt = lines.findIndex((l) => !l.startsWith('-') && hints.isContentType(l));
  if (ctAt >= 0) return { contentType: lines[ctAt], title: lines[ctAt + 1], titleAt: ctAt + 1 };
  const start = skipMenu(lines);
  return { contentType: undefined, title: lines[start], titleAt: start };
}

/** Index of the first line after the site menu ("-", "- Item" lines and the heading after a lone "-"). */
function skipMenu(lines: string[]): number {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line === '-') i += 2;
    else if (line.startsWith('- ')) i++;
    else break;
  }
  return i;
}

function bodyOf(lines: string[], hints: PageHints): { paragraphs: string[]; dateline: Dateline | undefined } {
  const end = lines.findIndex((l) => FOOTERS.some((re) => re.test(l)));
  const body = (end >= 0 ? lines.slice(0, end) : lines).filter((l) => l !== '-');
  // The dateline opens the body, or its second paragraph when a lead sentence comes first.
  for (const at of [0, 1]) {
    const line = body[at];
    const match = line === undefined ? undefined : parseDateline(line, hints.isPlace);
    if (!match) continue;
    if (match.standalone) body.splice(at, 1);
    return { paragraphs: body, dateline: match.dateline };
  }
  return { paragraphs: body, dateline: undefined };
}
