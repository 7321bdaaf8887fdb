/**
 * Who held an OSCE post on a day, read from the reference data (data/office-holders.ttl): each post is an `org:Post`
 * (`<id/post/{key}>`) with an `org:role`; each term is an `org:Membership` of a `schema:Person` with that role and
 * `org:memberDuring` → a `time:Interval` at the precision osce-facts.md gives (periods.ts). A pure lookup over quads:
 * the ingester resolves "said the Secretary General" to the holder on the release's date with it.
 */
import type { Quad } from '@rdfjs/types';
import { NS } from './ns.js';
import { type Bounds, type Day, Graph, intervalBounds, isDay, onlyHolding } from './periods.js';

/** The posts the reference data describes: the keys of `<id/post/{key}>`. */
export const POST_KEYS = ['secretary-general', 'odihr-director', 'hcnm', 'rfom', 'chairperson-in-office'] as const;
export type PostKey = (typeof POST_KEYS)[number];

export interface Holder {
  iri: string;
  name: string;
}

export interface Term extends Holder {
  /** The org:Membership of this term. */
  membership: string;
  bounds: Bounds;
}

export interface Post {
  key: PostKey;
  iri: string;
  /** Every label of the post (`rdfs:label`, `skos:prefLabel`, `skos:altLabel`), with its language. */
  labels: { text: string; language: string }[];
  /** Terms in the order of their beginnings. */
  terms: Term[];
}

export interface OfficeHolders {
  posts: ReadonlyMap<PostKey, Post>;
  /**
   * The holder of `post` on `day` (`YYYY-MM-DD`), or undefined where the facts do not determine one: a day before
   * the first known term, a vacancy, or a day that the precision of two terms' boundaries leaves open (a change
   * within a year whose month is not known, such as the Chairperson-in-Office in 2008).
   */
  holderOn(post: PostKey, day: Day): Holder | undefined;
}

const LABELS = [`${NS.rdfs}label`, `${NS.skos}prefLabel`, `${NS.skos}altLabel`];

function postKey(iri: string): PostKey | undefined {
  const key = /\/id\/post\/([a-z0-9-]+)$/.exec(iri)?.[1];
  return (POST_KEYS as readonly string[]).includes(key ?? '') ? (key as PostKey) : undefined;
}

function readTerms(g: Graph, role: string): Term[] {
  const terms: Term[] = [];
  for (const membership of g.subjects(`${NS.org}role`, role)) {
    if (!g.objects(membership, `${NS.rdf}type`).some((t) => t.value === `${NS.org}Membership`)) continue;
    const person = g.one(membership, `${NS.org}member`)?.value;
    const interval = g.one(membership, `${NS.org}memberDuring`)?.value;
    const name = person ? g.one(person, `${NS.schema}name`)?.value : undefined;
    if (!person || !interval || !name) continue;
    terms.push({ iri: person, name, membership, bounds: intervalBounds(g, interval) });
  }
  return terms.sort((a, b) => (a.bounds.begin?.earliest ?? '').localeCompare(b.bounds.begin?.earliest ?? ''));
}

export function officeHolders(quads: Iterable<Quad>): OfficeHolders {
  const g = new Graph(quads);
  const posts = new Map<PostKey, Post>();
  for (const iri of g.subjects(`${NS.rdf}type`, `${NS.org}Post`)) {
    const key = postKey(iri);
    const role = g.one(iri, `${NS.org}role`)?.value;
    if (!key || !role) continue;
    const labels = LABELS.flatMap((p) => g.objects(iri, p)).flatMap((l) => (l.termType === 'Literal' ? [{ text: l.value, language: l.language }] : []));
    posts.set(key, { key, iri, labels, terms: readTerms(g, role) });
  }
  return {
    posts,
    holderOn(post, day) {
      if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): ${JSON.stringify(day)}`);
      const term = onlyHolding(posts.get(post)?.terms ?? [], (t) => t.bounds, day);
      return term && { iri: term.iri, name: term.name };
    },
  };
}
