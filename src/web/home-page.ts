/** The home page: what the dataset is, where its services are, and the kinds of entity with counts. */
import { html } from 'hono/html';
import type { Iris, Kind } from '../model/ns.js';
import { kindList } from './browse-page.js';
import { renderPage } from './layout.js';

export function renderHome(iris: Iris, counts: ReadonlyArray<{ kind: Kind; count: number }>): Promise<string> {
  return renderPage({ title: 'Home', lang: 'en', canonical: iris.base }, html`<h1>OSCE knowledge graph</h1>
<p>Linked data about the Organization for Security and Co-operation in Europe: its participating States and partners,
structures and institutions, field operations, fields of work, meetings, and press releases, compiled from public sources.
Every entity has an IRI under <code>${iris.base}id/</code> that answers with a document in HTML, Turtle, JSON-LD, N-Triples or RDF/XML.</p>
<section aria-labelledby="browse-h"><h2 id="browse-h">Browse</h2>${kindList(counts)}</section>
<section aria-labelledby="access-h"><h2 id="access-h">Access the data</h2>
<ul>
<li><a href="/sparql">SPARQL 1.1 endpoint</a> (query and service description) and the <a href="/query">query editor</a> with example queries</li>
<li><a href="/dumps/">Dumps</a>: the whole graph as N-Triples, N-Quads, Turtle and JSON-LD (gzip), with checksums</li>
<li><a href="/catalog">DCAT-AP catalog</a> and <a href="/.well-known/void">VoID description</a> with live statistics</li>
<li>API: <a href="/api">API reference</a>, <a href="/openapi.json">OpenAPI description</a> and <a href="/api/queries">named queries</a></li>
<li><a href="/search">Full-text search</a> over releases and the labels of all entities</li>
<li><a href="/policy">Usage policy</a>: the limits of anonymous queries, and the User-Agent to send</li>
<li><a href="/context/v1.jsonld">JSON-LD context</a>, <a href="/sitemap.xml">sitemap</a>, <a href="/changes">change feed</a> (Activity Streams)</li>
</ul></section>
<section aria-labelledby="licence-h"><h2 id="licence-h">Licence</h2><p>The data is available under CC BY 4.0.</p></section>`);
}
