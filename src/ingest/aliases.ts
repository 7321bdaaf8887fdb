/**
 * IRIs already issued stay valid (docs/decisions/0001-release-identity.md): when a release's key changes, its former
 * IRI is kept as `<current> owl:sameAs <former>` in `graph/aliases`, and requests for the former IRI (or a quotation
 * under it) are answered with 301 to the current one. The current IRI is the subject, so listings of subjects
 * (sitemap, change feed) name only current IRIs; a chain of moves keeps every former IRI pointing at the latest.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS, type Iris, type Kind } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import { iriRef } from './update.js';

const { namedNode, quad } = DataFactory;
const SAME_AS = `${NS.owl}sameAs`;

/** The alias triple `<current> owl:sameAs <former>` in the alias graph. */
export function aliasQuad(iris: Iris, current: string, former: string): Quad {
  return quad(namedNode(current), namedNode(SAME_AS), namedNode(former), namedNode(iris.aliasGraph)) as Quad;
}

export interface AliasChange {
  remove: Quad[];
  add: Quad[];
}

/**
 * The alias triples to change when the release at `from` moves to `to`: `from` becomes an alias of `to`, the former
 * IRIs of `from` follow it, and `to` stops being an alias (a key that moved back, or an IRI reused).
 */
export async function aliasMove(store: KgStore, iris: Iris, from: string, to: string): Promise<AliasChange> {
  const rows = await store.select(`SELECT ?s ?o WHERE { GRAPH ${iriRef(iris.aliasGraph)} {
  { ${iriRef(from)} <${SAME_AS}> ?o BIND(${iriRef(from)} AS ?s) } UNION { ?s <${SAME_AS}> ${iriRef(to)} BIND(${iriRef(to)} AS ?o) } } }`);
  const remove: Quad[] = [];
  const add: Quad[] = [aliasQuad(iris, to, from)];
  for (const row of rows) {
    const s = row.s?.value;
    const o = row.o?.value;
    if (!s || !o) continue;
    remove.push(aliasQuad(iris, s, o));
    if (s === from && o !== to) add.push(aliasQuad(iris, to, o));
  }
  return { remove, add };
}

/** Kinds whose IRIs contain a release key: the release itself, and its quotations (`{release key}-{n}`). */
const KEYED: readonly Kind[] = ['release', 'quotation'];

/** The key of the current IRI for a former release or quotation key, or undefined when it is not an alias. */
export async function currentKey(store: KgStore, iris: Iris, kind: Kind, key: string): Promise<string | undefined> {
  if (!KEYED.includes(kind) || !/^[a-z0-9][a-z0-9_-]*$/.test(key)) return undefined;
  const quotation = kind === 'quotation' ? /^(.+)-(\d+)$/.exec(key) : null;
  const releaseKey = quotation ? (quotation[1] as string) : key;
  if (kind === 'quotation' && !quotation) return undefined;
  const rows = await store.select(
    `SELECT ?current WHERE { GRAPH ${iriRef(iris.aliasGraph)} { ?current <${SAME_AS}> ${iriRef(iris.entity('release', releaseKey))} } } LIMIT 1`,
  );
  const current = rows[0]?.current?.value;
  const parsed = current ? iris.parseEntity(current) : undefined;
  if (parsed?.kind !== 'release') return undefined;
  return quotation ? `${parsed.key}-${quotation[2]}` : parsed.key;
}
