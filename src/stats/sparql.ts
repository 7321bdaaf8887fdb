/**
 * The same counts as SPARQL aggregates: what the statistics answer on an external store (evaluated there, once per
 * dataset version and request), and the baseline the tests and the bench compare the in-memory index against.
 * Filter values are checked IRIs and escaped literals (sparql-terms.ts), never pasted text.
 */
import { NS } from '../model/ns.js';
import { iriRef, stringLiteral } from '../linked-data/sparql-terms.js';
import type { Row } from '../store/types.js';
import { LABEL_PREDICATES } from './facts.js';
import { languageLabel, sortRows } from './facet-index.js';
import type { Dimension, StatsRequest, StatsRow } from './types.js';

const PREFIXES = `PREFIX osce: <${NS.osce}>
PREFIX schema: <${NS.schema}>
PREFIX org: <${NS.org}>
PREFIX xsd: <${NS.xsd}>
`;

/** The patterns binding ?{v} to the keys of one dimension (`v` is k or k2). */
function dimensionPattern(d: Dimension, v: string): string {
  switch (d) {
    case 'year': return `BIND(SUBSTR(STR(?d), 1, 4) AS ?${v})`;
    case 'month': return `BIND(SUBSTR(STR(?d), 1, 7) AS ?${v})`;
    case 'state': return `?r schema:mentions ?${v} . ?${v} a osce:Country .`;
    case 'field': return `?r schema:about ?${v} .`;
    case 'publisher': return `?r schema:publisher ?${v}p . ?${v}p org:unitOf* ?${v} .`;
    case 'genre': return `?r osce:contentType ?${v} .`;
    case 'language': return `?r schema:inLanguage ?${v}l . BIND(STR(?${v}l) AS ?${v})`;
    case 'speaker': return `?r osce:quotation ?${v}q . ?${v}q schema:spokenByCharacter ?${v} .`;
  }
}

/** The filters naming a value first (the most selective patterns: oxigraph joins in the order written), then the dates. */
function filterPatterns(req: StatsRequest): string[] {
  const f = req.filters;
  const out: string[] = [];
  if (f.state) out.push(`?r schema:mentions ${iriRef(f.state)} . ${iriRef(f.state)} a osce:Country .`);
  if (f.field) out.push(`?r schema:about ${iriRef(f.field)} .`);
  if (f.publisher) out.push(`?r schema:publisher ?fp . ?fp org:unitOf* ${iriRef(f.publisher)} .`);
  if (f.genre) out.push(`?r osce:contentType ${iriRef(f.genre)} .`);
  if (f.speaker) out.push(`?r osce:quotation ?fq . ?fq schema:spokenByCharacter ${iriRef(f.speaker)} .`);
  if (f.language) out.push(`?r schema:inLanguage ?fl . FILTER(STR(?fl) = ${stringLiteral(f.language)})`);
  if (f.from !== undefined || f.to !== undefined || req.by.some((d) => d === 'year' || d === 'month')) {
    out.push('?r schema:datePublished ?d .');
    const bounds = [
      ...(f.from ? [`?d >= ${stringLiteral(f.from)}^^xsd:date`] : []),
      ...(f.to ? [`?d <= ${stringLiteral(f.to)}^^xsd:date`] : []),
    ];
    if (bounds.length) out.push(`FILTER(${bounds.join(' && ')})`);
  }
  return out;
}

/**
 * SELECT ?k [?k2] ?n: distinct press releases per key (pair of keys) under the filters. The class check comes last:
 * written first, oxigraph starts from every release and joins the rest to it (by State at 10k releases, CPU: 75-104 ms
 * first, 63-66 ms last; docs/decisions/0013-release-statistics.md).
 */
export function statsSparql(req: StatsRequest): string {
  const [d1, d2] = req.by;
  const vars = d2 ? '?k ?k2' : '?k';
  return `${PREFIXES}SELECT ${vars} (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ${[...filterPatterns(req), dimensionPattern(d1, 'k'), ...(d2 ? [dimensionPattern(d2, 'k2')] : []), '?r a osce:PressRelease .'].join('\n  ')}
}
GROUP BY ${vars}`;
}

/** SELECT ?s ?p ?l: the English or untagged labels of the given IRIs. */
export function labelsSparql(iris: readonly string[]): string {
  return `SELECT ?s ?p ?l WHERE { VALUES ?s { ${iris.map(iriRef).join(' ')} } VALUES ?p { ${LABEL_PREDICATES.map(iriRef).join(' ')} }
  ?s ?p ?l . FILTER(LANG(?l) = "en" || LANG(?l) = "") }`;
}

const THINGS = new Set<Dimension>(['state', 'field', 'publisher', 'genre', 'speaker']);

/** The best label per IRI from rows of `labelsSparql`, with the index's preference (prefLabel, English, smallest). */
export function pickLabels(rows: readonly Row[]): Map<string, string> {
  const best = new Map<string, [number, string]>();
  for (const row of rows) {
    const s = row.s?.value;
    const l = row.l;
    if (!s || !l || l.termType !== 'Literal') continue;
    const rank = LABEL_PREDICATES.indexOf(row.p?.value as (typeof LABEL_PREDICATES)[number]) * 2 + (l.language === '' ? 1 : 0);
    const cur = best.get(s);
    if (!cur || rank < cur[0] || (rank === cur[0] && l.value < cur[1])) best.set(s, [rank, l.value]);
  }
  return new Map([...best].map(([s, [, l]]) => [s, l]));
}

/** The IRIs among the keys of aggregate rows, whose labels are wanted. */
export function keyIris(req: StatsRequest, rows: readonly Row[]): string[] {
  const out = new Set<string>();
  for (const row of rows) {
    if (THINGS.has(req.by[0]) && row.k?.termType === 'NamedNode') out.add(row.k.value);
    if (req.by[1] && THINGS.has(req.by[1]) && row.k2?.termType === 'NamedNode') out.add(row.k2.value);
  }
  return [...out];
}

/** Statistics rows from aggregate rows and labels, sorted like the index's. */
export function rowsFromSparql(req: StatsRequest, rows: readonly Row[], labels: ReadonlyMap<string, string>): StatsRow[] {
  const label = (d: Dimension, key: string) =>
    d === 'language' ? languageLabel(key) : THINGS.has(d) ? labels.get(key) ?? key : key;
  const out: StatsRow[] = [];
  for (const row of rows) {
    const k = row.k?.value;
    const n = Number(row.n?.value);
    if (k === undefined || !Number.isFinite(n)) continue;
    const r: StatsRow = { key: k, label: label(req.by[0], k), releases: n };
    if (req.by[1]) {
      const k2 = row.k2?.value;
      if (k2 === undefined) continue;
      out.push({ key: r.key, label: r.label, key2: k2, label2: label(req.by[1], k2), releases: n });
      continue;
    }
    out.push(r);
  }
  return sortRows(out, req.by);
}
