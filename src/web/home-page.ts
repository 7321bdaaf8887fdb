/** The home page (what the dataset is, where its services are) and the browse pages (kinds with counts, entities). */
import { html } from 'hono/html';
import type { Iris, Kind } from '../model/ns.js';
import type { Listed } from './browse-data.js';
import { renderPage } from './layout.js';
import { literalHtml } from './term-html.js';

export const KIND_TITLES: Record<Kind, string> = {
  organization: 'The organization', country: 'Participating States and partners', territory: 'Territories', membership: 'Memberships',
  chairpersonship: 'Chairpersonships', structure: 'Structures and institutions', 'field-operation': 'Field operations', field: 'Fields of work',
  scheme: 'Concept schemes', 'meeting-type': 'Meeting types', 'content-type': 'Content types', meeting: 'Meetings and meeting series',
  place: 'Places', person: 'Persons', publication: 'Publications', release: 'Press releases', quotation: 'Quotations',
};

function kindList(counts: ReadonlyArray<{ kind: Kind; count: number }>) {
  return html`<ul>${counts.map((k) => html`<li><a href="/browse/${k.kind}">${KIND_TITLES[k.kind]}</a> (${k.count})</li>`)}</ul>`;
}

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
<li><a href="/context/v1.jsonld">JSON-LD context</a>, <a href="/sitemap.xml">sitemap</a>, <a href="/changes">change feed</a> (Activity Streams)</li>
</ul></section>
<section aria-labelledby="licence-h"><h2 id="licence-h">Licence</h2><p>The data is available under CC BY 4.0.</p></section>`);
}

export function renderBrowseIndex(counts: ReadonlyArray<{ kind: Kind; count: number }>): Promise<string> {
  return renderPage({ title: 'Browse', lang: 'en' }, html`<h1>Browse by class</h1>${kindList(counts)}`);
}

export function renderKindPage(iris: Iris, kind: Kind, items: readonly Listed[], page: number, hasNext: boolean, total: number): Promise<string> {
  const list = items.map((i) => {
    const parsed = iris.parseEntity(i.iri);
    const href = parsed ? iris.document(parsed.kind, parsed.key) : i.iri;
    return html`<li><a href="${href}">${i.label ? literalHtml(i.label, 'en') : i.key}</a></li>`;
  });
  const prev = page > 0 ? html`<a rel="prev" href="/browse/${kind}?page=${page - 1}">Previous page</a>` : '';
  const next = hasNext ? html`<a rel="next" href="/browse/${kind}?page=${page + 1}">Next page</a>` : '';
  return renderPage({ title: KIND_TITLES[kind], lang: 'en' }, html`<h1>${KIND_TITLES[kind]}</h1>
<p>${total} entities of kind <code>${kind}</code>.</p>
<ul>${list}</ul>
<nav aria-label="Pages"><p>${prev} ${next}</p></nav>`);
}
