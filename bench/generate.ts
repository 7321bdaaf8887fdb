/**
 * The synthetic press-release generator: N releases over the reference data, one named graph each, following the
 * model contract of docs/ARCHITECTURE.md and ingestion's placement of triples ("Where triples live"): release keys
 * from src/ingest/keys.ts, and each person described once, in `graph/entity/person/{slug}`, by the first release
 * that quotes them. Deterministic for a given seed. Writes N-Quads (reference + releases).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { DataFactory, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { releaseKey } from '../src/ingest/keys.js';
import { Iris, NS, slugify } from '../src/model/ns.js';
import { Prng, Zipf, shuffled } from './prng.js';
import { deepestParent, loadReference, type RefEntity, type RefStructure, type Reference } from './reference.js';
import { ROLES, body, datelineDate, headline, personNames } from './text.js';

const { namedNode, literal, quad } = DataFactory;
const xsd = (t: string): ReturnType<typeof namedNode> => namedNode(`${NS.xsd}${t}`);

export interface GenerateOptions {
  releases: number;
  seed: number;
  base: string;
  out: string;
  /** Use the bench's fallback reference tables even when the project's reference data is built. */
  fallbackReference?: boolean;
}

/** Parameters for the query mix, drawn from the generated data so every engine runs the same text. */
export interface QueryParams {
  release: string;
  field: string;
  country: string;
  structure: string;
  person: string;
  unitParent: string;
  year: number;
}

export interface Generated {
  file: string;
  quads: number;
  releases: number;
  referenceSource: Reference['source'];
  params: QueryParams;
}

/** Per-release context: the samplers built once from the reference data. */
interface Samplers {
  rng: Prng;
  iris: Iris;
  sources: Zipf<RefStructure>;
  fields: Zipf<RefEntity>;
  states: Zipf<RefEntity>;
  places: Zipf<RefEntity>;
  persons: Zipf<string>;
  contentTypes: RefEntity[];
  years: number[];
  yearWeights: number[];
  keys: Set<string>;
  /** Persons already described (ingestion fills in a description once; later releases only link). */
  described: Set<string>;
}

function samplers(ref: Reference, releases: number, seed: number, base: string): Samplers {
  const rng = new Prng(seed);
  const years: number[] = [];
  for (let y = 1995; y <= 2026; y++) years.push(y);
  const vienna = ref.places.find((p) => /vienna/i.test(p.label));
  const places = shuffled(ref.places, rng);
  if (vienna) places.splice(places.indexOf(vienna), 1), places.unshift(vienna); // Vienna datelines dominate
  return {
    rng,
    iris: new Iris(base),
    sources: new Zipf(shuffled(ref.structures, rng), 1.1),
    fields: new Zipf(shuffled(ref.fields, rng), 0.8),
    states: new Zipf(shuffled(ref.countries, rng), 1),
    places: new Zipf(places, 1.2),
    persons: new Zipf(personNames(rng, Math.max(200, Math.floor(releases / 40))), 1),
    contentTypes: ref.contentTypes,
    years,
    // More recent years publish more: weight grows linearly from 1 (1995) to 6 (2026).
    yearWeights: years.map((y) => 1 + ((y - 1995) * 5) / 31),
    keys: new Set(),
    described: new Set(),
  };
}

function randomDate(s: Samplers): string {
  const year = s.years[s.rng.weighted(s.yearWeights)] ?? 2020;
  const lastDay = year === 2026 ? 332 : 365; // the data ends at today's date (2026-11-28)
  const d = new Date(Date.UTC(year, 0, 1 + s.rng.int(0, lastDay - 1)));
  return d.toISOString().slice(0, 10);
}

const FIELD_COUNTS = [0.4, 0.3, 0.15, 0.1, 0.05]; // 1..5 fields per release, skewed to one
const QUOTE_COUNTS = [0.45, 0.35, 0.15, 0.05]; // 0..3 quotations
const MENTION_COUNTS = [0.3, 0.35, 0.2, 0.1, 0.05]; // 0..4 States mentioned

