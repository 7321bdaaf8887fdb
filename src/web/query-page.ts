/**
 * The SPARQL query editor (`/query`; `/sparql` sends browsers here): YASGUI served from this server, with our
 * prefixes, the ontology's classes and properties for completion, and the named queries as runnable examples. Its
 * configuration is a JSON data block read by `assets/query/query-page.js` (no inline script, so a strict CSP holds).
 */
import type { AppContext } from '../context.js';
import { NS } from '../model/ns.js';
import type { QuerySource } from '../api/query-source.js';
import { completionTerms } from './completion-terms.js';
import { escapeHtml } from './highlight.js';
import { renderPage } from './layout.js';

export interface Example {
  name: string;
  title: string;
  description: string;
  query: string;
}

/** The example the page opens with (and runs), when the catalog has it: small, and meaningful to everyone. */
export const OPENING_EXAMPLE = 'participating-states';

/**
 * Named queries with their default parameters bound, the opening example first; queries that cannot run without a
 * value are left out.
 */
export function examplesFrom(source: QuerySource): Example[] {
  const examples: Example[] = [];
  for (const q of source.list()) {
    try {
      examples.push({ name: q.name, title: q.title, description: q.description, query: source.bind(q.name, {}) });
    } catch {
      // a parameter without a default: not runnable as an example
    }
  }
  return examples.sort((a, b) => Number(b.name === OPENING_EXAMPLE) - Number(a.name === OPENING_EXAMPLE));
}

/** Examples of what the named queries do not show: the search index inside SPARQL (src/sparql/text-search.ts). */
export const EDITOR_EXAMPLES: readonly Example[] = [
  {
    name: 'text-search',
    title: 'Full-text search joined with the graph',
    description: 'osce:search asks the search index (the one behind /search) and binds the hits and their scores; the rest of the query reads the graph.',
    query: `PREFIX osce: <${NS.osce}>
PREFIX schema: <${NS.schema}>
SELECT ?release ?score ?date ?headline WHERE {
  ?release osce:search "border management" ;
           osce:searchScore ?score ;
           osce:searchKind "release" ;
           osce:searchLimit 100 .
  ?release schema:datePublished ?date ; schema:headline ?headline .
}
ORDER BY DESC(?score)
LIMIT 20`,
  },
  {
    name: 'places-near',
    title: 'Places in a bounding box, nearest first',
    description: 'Coordinates from GeoNames: a bounding box as a FILTER on schema:latitude and schema:longitude, and the geodesic distance with GeoSPARQL geof:distance over geo:asWKT.',
    query: `PREFIX schema: <${NS.schema}>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX geof: <http://www.opengis.net/def/function/geosparql/>
PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/>
PREFIX osce: <${NS.osce}>
SELECT ?place ?name ?lat ?long ?km WHERE {
  ?place a osce:Place ; schema:name ?name ; schema:geo ?g ; geo:hasGeometry/geo:asWKT ?wkt .
  ?g schema:latitude ?lat ; schema:longitude ?long .
  FILTER(langMatches(lang(?name), "en"))
  FILTER(?lat > 40 && ?lat < 56 && ?long > 5 && ?long < 30)
  # kilometres from Vienna
  BIND(geof:distance(?wkt, "POINT(16.37208 48.20849)"^^geo:wktLiteral, uom:metre) / 1000 AS ?km)
}
ORDER BY ?km`,
  },
];

function exampleList(examples: readonly Example[]): string {
  return examples
    .map(
      (e) => `<li><button type="button" data-example="${escapeHtml(e.name)}">${escapeHtml(e.title)}</button>
<p>${escapeHtml(e.description)}</p></li>`,
    )
    .join('\n');
}

/** A query opened from its permalink (`/q/{id}`): the editor shows and runs it instead of the first example. */
export interface OpenQuery {
  id: string;
  query: string;
}

/** The page HTML; queries go to `endpoint`. */
export async function renderQueryPage(ctx: AppContext, source: QuerySource, endpoint = '/sparql', open?: OpenQuery): Promise<string> {
  const examples = [...examplesFrom(source), ...EDITOR_EXAMPLES];
  const terms = await completionTerms(ctx.store);
  const config = { endpoint, prefixes: { ...NS }, classes: terms.classes, properties: terms.properties, examples, ...(open ? { open } : {}) };
  const opened = open ? `<p>This is the query of the permalink <a href="/q/${escapeHtml(open.id)}">/q/${escapeHtml(open.id)}</a>; it runs as the page opens.</p>` : '';
  const body = `<h1>Query the graph with SPARQL</h1>
${opened}
<p>Write SPARQL 1.1 in the editor (Ctrl-Space completes prefixes, classes and properties) and run it against
<code>${escapeHtml(endpoint)}</code>. Results can be downloaded from the result pane. The examples below are the
<a href="/api">named queries</a>, also available as REST endpoints, and what they do not show (full-text search
with <code>osce:search</code>, places by their coordinates). Anonymous queries have limits (query time per minute,
queries at once): see the <a href="/policy">Usage policy</a>.</p>
<h2>Examples</h2>
<ul class="examples">
${exampleList(examples)}
</ul>
<p class="status" id="example-status" aria-live="polite"></p>
<p class="share"><button type="button" id="share-query">Make a permalink to this query</button>
<output id="share-status" for="share-query" aria-live="polite"></output></p>
<div id="yasgui"></div>
<noscript>
<form class="noscript-form" method="get" action="/sparql">
<label for="q">Query</label>
<textarea id="q" name="query" rows="12">${escapeHtml(open?.query ?? examples[0]?.query ?? 'SELECT * WHERE { ?s ?p ?o } LIMIT 10')}</textarea>
<button type="submit">Run</button>
</form>
</noscript>`;
  return renderPage({ title: 'SPARQL query', editor: config }, body);
}
