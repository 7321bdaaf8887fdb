/**
 * Field operations named in a language or a form the reference data has no label for ("OSZE-Mission im Kosovo",
 * "Mission in Serbien", "Prezenca e OSBE-së në Shqipëri", "Programme Office in Nur-Sultan"), matched by their other
 * facts: the State, territory or city the name gives is the host or the headquarters of exactly one operation that
 * was open on the page's date. A name must also say it is an operation (mission, office, centre, presence,
 * co-ordinator, in the OSCE and host-country languages), so a ministry or a government is never taken for one.
 */
import type { Quad } from '@rdfjs/types';
import { loadReferenceQuads } from '../model/reference.js';
import { NS } from '../model/ns.js';
import type { Entry, ReferenceIndex } from './reference-index.js';

/** Words of operation names (stems, lower case) in the OSCE and host-country languages. */
export const OPERATION_WORD =
  /(?:^|[\s'-])(?:missi|misi|миссi|миссия|місі|мисиј|misij|misiun|office|büro|bureau|бюро|ufficio|oficina|офис|офіс|zyr|канцеларија|centre|center|zentrum|centro|центр|центар|qendr|presen|präsenz|присутств|prezenc|prani|coordinat|co-ordinat|koordinat|projektkoordinat|координат|programm|програм)/iu;

/** Languages whose country names CLDR gives: host-country languages, and the OSCE languages for the short forms CLDR lacks there. */
const HOST_LANGUAGES = ['sq', 'sr', 'sr-Latn', 'bs', 'hr', 'mk', 'ro', 'uk', 'hy', 'az', 'ka', 'kk', 'ky', 'tg', 'tk', 'uz', 'be', 'de', 'fr', 'it', 'es', 'ru'];

interface Operation {
  iri: string;
  hosts: Set<string>;
  founded: string | undefined;
  dissolved: string | undefined;
}

interface Facts {
  operations: Operation[];
  /** Country names in the host-country languages (folded) → country IRI. */
  countryNames: Map<string, string>;
}

const cache = new WeakMap<ReferenceIndex, Facts>();

const fold = (s: string): string => s.normalize('NFC').toLowerCase();

function factsOf(index: ReferenceIndex): Facts {
  const hit = cache.get(index);
  if (hit) return hit;
  const quads: Quad[] = loadReferenceQuads(index.iris.base);
  const byIri = new Map<string, Operation>();
  const op = (iri: string): Operation => {
    let o = byIri.get(iri);
    if (!o) byIri.set(iri, (o = { iri, hosts: new Set(), founded: undefined, dissolved: undefined }));
    return o;
  };
  const countryNames = new Map<string, string>();
  const displays = HOST_LANGUAGES.map((lang) => new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }));
  for (const q of quads) {
    const p = q.predicate.value;
    const isOperation = index.iris.parseEntity(q.subject.value)?.kind === 'field-operation';
    if (isOperation && (p === `${NS.schema}areaServed` || p === `${NS.osce}headquarters`)) op(q.subject.value).hosts.add(q.object.value);
    else if (isOperation && p === `${NS.schema}foundingDate`) op(q.subject.value).founded = q.object.value;
    else if (isOperation && p === `${NS.schema}dissolutionDate`) op(q.subject.value).dissolved = q.object.value;
    else if (p === `${NS.osce}iso2`) {
      for (const display of displays) {
        const name = display.of(q.object.value);
        if (name) countryNames.set(fold(name), q.subject.value);
        // "Republik Moldau", "Republic of Moldova": the name without the word for a republic ("Mission in Moldau")
        const short = name && /^(?:Republik|Republic of|République de|Repubblica di|República de|Республика)\s+(\S+)$/u.exec(name)?.[1];
        if (short) countryNames.set(fold(short), q.subject.value);
      }
    }
  }
  const facts = { operations: [...byIri.values()], countryNames };
  cache.set(index, facts);
  return facts;
}