/** The quads of one release, in its own named graph. */
function release(s: Samplers, index: number): Quad[] {
  const { rng, iris } = s;
  const date = randomDate(s);
  const sources = s.sources.distinct(rng, rng.next() < 0.85 ? 1 : 2);
  const fields = s.fields.distinct(rng, rng.weighted(FIELD_COUNTS) + 1);
  const main = sources[0] as RefStructure;
  const hq = main.headquarters && rng.next() < 0.7 ? main.headquarters : undefined;
  const placeIris = hq ? [hq] : [s.places.sample(rng).iri];
  if (rng.next() < 0.1) placeIris.push(s.places.sample(rng).iri);
  const placeLabel = s.places.items.find((p) => p.iri === placeIris[0])?.label ?? 'Vienna';
  let title = headline(rng, main.label.startsWith('OSCE') ? main.label : `OSCE ${main.label}`,
    (fields[0] as RefEntity).label, placeLabel);
  let key = releaseKey(date, title);
  // Same day, same headline: number it ("… (2)"); ingestion keys long headlines uniquely (keys.ts).
  const first = title;
  for (let n = 2; s.keys.has(key); n++) {
    title = `${first} (${n})`;
    key = releaseKey(date, title);
  }
  s.keys.add(key);
  const r = iris.entity('release', key);
  const g = namedNode(iris.releaseGraph(key));
  const out: Quad[] = [];
  const add = (sub: string, p: string, o: Quad['object'], graph?: string): void => {
    out.push(quad(namedNode(sub), namedNode(p), o as never, graph ? namedNode(graph) : g));
  };
  const iri = (v: string): ReturnType<typeof namedNode> => namedNode(v);
  add(r, `${NS.rdf}type`, iri(`${NS.osce}PressRelease`));
  add(r, `${NS.rdf}type`, iri(`${NS.schema}NewsArticle`));
  add(r, `${NS.schema}headline`, literal(title, 'en'));
  add(r, `${NS.rdfs}label`, literal(title, 'en'));
  add(r, `${NS.schema}datePublished`, literal(date, xsd('date')));
  for (const src of sources) add(r, `${NS.schema}publisher`, iri(src.iri));
  for (const f of fields) add(r, `${NS.schema}about`, iri(f.iri));
  for (const p of placeIris) add(r, `${NS.schema}locationCreated`, iri(p));
  const states = s.states.distinct(rng, rng.weighted(MENTION_COUNTS));
  if (main.hostState?.includes('/country/') && rng.next() < 0.8) states.unshift({ iri: main.hostState, label: '' });
  for (const st of new Set(states.map((x) => x.iri))) add(r, `${NS.schema}mentions`, iri(st));
  const ct = s.contentTypes[rng.weighted([0.7, 0.2, 0.06, 0.04].slice(0, s.contentTypes.length))];
  if (ct) {
    add(r, `${NS.schema}genre`, literal(ct.label));
    add(r, `${NS.osce}contentType`, iri(ct.iri));
  }
  const size = Math.round(Math.min(20000, Math.max(400, Math.exp(7.8 + 0.5 * rng.normal())))); // median ~2.4k chars
  const extra = fields.map((f) => f.label.toLowerCase());
  if (fields.some((f) => /election/i.test(f.label))) extra.push('election observation');
  add(r, `${NS.schema}articleBody`, literal(body(rng, size, `${placeLabel.toUpperCase()}, ${datelineDate(date)}`, extra)));
  quotations(s, r, key, sources, add);
  add(r, `${NS.prov}wasDerivedFrom`, iri(`https://www.osce.org/news/${index + 1}`));
  add(g.value, `${NS.prov}generatedAtTime`, literal(`${date}T12:00:00Z`, xsd('dateTime')));
  return out;
}

function quotations(s: Samplers, r: string, key: string, sources: RefStructure[],
  add: (sub: string, p: string, o: Quad['object'], graph?: string) => void): void {
  const n = s.rng.weighted(QUOTE_COUNTS);
  for (let i = 1; i <= n; i++) {
    const name = s.persons.sample(s.rng);
    const person = s.iris.entity('person', slugify(name));
    const q = s.iris.entity('quotation', `${key}-${i}`);
    add(r, `${NS.osce}quotation`, namedNode(q));
    add(r, `${NS.schema}mentions`, namedNode(person));
    add(q, `${NS.rdf}type`, namedNode(`${NS.osce}Quotation`));
    add(q, `${NS.rdf}type`, namedNode(`${NS.schema}Quotation`));
    add(q, `${NS.schema}text`, literal(`We remain committed to supporting ${s.fields.sample(s.rng).label.toLowerCase()} in the region.`, 'en'));
    add(q, `${NS.schema}spokenByCharacter`, namedNode(person));
    add(q, `${NS.osce}speakerRole`, literal(s.rng.pick(ROLES)));
    add(q, `${NS.osce}speakerAffiliation`, namedNode(s.rng.pick(sources).iri));
    if (s.described.has(person)) continue;
    s.described.add(person);
    const g = s.iris.entityGraph('person', slugify(name));
    add(person, `${NS.rdf}type`, namedNode(`${NS.schema}Person`), g);
    add(person, `${NS.schema}name`, literal(name), g);
    add(person, `${NS.rdfs}label`, literal(name), g);
  }
}

/** Writes reference data + N releases as N-Quads; returns counts and the query parameters. */
export async function generate(opts: GenerateOptions): Promise<Generated> {
  const ref = await loadReference(opts.base, { fallback: opts.fallbackReference });
  const s = samplers(ref, opts.releases, opts.seed, opts.base);
  mkdirSync(dirname(opts.out), { recursive: true }); // upload-stall and the other single benches on a fresh clone
  const stream = createWriteStream(opts.out);
  const writer = new Writer({ format: 'N-Quads' });
  let count = 0;
  const write = async (quads: Quad[]): Promise<void> => {
    count += quads.length;
    if (!stream.write(writer.quadsToString(quads))) await once(stream, 'drain');
  };
  await write(ref.quads);
  let sample = '';
  for (let i = 0; i < opts.releases; i++) {
    const quads = release(s, i);
    if (i === Math.floor(opts.releases / 2)) sample = quads[0]?.subject.value ?? '';
    await write(quads);
  }
  stream.end();
  await once(stream, 'finish');
  const params: QueryParams = {
    release: sample,
    field: s.fields.items[0]?.iri ?? '',
    country: s.states.items[0]?.iri ?? '',
    structure: s.sources.items[0]?.iri ?? '',
    person: s.iris.entity('person', slugify(s.persons.items[0] ?? '')),
    unitParent: deepestParent(ref.structures).iri,
    year: 2020,
  };
  return { file: opts.out, quads: count, releases: opts.releases, referenceSource: ref.source, params };
}
