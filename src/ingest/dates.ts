/**
 * Dates as OSCE pages write them, in the six OSCE languages and the host-country languages the sites publish in:
 * "28 October 2009", "October 28, 2009", "1er juin 2015", "19. Mai 2016", "11 de enero de 2007", "3 марта 2018 г.",
 * "12. oktobra 2017.", "2009-10-28", "16.10.2019", "06/02/2016" (slash dates are ambiguous: both readings are kept).
 *
 * Month names come from CLDR through Intl.DateTimeFormat (format and stand-alone forms, long and short), so no
 * language's names are typed here; inflected forms CLDR lacks (Serbian genitive "oktobra") are matched by their stem.
 * docs/decisions/0004-page-dates-and-language.md has the measurement against chrono-node.
 */
import { AppError } from '../errors.js';

/** Languages whose month names are read; a name two of them give to different months is left out. */
export const MONTH_LANGUAGES = ['en', 'fr', 'de', 'it', 'es', 'ru', 'uk', 'sr', 'sr-Latn', 'mk', 'sq', 'bs', 'ro'] as const;

const fold = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\.$/, '');

/** Month names (folded) → month number, from CLDR; names that collide across languages are removed. */
function monthTables(): { all: Map<string, number>; long: Map<string, number> } {
  const all = new Map<string, number>();
  const long = new Map<string, number>();
  const clash = new Set<string>();
  const add = (table: Map<string, number>, name: string, month: number) => {
    const key = fold(name);
    if (key.length < 3) return;
    const had = table.get(key);
    if (had !== undefined && had !== month) clash.add(key);
    table.set(key, month);
  };
  for (const lang of MONTH_LANGUAGES) {
    const styles = (['long', 'short'] as const).flatMap((month) => [
      { month, f: new Intl.DateTimeFormat(lang, { day: 'numeric', month, timeZone: 'UTC' }) },
      { month, f: new Intl.DateTimeFormat(lang, { month, timeZone: 'UTC' }) },
    ]);
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2020, m, 3));
      for (const { month, f } of styles) {
        const part = f.formatToParts(d).find((p) => p.type === 'month')?.value;
        if (!part || !/^\p{L}+\.?$/u.test(part)) continue;
        add(all, part, m + 1);
        if (month === 'long') add(long, part, m + 1);
      }
    }
  }
  // English abbreviation as pages write it ("Sept.")
  add(all, 'sept', 9);
  for (const key of clash) {
    all.delete(key);
    long.delete(key);
  }
  return { all, long };
}

const { all: MONTHS, long: LONG_NAMES } = monthTables();

/** Whether `word` is `name` with an inflection ending CLDR does not list ("marta", "maja", "oktobra" for "oktobar"). */
function inflects(word: string, name: string): boolean {
  const stems = [name];
  // the fleeting a of Serbian, Bosnian and Macedonian months: oktobar → oktobra
  if (/[aа][rр]$/u.test(name)) stems.push(name.slice(0, -2) + name.slice(-1));
  return stems.some((stem) => word.startsWith(stem) && word.length - stem.length <= (stem.length <= 3 ? 1 : 2));
}

/** The month a word names: a CLDR name or abbreviation, or an inflected form of a full name. */
export function monthOf(word: string): number | undefined {
  const w = fold(word);
  const exact = MONTHS.get(w);
  if (exact !== undefined) return exact;
  const hits = new Set<number>();
  for (const [name, month] of LONG_NAMES) if (inflects(w, name)) hits.add(month);
  return hits.size === 1 ? [...hits][0] : undefined;
}

/** For event.ts and others that only need an English month number. */
export function monthNumber(name: string): number {
  return monthOf(name) ?? 0;
}

export interface PartialDate {
  day: number;
  month: number;
  year: number | undefined;
}

export interface FoundDate {
  date: PartialDate;
  index: number;
  length: number;
  /** A slash date both of whose readings are possible (`06/02/2016`): the month-first reading. */
  monthFirst?: PartialDate;
}

