/**
 * Lexical checks of XSD date and time literals that also ask whether the day exists (XML Schema 1.1 Part 2,
 * §3.3.7-3.3.9 and §3.3.14: a day past the month's last, month 13 or hour 25 is not in the value space). Patterns
 * alone (`\d{2}`) let `2009-13-45` through.
 */

const YEAR = '(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))';
const TZ = '(Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?';
const DATE = new RegExp(`^${YEAR}-([0-9]{2})-([0-9]{2})${TZ}$`);
const DATE_TIME = new RegExp(`^${YEAR}-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\\.[0-9]+)?)${TZ}$`);
const YEAR_MONTH = new RegExp(`^${YEAR}-([0-9]{2})${TZ}$`);

/** Leap years of the proleptic Gregorian calendar as XSD 1.1 numbers them (year 0000 is 1 BCE, a leap year). */
function leap(year: number): boolean {
  return year % 400 === 0 || (year % 4 === 0 && year % 100 !== 0);
}

/** Whether the day exists: month 1-12, day 1 up to the month's last. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = month === 2 ? (leap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= last;
}

/** An xsd:date lexical form naming a day that exists (`2008-02-29`, `2009-12-31Z`), not `2009-13-45`. */
export function isXsdDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An xsd:dateTime whose day exists and whose time is one (24:00:00 ends a day, §3.3.7). */
export function isXsdDateTime(value: string, timezoneRequired = false): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) || (timezoneRequired && m[7] === undefined)) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour === 24) return minute === 0 && second === 0;
  return hour < 24 && minute < 60 && second < 60;
}

/** An xsd:gYearMonth with a month 1-12. */
export function isXsdGYearMonth(value: string): boolean {
  const m = YEAR_MONTH.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}
