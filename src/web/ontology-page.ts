/**
 * The ontology as an HTML page: its metadata, then every term of its namespace in a section whose id is the term's
 * local name, so `https://w3id.org/osce-kg/ontology#Country`, redirected here, lands on the term.
 */
import type { Quad, Term } from '@rdfjs/types';
import { html } from 'hono/html';
import { NS, type Iris } from '../model/ns.js';
import { ONTOLOGY_IRI, ontologyTerms, ontologyVersion, type OntologyTerm } from '../linked-data/ontology.js';
import { renderPage, type Fragment } from './layout.js';
import { curie, termHtml, type TermContext } from './term-html.js';

const LABEL = `${NS.rdfs}label`;
const COMMENT = `${NS.rdfs}comment`;

/** Terms of the ontology link to their section on this page; anything else as on other pages. */
function valueHtml(term: Term, ctx: TermContext): Fragment {
  if (term.termType === 'NamedNode' && term.value.startsWith(NS.osce)) return html`<a href="#${term.value.slice(NS.osce.length)}">${curie(term.value)}</a>`;
  return termHtml(term, ctx);
}

function termSection(term: OntologyTerm, ctx: TermContext): Fragment {
  const label = term.triples.find((q) => q.predicate.value === LABEL)?.object.value;
  const comment = term.triples.find((q) => q.predicate.value === COMMENT)?.object.value;
  const rest = term.triples.filter((q) => q.predicate.value !== LABEL && q.predicate.value !== COMMENT);
  return html`<section id="${term.local}" class="term"><h3>${curie(term.iri)}${label ? html` <small>${label}</small>` : ''}</h3>
<p><code>${term.iri}</code></p>
${comment ? html`<p>${comment}</p>` : ''}
<table><tbody>${rest.map((q) => html`<tr><th scope="row">${curie(q.predicate.value)}</th><td>${valueHtml(q.object, ctx)}</td></tr>`)}</tbody></table>
</section>`;
}

export interface OntologyPageInput {
  quads: readonly Quad[];
  iris: Iris;
  /** Where this page and its other formats are served: `{base}ontology`. */
  url: string;
  alternates: ReadonlyArray<{ type: string; href: string; label: string }>;
}

export function renderOntologyPage({ quads, iris, url, alternates }: OntologyPageInput): Promise<string> {
  const ctx: TermContext = { iris, labels: new Map(), prefs: ['en'], pageLang: 'en' };
  const { version, versionIri } = ontologyVersion(quads);
  const about = quads.filter((q) => q.subject.value === ONTOLOGY_IRI);
  const title = about.find((q) => q.predicate.value === `${NS.dct}title`)?.object.value ?? 'Ontology';
  const groups = ontologyTerms(quads);
  const body = html`<article>
<h1>${title}</h1>
<p>Namespace <code>${NS.osce}</code> (prefix <code>osce:</code>), version ${version} (<code>${versionIri}</code>).
Published at <a href="${url}">${url}</a>; the w3id.org IRIs redirect here.</p>
<p class="formats">Also as: ${alternates.map((a) => html`<a href="${a.href}" type="${a.type}">${a.label}</a> `)}</p>
<table><tbody>${about.map((q) => html`<tr><th scope="row">${curie(q.predicate.value)}</th><td>${valueHtml(q.object, ctx)}</td></tr>`)}</tbody></table>
<nav aria-label="Terms"><h2>Terms</h2>
${groups.map((g) => html`<h3>${g.heading}</h3><p>${g.terms.map((t) => html`<a href="#${t.local}">${t.local}</a> `)}</p>`)}
</nav>
${groups.map((g) => html`<section><h2>${g.heading}</h2>${g.terms.map((t) => termSection(t, ctx))}</section>`)}
</article>`;
  return renderPage({ title, lang: 'en', canonical: url, alternates }, body);
}
