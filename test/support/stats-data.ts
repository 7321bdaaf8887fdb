/**
 * Random press releases over the reference data for the statistics tests: dates, States and persons mentioned,
 * fields, publishers (nested structures among them), content types, languages, quotations with speakers. Seeded,
 * so a failure reproduces.
 */
import n3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { Iris, NS } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';

const { namedNode, literal, quad } = n3.DataFactory;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Vocabulary {
  countries: string[];
  fields: string[];
  structures: string[];
  contentTypes: string[];
}

/** IRIs of the reference data to draw from (the structures are those with an org:unitOf, so subtrees exist). */
export function vocabulary(base: string): Vocabulary {
  const ref = loadReferenceQuads(base);
  const typed = (cls: string) => [...new Set(ref.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === cls).map((q) => q.subject.value))].sort();
  return {
    countries: typed(`${NS.osce}Country`),
    fields: typed(`${NS.osce}FieldOfWork`),
    structures: [...new Set(ref.filter((q) => q.predicate.value === `${NS.org}unitOf`).map((q) => q.subject.value))].sort(),
    contentTypes: typed(`${NS.osce}ContentType`),
  };
}

export class ReleaseMaker {
  private n = 0;
  constructor(private readonly iris: Iris, private readonly vocab: Vocabulary, private readonly random: () => number) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  private some<T>(xs: readonly T[], max: number): T[] {
    return [...new Set(Array.from({ length: Math.floor(this.random() * (max + 1)) }, () => this.pick(xs)))];
  }

  /** A new release key. */
  key(): string {
    return `2020-01-01-stats-test-${this.n++}`;
  }

  /** The quads of release `key` in its own graph, with random facets; persons are described in their entity graphs. */
  release(key: string): Quad[] {
    const s = namedNode(this.iris.entity('release', key));
    const g = namedNode(this.iris.releaseGraph(key));
    const day = `${2016 + Math.floor(this.random() * 9)}-${String(1 + Math.floor(this.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(this.random() * 28)).padStart(2, '0')}`;
    const out: Quad[] = [
      quad(s, namedNode(`${NS.rdf}type`), namedNode(`${NS.osce}PressRelease`), g),
      quad(s, namedNode(`${NS.schema}headline`), literal(`Release ${key}`, 'en'), g),
      quad(s, namedNode(`${NS.schema}datePublished`), literal(day, namedNode(`${NS.xsd}date`)), g),
      quad(s, namedNode(`${NS.osce}contentType`), namedNode(this.pick(this.vocab.contentTypes)), g),
      quad(s, namedNode(`${NS.schema}inLanguage`), literal(this.pick(['en', 'en', 'fr', 'ru'])), g),
    ];
    for (const f of this.some(this.vocab.fields, 3)) out.push(quad(s, namedNode(`${NS.schema}about`), namedNode(f), g));
    for (const p of this.some(this.vocab.structures, 2)) out.push(quad(s, namedNode(`${NS.schema}publisher`), namedNode(p), g));
    for (const c of this.some(this.vocab.countries.slice(0, 12), 3)) out.push(quad(s, namedNode(`${NS.schema}mentions`), namedNode(c), g));
    const persons = this.some(['ana-ionescu', 'bo-lindqvist', 'chen-li', 'dara-okafor'], 2);
    persons.forEach((person, i) => {
      const p = namedNode(this.iris.entity('person', person));
      const q = namedNode(this.iris.entity('quotation', `${key}-${i + 1}`));
      out.push(quad(s, namedNode(`${NS.schema}mentions`), p, g), quad(s, namedNode(`${NS.osce}quotation`), q, g),
        quad(q, namedNode(`${NS.schema}spokenByCharacter`), p, g), quad(q, namedNode(`${NS.schema}text`), literal('We agree.', 'en'), g));
    });
    return out;
  }

  /** The description of the persons quoted (one entity graph each). */
  persons(): Quad[] {
    return ['ana-ionescu', 'bo-lindqvist', 'chen-li', 'dara-okafor'].flatMap((person) => {
      const p = namedNode(this.iris.entity('person', person));
      const g = namedNode(this.iris.entityGraph('person', person));
      return [quad(p, namedNode(`${NS.rdf}type`), namedNode(`${NS.schema}Person`), g),
        quad(p, namedNode(`${NS.schema}name`), literal(person.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ')), g)];
    });
  }
}
