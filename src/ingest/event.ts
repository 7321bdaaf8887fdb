/**
 * The meeting a release announces: a sentence of the opening paragraphs whose subject is a workshop, meeting,
 * conference… and whose verb says it starts, takes place or ended ("started today", "will take place on 5 May").
 * Dates come from the sentence, "today"/"tomorrow" relative to the dateline, and "two-day" durations.
 */
import { slugify, type Iris } from '../model/ns.js';
import { addDays, findDate, toXsdDate } from './dates.js';
import { findNames } from './mentions.js';
import type { ReferenceIndex } from './reference-index.js';
import { resolvePlaces } from './resolve.js';
import type { EventRecord, PlaceRef } from './types.js';

const NOUNS = /\b(workshops?|meetings?|conferences?|seminars?|round[- ]?tables?|training(?: course)?s?|courses?|forums?|summits?|sessions?|symposi(?:um|a)|consultations?|dialogues?|roundtables?|event|expert group|council)\b/i;
const VERB = /\s+(started|starts|opened|opens|began|begins|will (?:start|begin|open|take place|be held)|takes place|is taking place|is being held|took place|was held|were held|is held|concluded|concludes|ended|ends|closed|closes)\b/i;
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const RANGE = /\b(\d{1,2})\s*(?:-|–|to|and|until)\s*(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(\d{4}))?/i;

export interface EventFacts {
  name: string;
  startDate: string | undefined;
  endDate: string | undefined;
  /** Text after the verb ("today in Vienna."), where the place is looked for. */
  rest: string;
}

function sentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?])\s+(?=[\p{Lu}"“])/u);
}

function duration(text: string): number | undefined {
  const m = /\b(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})[- ]day\b/i.exec(text);
  if (!m) return undefined;
  const n = NUMBERS[(m[1] as string).toLowerCase()] ?? Number(m[1]);
  return n >= 1 && n <= 31 ? n : undefined;
}

/** Dates of the event: explicit range or date in the sentence, else today/tomorrow relative to `today`. */
function eventDates(subject: string, verb: string, rest: string, today: string): { start?: string; end?: string } {
  const year = Number(today.slice(0, 4));
  const days = duration(subject) ?? duration(rest);
  const range = RANGE.exec(rest);
  if (range) {
    const month = `${range[3]} ${range[4] ?? year}`;
    const start = toXsdDate(findDate(`${range[1]} ${month}`)!.date as { day: number; month: number; year: number }, `${range[1]} ${month}`);
    const end = toXsdDate(findDate(`${range[2]} ${month}`)!.date as { day: number; month: number; year: number }, `${range[2]} ${month}`);
    return { start, end };
  }
  const explicit = findDate(rest);
  let anchor: string | undefined;
  if (explicit) anchor = toXsdDate({ ...explicit.date, year: explicit.date.year ?? year }, rest.slice(explicit.index, explicit.index + explicit.length));
  else if (/\btoday\b/i.test(rest) || /\bstarted|opened|began|is taking place|is being held\b/i.test(verb)) anchor = today;
  else if (/\btomorrow\b/i.test(rest)) anchor = addDays(today, 1);
  if (!anchor) return {};
  if (/conclude|ended|ends|closed|closes/i.test(verb)) {
    return days ? { start: addDays(anchor, 1 - days), end: anchor } : { end: anchor };
  }
  return { start: anchor, ...(days ? { end: addDays(anchor, days - 1) } : {}) };
}

/** The announced event of the first paragraphs (dateline already removed from the first), or undefined. */
export function findEvent(paragraphs: readonly string[], today: string): EventFacts | undefined {
  for (const p of paragraphs.slice(0, 2)) {
    for (const s of sentences(p)) {
      const v = VERB.exec(s);
      if (!v) continue;
      const subject = s.slice(0, v.index).trim();
      if (!NOUNS.test(subject) || subject.length > 250 || /[“"]/.test(subject)) continue;
      const rest = s.slice(v.index + v[0].length);
      const dates = eventDates(subject, v[1] as string, rest, today);
      // An event whose start is unknown ("the training ended today") is not announced, only reported.
      if (!dates.start) continue;
      const bare = subject.replace(/^(?:a|an|the)\s+/i, '');
      const name = bare.charAt(0).toUpperCase() + bare.slice(1);
      return { name, startDate: dates.start, endDate: dates.end, rest };
    }
  }
  return undefined;
}

/** Phrases naming who organizes the event ("organized by the X", "in co-operation with the Y"). */
export function organizerPhrases(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs.slice(0, 3)) {
    for (const m of p.matchAll(/\b(?:organi[sz]ed|hosted|convened|co-organi[sz]ed)\s+(?:jointly\s+)?by\s+(.+?)(?=,\s+(?:brings|bringing|is|was|will)\b|[.;]|$)/giu)) {
      out.push(...(m[1] as string).split(/\s+(?:in co-operation with|in cooperation with|together with|jointly with)\s+/i));
    }
  }
  return out;
}

/** The announced event as a record: its place resolved (the page's place when the sentence names none), organizers. */
export function eventOf(text: readonly string[], today: string, places: readonly PlaceRef[], index: ReferenceIndex, iris: Iris): EventRecord | undefined {
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
