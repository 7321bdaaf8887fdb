/** The HTML view of one named graph: its triples by subject, as on description pages, at most MAX_ROWS of them. */
import type { Quad } from '@rdfjs/types';
import { html } from 'hono/html';
import type { Iris } from '../model/ns.js';
import { renderPage } from './layout.js';
import { curie, termHtml, type TermContext } from './term-html.js';
import { labelIndex } from '../linked-data/language.js';

/** Rows a page shows; the reference graph has thousands of triples, which the RDF formats give whole. */
export const MAX_ROWS = 2000;

export interface GraphPageInput {
  iri: string;
  quads: readonly Quad[];
  iris: Iris;
  /** The graph's Graph Store URL, for the whole graph in other formats. */
  graphStore: string;
}

export function renderGraphPage({ iri, quads, iris, graphStore }: GraphPageInput): Promise<string> {
  const ctx: TermContext = { iris, labels: labelIndex(quads), prefs: ['en'], pageLang: 'en' };
  const shown = quads.slice(0, MAX_ROWS);
  const bySubject = new Map<string, Quad[]>();
  for (const q of shown) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  const sections = [...bySubject.values()].map((group) => {
    const subject = group[0]!.subject;
    return html`<section><h2>${subject.termType === 'NamedNode' ? termHtml(subject, ctx) : `[${subject.value}]`}</h2>
<table><tbody>${group.map((q) => html`<tr><th scope="row">${curie(q.predicate.value)}</th><td>${termHtml(q.object, ctx)}</td></tr>`)}</tbody></table></section>`;
  });
  const more = quads.length > shown.length ? html`<p>The first ${shown.length} of ${quads.length} triples; the whole graph as <a href="${graphStore}">Turtle</a>.</p>` : '';
  return renderPage({ title: `Graph ${iri.slice(iris.base.length)}`, lang: 'en', canonical: iri }, html`<h1>Named graph</h1>
<p><code>${iri}</code>: ${quads.length} triples. Also as <a href="${graphStore}">Turtle from the graph store</a>; ask for
<code>text/turtle</code>, <code>application/ld+json</code>, <code>application/n-triples</code> or <code>application/rdf+xml</code> here.</p>
${more}
${sections}`);
}