const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|er|\.)?`;
const WORD = String.raw`(\p{L}{3,}\.?)`;
const YEAR = String.raw`(\d{4})(?!\d)(?:\s?(?:г|р|god)\.)?`;
/** Day month [year]: "28 October 2009", "19. Mai 2016", "11 de enero de 2007", "3 марта 2018 г.". */
const DMY = new RegExp(String.raw`(?<![\p{L}\p{N}])${DAY}\s*(?:de\s+)?${WORD}(?:,?\s*(?:de\s+|del\s+)?${YEAR})?`, 'gu');
/** Month day[,] [year]: "October 28, 2009". */
const MDY = new RegExp(String.raw`(?<![\p{L}\p{N}])${WORD}\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+${YEAR})?`, 'gu');
const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
/** Numeric: 28.10.2009 (day first), 06/02/2016 (ambiguous). */
const NUMERIC = /(?<![\d.\/])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)\.?/g;

function* candidates(text: string): Generator<FoundDate> {
  for (const m of text.matchAll(DMY)) {
    const month = monthOf(m[2] as string);
    if (!month) continue;
    yield { date: { day: Number(m[1]), month, year: m[3] ? Number(m[3]) : undefined }, index: m.index, length: m[0].length };
  }
  for (const m of text.matchAll(MDY)) {
    const month = monthOf(m[1] as string);
    if (!month) continue;
    yield { date: { day: Number(m[2]), month, year: m[3] ? Number(m[3]) : undefined }, index: m.index, length: m[0].length };
  }
  for (const m of text.matchAll(ISO)) {
    yield { date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, index: m.index, length: m[0].length };
  }
  for (const m of text.matchAll(NUMERIC)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = Number(m[4]);
    const dayFirst = { day: a, month: b, year };
    const monthFirst = { day: b, month: a, year };
    if (m[2] === '.' || a > 12) yield { date: dayFirst, index: m.index, length: m[0].length };
    else if (b > 12) yield { date: monthFirst, index: m.index, length: m[0].length };
    else yield { date: dayFirst, index: m.index, length: m[0].length, ...(a !== b ? { monthFirst } : {}) };
  }
}

/** Every written date in `text`, in order of position (the longest reading at a position). */
export function findDates(text: string): FoundDate[] {
  const all = [...candidates(text)].sort((x, y) => x.index - y.index || y.length - x.length);
  const out: FoundDate[] = [];
  for (const d of all) {
    const last = out.at(-1);
    if (last && d.index < last.index + last.length) continue;
    out.push(d);
  }
  return out;
}

/** The first written date in `text`, with its position. */
export function findDate(text: string): FoundDate | undefined {
  return findDates(text)[0];
}

/** Whether `d` is a real calendar day of a year the OSCE's pages can have (1970–2100). */
export function isValidDate(d: PartialDate & { year: number }): boolean {
  const back = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return d.month >= 1 && d.month <= 12 && back.getUTCDate() === d.day && back.getUTCMonth() === d.month - 1 && d.year >= 1970 && d.year <= 2100;
}

/** xsd:date lexical form; an impossible day (31 February) is a 422 naming the date. */
export function toXsdDate(d: PartialDate & { year: number }, written: string): string {
  if (!isValidDate(d)) {
    throw new AppError(422, 'INVALID_DATE', `The date "${written}" is not a valid calendar date.`, { date: written });
  }
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Adds days to an xsd:date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (xsd:dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Weekday names (folded, long and short) of the month languages, from CLDR. */
const WEEKDAYS: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  for (const lang of MONTH_LANGUAGES) {
    for (const weekday of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(lang, { weekday, timeZone: 'UTC' });
      for (let d = 0; d < 7; d++) out.add(fold(f.format(new Date(Date.UTC(2020, 0, 5 + d)))));
    }
  }
  return out;
})();

/** Weekday names (folded, long, short, and in the cases Slavic languages use after "until": "вторника") → 0 (Sunday) … 6. */
const WEEKDAY_NUMBERS: ReadonlyMap<string, number> = (() => {
  const out = new Map<string, number>();
  for (const lang of MONTH_LANGUAGES) {
    for (const weekday of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(lang, { weekday, timeZone: 'UTC' });
      for (let d = 0; d < 7; d++) out.set(fold(f.format(new Date(Date.UTC(2020, 0, 5 + d)))), d);
    }
  }
  return out;
})();

/** The weekday (0 = Sunday) a word names in the page languages, allowing a case ending of up to two letters. */
export function weekdayNumber(word: string): number | undefined {
  // apostrophes as written (Ukrainian "п’ятниці" with U+2019 or U+0027, CLDR's "пʼятниця" with U+02BC)
  const w = fold(word).replace(/['’]/gu, 'ʼ');
  // a fleeting "a" before the last consonant (Serbian "до четвртка", CLDR's "четвртак")
  const fleeting = /^(\p{L}{3,})([кkнn])([ауaeuе])$/u.exec(w);
  if (fleeting) {
    const full = WEEKDAY_NUMBERS.get(`${fleeting[1] as string}${/\p{Script=Cyrillic}/u.test(w) ? 'а' : 'a'}${fleeting[2] as string}`);
    if (full !== undefined) return full;
  }
  for (let cut = 0; cut <= 2 && cut < w.length - 3; cut++) {
    const stem = w.slice(0, w.length - cut);
    const hit = WEEKDAY_NUMBERS.get(stem) ?? (cut > 0 ? [...WEEKDAY_NUMBERS].find(([k]) => k.length >= 5 && k.slice(0, -1) === stem.slice(0, k.length - 1) && stem.length - k.length <= 1)?.[1] : undefined);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Whether a word is a weekday's name exactly as CLDR writes it ("вторник", "Monday"), with no case ending cut off. */
export function isWeekdayName(word: string): boolean {
  return WEEKDAY_NUMBERS.has(fold(word).replace(/['’]/gu, 'ʼ'));
}

/** The first date after `date` (xsd:date) that falls on `weekday` (0 = Sunday). */
export function nextWeekday(date: string, weekday: number): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, ((weekday - day + 6) % 7) + 1);
}

/** Words that may stand beside a date on a line of its own: "Published on", "Publié le", "Veröffentlicht am". */
const TIME_OF_DAY = /(?:^|\s)(?:[-–,|·]\s*)?(?:(?:at|à|um|u|в|о|alle|ore|a\s+las|a\s+la|në|ora)\s+)?\d{1,2}(?:[:.h]\d{2})(?::\d{2})?\s*(?:[ap]\.?m\.?|h|uhr|ч\.?|год\.?|(?:CET|CEST|UTC|GMT)(?:[+-]\d{1,2})?)?(?=\s|$|[,.|·])/giu;
const DATE_LINE_WORDS = new Set([
  'published', 'posted', 'updated', 'on', 'date', 'publié', 'publiée', 'le', 'mis', 'à', 'jour', 'veröffentlicht', 'am',
  'pubblicato', 'il', 'publicado', 'el', 'опубликовано', 'опубліковано', 'objavljeno', 'publikuar', 'më',
]);

/**
 * The date of a line that is nothing but a date, perhaps with a weekday or a publication word (`Thu, 06/02/2016`,
 * `16.10.2019`, `Publié le 06/12/2006`); undefined for any other line.
 */
export function dateOnlyLine(written: string): FoundDate | undefined {
  // "Posted 14.11.2013 by the editors": a byline after the date of a line that opens with a publication word
  const line = /^\s*(?:posted|published|publié|publiée|veröffentlicht|pubblicato|publicado|опубликовано|опубліковано|objavljeno|publikuar)\s/iu.test(written)
    ? written.replace(/\s(?:by|par|von|da|por|от|від|od|nga)\s+[\p{L}\s.'’-]{1,40}$/u, '')
    : written;
  const dates = findDates(line);
  const only = dates[0];
  if (dates.length !== 1 || !only || only.date.year === undefined) return undefined;
  // the time of day after the date ("at 4:15 pm", "u 10:34", "à 10h30", "um 9.30 Uhr", "- 11:05") is the line's too
  const rest = `${line.slice(0, only.index)} ${line.slice(only.index + only.length).replace(TIME_OF_DAY, ' ')}`;
  const words = rest.split(/[^\p{L}]+/u).filter(Boolean).map(fold);
  return words.every((w) => WEEKDAYS.has(w) || WEEKDAYS.has(`${w}.`) || DATE_LINE_WORDS.has(w)) ? only : undefined;
}
