/**
 * What the text of a release says, once its layout is read: quotations and their speakers, the persons, States,
 * structures and publications it names, and the meeting it announces. Pure: the page's title, body paragraphs
 * (dateline removed), its date and places in; records with IRIs out.
 */
import { slugify, type Iris } from '../model/ns.js';
import { eventOf } from './event.js';
import { findPublicationTitles, mentionedEntities } from './mentions.js';
import { personKey } from './person-key.js';
import { readSpeech } from './quotes.js';
import type { ReferenceIndex } from './reference-index.js';
import type { EventRecord, PersonRef, PlaceRef, PublicationRecord, QuotationRecord } from './types.js';

export interface ContentInput {
  /** The release's key: quotations are numbered under it. */
  key: string;
  title: string;
  /** Body paragraphs without the dateline. */
  paragraphs: readonly string[];
  /** The day the text speaks of as "today" (the dateline's date, else the publishing date), `YYYY-MM-DD`. */
  today: string;
  /** The page's places (Place field or dateline), the default place of an announced event. */
  places: readonly PlaceRef[];
  /** IRIs of the page's sources (publishers): roles that name no structure refer to them. */
  sources?: readonly string[];
}

export interface Content {
  quotations: QuotationRecord[];
  persons: PersonRef[];
  publications: PublicationRecord[];
  /** IRIs of the States and structures named. */
  mentions: string[];
  event: EventRecord | undefined;
}

export function extractContent(input: ContentInput, index: ReferenceIndex, iris: Iris): Content {
  const text = input.paragraphs;
  const persons = new Map<string, PersonRef>();
  const speech = readSpeech(text, index, input.today, input.title, input.sources);
  const quotations = speech.quotes.map((q, i) => {
    const name = q.speaker.name;
    const speaker = name && personKey(name) ? { iri: iris.entity('person', personKey(name)), name } : undefined;
    if (speaker) persons.set(speaker.iri, speaker);
    return { iri: iris.entity('quotation', `${input.key}-${i + 1}`), text: q.text, speaker, role: q.speaker.role, affiliation: q.speaker.affiliation };
  });
  for (const name of speech.persons) {
    const key = personKey(name);
    if (key && !persons.has(iris.entity('person', key))) persons.set(iris.entity('person', key), { iri: iris.entity('person', key), name });
  }
  const publications = findPublicationTitles(text).filter((t) => slugify(t)).map((t) => ({ iri: iris.entity('publication', slugify(t)), title: t }));
  return {
    quotations,
    persons: [...persons.values()],
    publications,
    mentions: mentionedEntities([input.title, ...text], index, input.today),
    event: eventOf(text, input.today, input.places, index, iris, input.title),
  };
}
