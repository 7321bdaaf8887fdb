/** The browse pages: the kinds of entity with counts (`/browse`) and the entities of one kind (`/browse/{kind}`). */
import { html } from 'hono/html';
import type { Iris, Kind } from '../model/ns.js';
import type { Listed } from './browse-data.js';
import { renderPage } from './layout.js';
import { literalHtml } from './term-html.js';

export const KIND_TITLES: Record<Kind, string> = {
  organization: 'The organization', country: 'Participating States and partners', territory: 'Territories', membership: 'Memberships',
  chairpersonship: 'Chairpersonships', structure: 'Structures and institutions', 'field-operation': 'Field operations', field: 'Fields of work',
  scheme: 'Concept schemes', 'meeting-type': 'Meeting types', 'content-type': 'Content types', meeting: 'Meetings and meeting series',
  place: 'Places', person: 'Persons', post: 'Posts', publication: 'Publications', release: 'Press releases', quotation: 'Quotations',
};

/** The kinds as a list of links to their pages, with counts (also on the home page). */
export function kindList(counts: ReadonlyArray<{ kind: Kind; count: number }>) {
  return html`<ul>${counts.map((k) => html`<li><a href="/browse/${k.kind}">${KIND_TITLES[k.kind]}</a> (${k.count})</li>`)}</ul>`;
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
