/**
 * Datelines at the start of a release body, read with a small grammar of their parts:
 *
 *   dateline  = head separator text | head                      (the older layout's own line: `VIENNA 28 October 2009`)
 *   head      = places [","] date | date "," places | places     (`VIENNA, 28 October 2009`, `28 January 2015, SARAJEVO`)
 *   places    = place ("/" place)* ("," country)?                (`VIENNA/BELGRADE`, `OSH, Kyrgyzstan`, `PRISHTINË/PRIŠTINA`)
 *   separator = hyphen, en dash or em dash, with or without spaces around it (`2006-`, `2014 –The`, `VIENNA- The`)
 *
 * Dates in any of the languages dates.ts reads ("3 марта 2018 г.", "12. oktobra 2017."), the year may be missing.
 * A photo caption glued to the dateline (`… session, 2 June 2016VIENNA, 2 June 2016 –`) is split off first.
 */
import { findDate } from './dates.js';
import type { Dateline } from './types.js';

const DASH = '[-\\u2010-\\u2015\\u2212]';
/**
 * The head up to the first separator: a dash followed by a space or the end, or a dash after a space, digit or period
 * followed directly by the text (`2014 –The`). A dash inside a word (`Ust-Kamenogorsk`) is not a separator.
 */
const SEPARATOR = new RegExp(`^(.{2,120}?)(?:\\s*${DASH}+(?:\\s+|$)|(?<=[\\s\\d.])${DASH}+(?=[\\p{L}"“«„]))`, 'u');
/** Every word of a place starts with a capital (or is a particle): `Warsaw`, `PRISHTINË/PRIŠTINA`, `Frankfurt am Main`. */
const PLACE_WORD = /^(?:\p{Lu}[\p{L}'’.\-]*|am|an|de|del|di|la|le|on|upon|sur|na)$/u;
const NOT_PLACES = new Set(['OSCE', 'ODIHR', 'HCNM', 'UN', 'EU', 'ОБСЕ', 'OSZE', 'OEBS', 'ОБСЄ', 'ОЕБС', 'OSBE']);

function isPlaceText(text: string): boolean {
  const words = text.split(/\s*[/,]\s*|\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 8 && words.every((w) => PLACE_WORD.test(w)) && !NOT_PLACES.has(text);
}

export interface DatelineMatch {
  dateline: Dateline;
  /** The paragraph is nothing but the dateline (older layout). */
  standalone: boolean;
}

/** Place text of a head once its date is cut out: spaces collapsed, stray commas and periods removed. */
function placePart(head: string, found: { index: number; length: number } | undefined): string {
  // the article a date takes in French, Spanish, Italian and German ("LIÈGE, le 2 octobre", "MADRID, el 3 de mayo",
  // "ROMA, lì 5 maggio", "WIEN, am 5. Mai", "Le 2 octobre 2019 –") is the date's, never a place
  const before = found ? head.slice(0, found.index).replace(/(?:^|(?<=[\s,]))(?:le|el|il|lì|li|am|den|dne)\s*$/iu, '') : head;
  // ("VIENNA (5 May 2020) –": the date in parentheses; "СКОПЈЕ, 5 мај 2020 година": the year's word is the date's)
  const after = found ? head.slice(found.index + found.length).replace(YEAR_WORD, '') : '';
  const text = (found ? `${before} , ${after}` : head).replace(/[()]/gu, ' ');
  return text.replace(/\s+/g, ' ').replace(/^[\s,.:]+|[\s,.:]+$/g, '').replace(/\s*,(?:\s*,)+\s*/g, ', ').replace(/\s+,/g, ',');
}

/**
 * Reads a dateline from the start of `line`. `isPlace` says whether a mixed-case name without a date is a known
 * place (an all-capitals head is taken as a place anyway).
 */
export function parseDateline(line: string, isPlace: (name: string) => boolean): DatelineMatch | undefined {
  return dashed(line, isPlace) ?? stopped(line, isPlace);
}

/**
 * A head closed by a full stop or a comma instead of a dash (`COPENHAGEN, 18 June 2026. The …`, `NOVI PAZAR, 14.
 * novembar 2019. Trodnevna …`, `MADRID, 30 de septiembre de 2024. El …`, `LA HAYE, 6 avril 2011, Le …`): places in
 * capitals (or a known place), then a full date with its year, then the stop and the text's first capital. Without a
 * dash the date must be whole and the places sure: "Today, 5 May 2020. The …" is a sentence.
 */
const STOP = /[.,:](?=\s+["“«„‘']?[\p{Lu}\p{Lt}])/gu;
/** What may follow a date's year in the page languages ("2020 година", "2020 г.", "2019 godine"). */
const YEAR_WORD = /^\s*(?:година|години|godine|godina|года|году|року|рік|год|г|р|viti|vitit)\.?/iu;

function stopped(line: string, isPlace: (name: string) => boolean): DatelineMatch | undefined {
  for (const m of line.slice(0, 120).matchAll(STOP)) {
    const head = line.slice(0, m.index + 1);
    const found = findDate(head);
    if (!found || found.date.year === undefined || found.date.day === undefined) continue;
    if (head.slice(found.index + found.length).replace(YEAR_WORD, '').replace(/[\s.,:]/gu, '') !== '') continue;
    const place = placePart(head, found);
    if (!place || !isPlaceText(place)) return undefined;
    const caps = place === place.toUpperCase() && /\p{Lu}{2}/u.test(place);
    if (!caps && !place.split(/\s*,\s*/u).every((p) => isPlace(p))) return undefined;
    const prefix = /^[^]*?[.,:]\s+/u.exec(line.slice(m.index))?.[0] ?? '';
    return {
      dateline: { places: place.split(/\s*,\s*/).filter(Boolean), prefix: line.slice(0, m.index) + prefix, day: found.date.day, month: found.date.month, year: found.date.year },
      standalone: false,
    };
  }
  return undefined;
}

function dashed(line: string, isPlace: (name: string) => boolean): DatelineMatch | undefined {
  const sep = SEPARATOR.exec(line);
  const standalone = !sep;
  const head = (sep?.[1] ?? line).trim();
  if (!head || head.length > 100) return undefined;
  const found = findDate(head);
  // The date must be the whole rest of the head: "Experts met on 5 May 2010 in Vienna" is a sentence.
  const place = placePart(head, found);
  if (place && !isPlaceText(place)) return undefined;
  if (!found) {
    if (!place || standalone) return undefined;
    const caps = place === place.toUpperCase() && /\p{Lu}{2}/u.test(place);
    if (!caps && !isPlace(place)) return undefined;
  }
  const groups = place ? place.split(/\s*,\s*/).filter(Boolean) : [];
  // A standalone line needs a place and a date ("VIENNA 12 July 2001"); a lone date line is not a dateline.
  if (standalone && groups.length === 0) return undefined;
  return {
    dateline: { places: groups, prefix: standalone ? '' : (sep?.[0] ?? ''), day: found?.date.day, month: found?.date.month, year: found?.date.year },
    standalone: standalone || line.slice(sep?.[0].length ?? 0).trim() === '',
  };
}

/** A year (or a year and `г.`) with a capital glued to it: where a caption ends and a dateline starts. */
const GLUED = /\d{4}(?:\s?[гр]\.)?(?=\p{Lu})/gu;

/**
 * A photo caption glued to the dateline, as republished copies have it: the caption (ending in its date) and the
 * text from the dateline on. Undefined when the line has no such seam.
 */
export function splitGluedCaption(line: string, isPlace: (name: string) => boolean): [caption: string, rest: string] | undefined {
  for (const m of line.slice(0, 600).matchAll(GLUED)) {
    const at = m.index + m[0].length;
    const rest = line.slice(at);
    const parsed = parseDateline(rest, isPlace);
    if (parsed && parsed.dateline.day !== undefined && !parsed.standalone) return [line.slice(0, at).trim(), rest];
  }
  return undefined;
}