/** A country named in a host-country language, allowing an inflection ending ("Srbiji" for "Srbija"). */
function hostCountry(word: string, facts: Facts): string | undefined {
  const w = fold(word);
  const exact = facts.countryNames.get(w);
  if (exact) return exact;
  if (w.length < 5) return undefined;
  const hits = new Set<string>();
  for (const [name, iri] of facts.countryNames) {
    if (name.includes(' ') || Math.abs(name.length - w.length) > 2) continue;
    const stem = name.slice(0, Math.max(4, name.length - 1));
    if (w.startsWith(stem)) hits.add(iri);
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}

/** Endings a Slavic case form may have in place of a name's last letter ("в Астане", "u Srbiji", "na Kosovu"). */
const ENDINGS = ['', 'а', 'a', 'я', 'о', 'o', 'ь'];

/** A place or State named in a case form: the word with its last one or two letters replaced ("Бишкеке" → "Бишкек"). */
function inflected(word: string, index: ReferenceIndex): Entry | undefined {
  if (word.length < 5) return undefined;
  for (const cut of [1, 2]) {
    const stem = word.slice(0, -cut);
    if (stem.length < 4) continue;
    for (const ending of ENDINGS) {
      const hit = index.find(stem + ending, 'country', 'place');
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Places and States named in `value` (word sequences, longest first). */
function namedPlaces(value: string, index: ReferenceIndex, facts: Facts): string[] {
  const tokens = value.split(/[\s/,]+/u).filter(Boolean);
  const out: string[] = [];
  for (let size = Math.min(4, tokens.length); size >= 1; size--) {
    for (let i = 0; i + size <= tokens.length; i++) {
      const text = tokens.slice(i, i + size).join(' ');
      if (text.replace(/[^\p{L}]/gu, '').length < 4) continue;
      const hit: Entry | undefined = index.find(text, 'country', 'place') ?? (size === 1 ? inflected(text, index) : undefined);
      const iri = hit?.iri ?? (size === 1 ? hostCountry(text, facts) : undefined);
      if (iri) out.push(iri);
    }
  }
  return [...new Set(out)];
}

/** Whether an operation was open on `date` (xsd:date; dates of any precision compare by their text). */
function openOn(o: Operation, date: string | undefined): boolean {
  if (!date) return o.dissolved === undefined;
  if (o.founded && date < o.founded) return false;
  return o.dissolved === undefined || date < o.dissolved;
}

/**
 * The field operation a name not in the reference data stands for, by the place or State it names and the page's
 * date; undefined unless exactly one operation fits.
 */
export function operationByHost(value: string, index: ReferenceIndex, date: string | undefined): string | undefined {
  if (!OPERATION_WORD.test(value)) return undefined;
  const facts = factsOf(index);
  const places = namedPlaces(value, index, facts);
  // a city also stands for its State: "Programme Office in Nur-Sultan" is the operation in Kazakhstan
  const withStates = new Set(places.flatMap((p) => [p, ...(index.entries.get(p)?.country ? [index.entries.get(p)?.country as string] : [])]));
  for (const named of [places, [...withStates]]) {
    let fits = facts.operations.filter((o) => openOn(o, date) && named.some((p) => o.hosts.has(p)));
    // two operations in one State on that day (a Project Co-ordinator and a Monitoring Mission in Ukraine): the one of
    // the kind the name says ("координатор…" is the Co-ordinator)
    if (fits.length > 1) fits = fits.filter((o) => kindsOf(value).some((k) => o.iri.includes(k)));
    if (fits.length === 1) return fits[0]?.iri;
    if (fits.length > 1) return undefined;
  }
  return undefined;
}

/** Operation kinds (as the English names write them) by their words' stems in the OSCE and host-country languages. */
const KINDS: [RegExp, string][] = [
  [/(?:^|[\s'-])(?:missi|misi|миссi|миссия|місі|мисиј|misij|misiun)/iu, 'mission'],
  [/(?:^|[\s'-])(?:office|büro|bureau|ufficio|oficina|офис|офіс|zyr|канцеларија)/iu, 'office'],
  [/(?:^|[\s'-])(?:centre|center|zentrum|centro|центр|центар|qendr)/iu, 'centre'],
  [/(?:^|[\s'-])(?:presen|präsenz|присутств|prezenc|prani)/iu, 'presence'],
  // (German writes the Project Co-ordinator as one word: "Projektkoordinator")
  [/(?:^|[\s'-])(?:coordinat|co-ordinat|koordinat|projektkoordinat|координат)/iu, 'co-ordinator'],
];

function kindsOf(value: string): string[] {
  return KINDS.filter(([re]) => re.test(value)).map(([, kind]) => kind);
}
