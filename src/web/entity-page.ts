/** The HTML view of one entity document: properties, nested blank nodes, the release body, incoming links, pages. */
import type { Quad, Term } from '@rdfjs/types';
import { html } from 'hono/html';
import { NS, type Iris } from '../model/ns.js';
import type { EntityDocument } from '../linked-data/document.js';
import { labelIndex, pickLiteral } from '../linked-data/language.js';
import { renderPage, type Fragment } from './layout.js';
import { curie, termHtml, type TermContext } from './term-html.js';

const ARTICLE_BODY = `${NS.schema}articleBody`;

function groupBy(quads: readonly Quad[], key: (q: Quad) => string): Map<string, Quad[]> {
  const m = new Map<string, Quad[]>();
  for (const q of quads) m.set(key(q), [...(m.get(key(q)) ?? []), q]);
  return m;
}

function valuesHtml(objects: readonly Term[], quads: readonly Quad[], ctx: TermContext): Fragment {
  const items = objects.map((o) => {
    if (o.termType !== 'BlankNode') return html`<li>${termHtml(o, ctx)}</li>`;
    const inner = quads.filter((q) => q.subject.equals(o));
    return html`<li><dl>${inner.map((q) => html`<dt>${curie(q.predicate.value)}</dt><dd>${termHtml(q.object, ctx)}</dd>`)}</dl></li>`;
  });
  return html`<ul>${items}</ul>`;
}

/** Types and names first, then the rest by prefixed name, so pages of one kind read alike. */
const FIRST = [`${NS.rdf}type`, `${NS.rdfs}label`, `${NS.schema}name`, `${NS.skos}prefLabel`, `${NS.schema}headline`, `${NS.schema}datePublished`];
function rank(p: string): string {
  const i = FIRST.indexOf(p);
  return i >= 0 ? `0${i}` : `1${curie(p)}`;
}

function propertyRows(own: readonly Quad[], quads: readonly Quad[], ctx: TermContext): Fragment[] {
  return [...groupBy(own, (q) => q.predicate.value)].sort(([a], [b]) => rank(a).localeCompare(rank(b))).map(
    ([p, qs]) => html`<tr><th scope="row">${curie(p)}</th><td>${valuesHtml(qs.map((q) => q.object), quads, ctx)}</td></tr>`,
  );
}

function incomingRows(incoming: readonly Quad[], quads: readonly Quad[], ctx: TermContext): Fragment[] {
  return [...groupBy(incoming, (q) => q.predicate.value)].map(
    ([p, qs]) => html`<tr><th scope="row">${curie(p)}</th><td>${valuesHtml(qs.map((q) => q.subject), quads, ctx)}</td></tr>`,
  );
}

function bodyHtml(own: readonly Quad[], ctx: TermContext): Fragment {
  const bodies = own.filter((q) => q.predicate.value === ARTICLE_BODY && q.object.termType === 'Literal');
  if (bodies.length === 0) return html``;
  const paragraphs = bodies.flatMap((q) => q.object.value.split(/\n{2,}/)).map((p) => html`<p>${p}</p>`);
  return html`<section aria-labelledby="body-h"><h2 id="body-h">Text</h2><div class="body">${paragraphs}</div></section>`;
}

function pagerHtml(doc: EntityDocument, url: string): Fragment {
  if (doc.page === 0 && !doc.hasNext) return html``;
  const prev = doc.page > 0 ? html`<a rel="prev" href="${url}?page=${doc.page - 1}">Previous page</a>` : '';
  const next = doc.hasNext ? html`<a rel="next" href="${url}?page=${doc.page + 1}">Next page</a>` : '';
  return html`<nav aria-label="Pages of incoming links"><p>Page ${doc.page + 1}. ${prev} ${next}</p></nav>`;
}

export interface EntityPageInput {
  doc: EntityDocument;
  iris: Iris;
  prefs: readonly string[];
  /** The schema.org view embedded as JSON-LD. */
  schemaView: unknown;
  alternates: ReadonlyArray<{ type: string; href: string; label: string }>;
  /** A timeline of the releases about this entity (web/entity-chart.ts). */
  chart?: Fragment;
  /** The map of the entity's place or country (web/entity-map.ts). */
  map?: Fragment;
}

export async function renderEntityPage({ doc, iris, prefs, schemaView, alternates, chart, map }: EntityPageInput): Promise<string> {
  const labels = labelIndex(doc.quads);
  const own = doc.quads.filter((q) => q.subject.value === doc.entity && q.predicate.value !== ARTICLE_BODY);
  const incoming = doc.quads.filter((q) => q.object.value === doc.entity && q.subject.value !== doc.entity);
  const entityLabels = labels.get(doc.entity) ?? [];
  const title = pickLiteral(entityLabels, prefs);
  const pageLang = title?.language || 'en';
  const ctx: TermContext = { iris, labels, prefs, pageLang };
  const url = iris.document(doc.kind, doc.key);
  const body = html`<article>
<h1>${title?.value ?? `${doc.kind} ${doc.key}`}</h1>
<p>IRI: <code>${doc.entity}</code> (${doc.kind})</p>
<p class="formats">Also as: ${alternates.map((a) => html`<a href="${a.href}" type="${a.type}">${a.label}</a> `)}</p>
${chart ?? ''}
${bodyHtml(doc.quads.filter((q) => q.subject.value === doc.entity), ctx)}
<section aria-labelledby="props-h"><h2 id="props-h">Properties</h2>
<table><tbody>${propertyRows(own, doc.quads, ctx)}</tbody></table></section>
${map ?? ''}
${incoming.length > 0 ? html`<section aria-labelledby="in-h"><h2 id="in-h">Referenced by</h2>
<table><tbody>${incomingRows(incoming, doc.quads, ctx)}</tbody></table></section>` : ''}
${pagerHtml(doc, url)}
</article>`;
  // link previews: a release's first words and date; another entity says what it is
  const text = doc.quads.find((q) => q.subject.value === doc.entity && q.predicate.value === ARTICLE_BODY)?.object.value;
  const published = doc.quads.find((q) => q.subject.value === doc.entity && q.predicate.value === `${NS.schema}datePublished`)?.object.value;
  const description = text ?? `${title?.value ?? doc.key}: ${doc.kind.replace(/-/g, ' ')} in the OSCE knowledge graph (linked data).`;
  const article = doc.kind === 'release' ? { publishedTime: published } : undefined;
  return renderPage({ title: title?.value ?? doc.key, lang: pageLang, alternates, jsonLd: schemaView, canonical: url, description, article }, body);
}
