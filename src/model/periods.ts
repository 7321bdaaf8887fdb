/**
 * When a dated fact holds, read from its OWL-Time description (https://www.w3.org/TR/owl-time/) at the precision
 * the data gives, and whether it certainly, possibly or certainly not holds on a day.
 *
 * An instant is positioned by `time:inXSDDate`, `time:inXSDgYearMonth` or `time:inXSDgYear` (it lies somewhere in
 * that day, month or year), or only bounded by `osce:notBefore` / `osce:notAfter` (it lies between the two). An
 * interval runs from `time:hasBeginning` (absent: from before the record starts) to `time:hasEnd` (absent: still in
 * force), half-open: the end is the first day no longer in force, so a term or name that ended on a day of July 2020
 * may have been in force up to 30 July and was not on 31 July. An interval that `time:intervalEquals`,
 * `time:intervalStarts` or `time:intervalFinishes` a calendar year (`time:hasDateTimeDescription` with
 * `time:unitType time:unitYear`) shares that year's first or last day: the Chairperson-in-Office of a whole
 * Chairpersonship year, or of its first or second part when the month of the change is unknown.
 */
import type { Quad, Term } from '@rdfjs/types';
import { NS } from './ns.js';

/** A day as `YYYY-MM-DD`: ISO 8601 days of years 0001–9999 compare as strings. */
export type Day = string;

/** The earliest and latest day a boundary may fall on; both equal when the day is known. */
export interface DayRange {
  earliest: Day;
  latest: Day;
}

export interface Bounds {
  /** Undefined: in force since before the record starts. */
  begin?: DayRange;
  /** Undefined: still in force. */
  end?: DayRange;
}

export type Holds = 'yes' | 'maybe' | 'no';

const T = NS.time;
const XSD = NS.xsd;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ANY_DAY: DayRange = { earliest: '0001-01-01', latest: '9999-12-31' };

/** Whether `text` is a calendar day `YYYY-MM-DD` that exists. */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

function lastDayOfMonth(year: number, month: number): Day {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** The days an xsd:date, xsd:gYearMonth or xsd:gYear literal covers; undefined for anything else. */
export function literalRange(value: string, datatype: string): DayRange | undefined {
  if (datatype === `${XSD}date` && isDay(value)) return { earliest: value, latest: value };
  const ym = /^(\d{4})-(\d{2})$/.exec(value);
  if (datatype === `${XSD}gYearMonth` && ym && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) {
    return { earliest: `${value}-01`, latest: lastDayOfMonth(Number(ym[1]), Number(ym[2])) };
  }
  if (datatype === `${XSD}gYear` && /^\d{4}$/.test(value)) return { earliest: `${value}-01-01`, latest: `${value}-12-31` };
  return undefined;
}

/** Subject → predicate → objects, for reading descriptions of hash IRIs out of a quad list. */
export class Graph {
  private readonly out = new Map<string, Map<string, Term[]>>();
  private readonly in = new Map<string, string[]>();

  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      const byP = this.out.get(q.subject.value) ?? new Map<string, Term[]>();
      this.out.set(q.subject.value, byP);
      const list = byP.get(q.predicate.value) ?? [];
      list.push(q.object);
      byP.set(q.predicate.value, list);
      if (q.object.termType !== 'NamedNode') continue;
      const key = `${q.predicate.value} ${q.object.value}`;
      const subjects = this.in.get(key) ?? [];
      subjects.push(q.subject.value);
      this.in.set(key, subjects);
    }
  }

  objects(s: string, p: string): Term[] {
    return this.out.get(s)?.get(p) ?? [];
  }

  one(s: string, p: string): Term | undefined {
    return this.objects(s, p)[0];
  }

  /** Subjects with the IRI `o` as object of `p`. */
  subjects(p: string, o: string): string[] {
    return [...new Set(this.in.get(`${p} ${o}`) ?? [])];
  }
}

function termRange(term: Term | undefined): DayRange | undefined {
  return term?.termType === 'Literal' ? literalRange(term.value, term.datatype.value) : undefined;
}

/** The days a time:Instant may fall on; undefined when it has no position the module reads. */
export function instantRange(g: Graph, instant: string): DayRange | undefined {
  for (const p of ['inXSDDate', 'inXSDgYearMonth', 'inXSDgYear']) {
    const r = termRange(g.one(instant, `${T}${p}`));
    if (r) return r;
  }
  const after = termRange(g.one(instant, `${NS.osce}notBefore`));
  const before = termRange(g.one(instant, `${NS.osce}notAfter`));
  return after && before ? { earliest: after.earliest, latest: before.latest } : undefined;
}

/** The calendar year a time:DateTimeInterval describes, as its first day and the first day after it. */
function calendarYear(g: Graph, interval: string): Bounds | undefined {
  const description = g.one(interval, `${T}hasDateTimeDescription`)?.value;
  if (!description || g.one(description, `${T}unitType`)?.value !== `${T}unitYear`) return undefined;
  const year = g.one(description, `${T}year`)?.value;
  if (!year || !/^\d{4}$/.test(year)) return undefined;
  const next = String(Number(year) + 1).padStart(4, '0');
  return { begin: { earliest: `${year}-01-01`, latest: `${year}-01-01` }, end: { earliest: `${next}-01-01`, latest: `${next}-01-01` } };
}

/** When a time:Interval begins and ends, as far as the data says. */
export function intervalBounds(g: Graph, interval: string, depth = 0): Bounds {
  const year = calendarYear(g, interval);
  if (year) return year;
  const at = (p: string): DayRange | undefined => {
    const instant = g.one(interval, `${T}${p}`)?.value;
    // An instant stated without a position the module reads may fall on any day: never certain.
    return instant ? (instantRange(g, instant) ?? ANY_DAY) : undefined;
  };
  const bounds: Bounds = { begin: at('hasBeginning'), end: at('hasEnd') };
  if (depth > 3) return bounds;
  const related = (p: string): Bounds | undefined => {
    const other = g.one(interval, `${T}${p}`)?.value;
    return other ? intervalBounds(g, other, depth + 1) : undefined;
  };
  const equals = related('intervalEquals');
  if (equals) return equals;
  const starts = related('intervalStarts');
  if (starts) return { begin: starts.begin, end: bounds.end ?? within(starts) };
  const finishes = related('intervalFinishes');
  if (finishes) return { begin: bounds.begin ?? within(finishes), end: finishes.end };
  return bounds;
}

/** An unknown day inside `b`: a change during a year whose month is not known. */
function within(b: Bounds): DayRange | undefined {
  return b.begin && b.end ? { earliest: b.begin.earliest, latest: b.end.latest } : undefined;
}

/** Whether the interval holds on `day`: certainly, possibly (a boundary's precision covers the day), or not. */
export function holdsOn(b: Bounds, day: Day): Holds {
  const { begin, end } = b;
  if (begin && day < begin.earliest) return 'no';
  if (end && day >= end.latest) return 'no';
  if (begin && day < begin.latest) return 'maybe';
  if (end && day >= end.earliest) return 'maybe';
  return 'yes';
}

/** The one candidate that certainly holds on `day` while every other certainly does not; otherwise undefined. */
export function onlyHolding<T>(candidates: readonly T[], bounds: (c: T) => Bounds, day: Day): T | undefined {
  let found: T | undefined;
  for (const c of candidates) {
    const h = holdsOn(bounds(c), day);
    if (h === 'maybe' || (h === 'yes' && found !== undefined)) return undefined;
    if (h === 'yes') found = c;
  }
  return found;
}
