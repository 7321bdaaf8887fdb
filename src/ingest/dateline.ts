/**
 * Datelines at the start of a release body, in all the styles seen on osce.org: `VIENNA, 28 October 2009 -`, en or
 * em dash, dash glued to the date, `VIENNA/BELGRADE`, `OSH, Kyrgyzstan, 14 March 2006-`, no year, no date
 * (`VIENNA- The OSCE`), mixed case, date before the city, and the older layout's own line `VIENNA 28 October 2009`.
 */
import { findDate } from './dates.js';
import type { Dateline } from './types.js';

/** Head of a paragraph up to the first dash that is followed by a space (so `Ust-Kamenogorsk` is not cut). */
const SEPARATOR = /^(.{2,120}?)\s*[-\u2013\u2014]+(?:\s+|$)/u;
/** Every word of a place starts with a capital (or is a particle): `Warsaw`, `PRISHTINË/PRIŠTINA`, `Frankfurt am Main`. */
const PLACE_WORD = /^(?:\p{Lu}[\p{L}'’.\-]*|am|an|de|del|di|la|le|on|upon|sur|na)$/u;
const NOT_PLACES = new Set(['OSCE', 'ODIHR', 'HCNM', 'UN', 'EU']);

function isPlaceText(text: string): boolean {
  const words = text.split(/\s*[/,]\s*|\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 8 && words.every((w) => PLACE_WORD.test(w)) && !NOT_PLACES.has(text);
}

export interface DatelineMatch {
  dateline: Dateline;
  /** The paragraph is nothing but the dateline (older layout). */
  standalone: boolean;
}

/**
 * Reads a dateline from the start of `line`. `isPlace` says whether a mixed-case name without a date is a known
 * place (an all-capitals head is taken as a place anyway).
 */
export function parseDateline(line: string, isPlace: (name: string) => boolean): DatelineMatch | undefined {
  const sep = SEPARATOR.exec(line);
  const standaloneHead = sep ? undefined : line;
  const head = (sep?.[1] ?? standaloneHead ?? '').trim();
  if (!head || head.length > 100) return undefined;
  const found = findDate(head);
  const placeText = found ? `${head.slice(0, found.index)} ${head.slice(found.index + found.length)}` : head;
  const place = placeText.replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '').replace(/\s*,\s*,\s*/g, ', ');
  if (place && !isPlaceText(place)) return undefined;
  if (!found) {
    if (!place || standaloneHead !== undefined) return undefined;
    const caps = place === place.toUpperCase() && /\p{Lu}{2}/u.test(place);
    if (!caps && !isPlace(place)) return undefined;
  }
  if (standaloneHead !== undefined && !found) return undefined;
  const groups = place ? place.split(/\s*,\s*/).filter(Boolean) : [];
  return {
    dateline: { places: groups, prefix: standaloneHead !== undefined ? '' : (sep?.[0] ?? ''), day: found?.date.day, month: found?.date.month, year: found?.date.year },
    standalone: standaloneHead !== undefined || line.slice(sep?.[0].length ?? 0).trim() === '',
  };
}
