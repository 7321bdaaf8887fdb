/** Dates as written on OSCE pages ("28 October 2009", "October 28, 2009", "2009-10-28", "28.10.2009"). */
import { AppError } from '../errors.js';

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ALT = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** Day Month [Year] or Month Day[,] [Year]; groups: d1 m1 y1 | m2 d2 y2. */
export const DATE_PATTERN = `(?:(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(${MONTH_ALT})\\.?(?:,?\\s+(\\d{4}))?|(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?)(?![\\w])`;

export interface PartialDate {
  day: number;
  month: number;
  year: number | undefined;
}

export function monthNumber(name: string): number {
  return MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;
}

/** The first written date in `text`, with its position. */
export function findDate(text: string): { date: PartialDate; index: number; length: number } | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  const m = new RegExp(DATE_PATTERN, 'i').exec(text);
  if (iso && (!m || iso.index < m.index)) {
    return { date: { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }, index: iso.index, length: iso[0].length };
  }
  const num = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/.exec(text);
  if (num && (!m || num.index < m.index)) {
    return { date: { day: Number(num[1]), month: Number(num[2]), year: Number(num[3]) }, index: num.index, length: num[0].length };
  }
  if (!m) return undefined;
  const [, d1, m1, y1, m2, d2, y2] = m;
  const day = Number(d1 ?? d2);
  const month = monthNumber((m1 ?? m2) as string);
  const yearText = y1 ?? y2;
  return { date: { day, month, year: yearText ? Number(yearText) : undefined }, index: m.index, length: m[0].length };
}

/** xsd:date lexical form; an impossible day (31 February) is a 422 naming the date. */
export function toXsdDate(d: PartialDate & { year: number }, written: string): string {
  const t = Date.UTC(d.year, d.month - 1, d.day);
  const back = new Date(t);
  const valid = d.month >= 1 && d.month <= 12 && back.getUTCDate() === d.day && back.getUTCMonth() === d.month - 1;
  if (!valid || d.year < 1970 || d.year > 2100) {
    throw new AppError(422, 'INVALID_DATE', `The date "${written}" is not a valid calendar date.`, { date: written });
  }
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Adds days to an xsd:date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
