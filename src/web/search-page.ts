/** The search page (HTML) and the JSON shape of search results. */
import { escapeHtml } from './highlight.js';
import { renderPage } from './layout.js';
import type { SearchResults } from '../api/search-index.js';

/** JSON body of `/search?format=json`: plain and highlighted (`<mark>`, escaped) text of each hit. */
export function searchJson(results: SearchResults, page: { limit: number; offset: number }): Record<string, unknown> {
  return {
    query: results.query,
    total: results.total,
    kinds: results.kinds,
    limit: page.limit,
    offset: page.offset,
    hits: results.hits.map((h) => ({
      iri: h.iri,
      kind: h.kind,
      url: h.path ?? h.iri,
      title: h.title.text,
      titleHtml: h.title.html,
      snippet: h.snippet.text,
      snippetHtml: h.snippet.html,
      ...(h.date ? { date: h.date } : {}),
      score: h.score,
    })),
  };
}

/** Links that narrow the search to one kind of entity, with counts. */
function kindLinks(results: SearchResults, kind: string | undefined): string {
  const entries = Object.entries(results.kinds).sort(([, a], [, b]) => b - a);
  if (entries.length < 2 && !kind) return '';
  const q = encodeURIComponent(results.query);
  const links = entries.map(([k, n]) =>
    k === kind ? `<strong>${escapeHtml(k)} (${n})</strong>` : `<a href="/search?q=${q}&amp;kind=${encodeURIComponent(k)}">${escapeHtml(k)} (${n})</a>`,
  );
  if (kind) links.unshift(`<a href="/search?q=${q}">all</a>`);
  return `<p class="kinds">${links.join(' · ')}</p>`;
}

function pager(results: SearchResults, page: { limit: number; offset: number; kind?: string }): string {
  const kind = page.kind ? `&amp;kind=${encodeURIComponent(page.kind)}` : '';
  const link = (offset: number, label: string): string =>
    `<a href="/search?q=${encodeURIComponent(results.query)}${kind}&amp;offset=${offset}&amp;limit=${page.limit}">${label}</a>`;
  const parts: string[] = [];
  if (page.offset > 0) parts.push(link(Math.max(0, page.offset - page.limit), 'Previous'));
  if (page.offset + page.limit < results.total) parts.push(link(page.offset + page.limit, 'Next'));
  return parts.length ? `<nav class="pager">${parts.join(' · ')}</nav>` : '';
}

export function renderSearchPage(results: SearchResults, page: { limit: number; offset: number; kind?: string }): Promise<string> {
  const q = escapeHtml(results.query);
  const hits = results.hits
    .map((h) => {
      const href = escapeHtml(h.path ?? h.iri);
      const date = h.date ? ` <time datetime="${escapeHtml(h.date)}">${escapeHtml(h.date)}</time>` : '';
      const snippet = h.snippet.html ? `<p>${h.snippet.html}</p>` : '';
      return `<li><a href="${href}">${h.title.html}</a><span class="kind">${escapeHtml(h.kind)}</span>${date}${snippet}</li>`;
    })
    .join('\n');
  const summary = results.query
    ? `<p class="status">${results.total} result${results.total === 1 ? '' : 's'} for “${q}”</p>`
    : '<p class="status">Search press releases (headlines and full text) and the names of States, structures, field operations, places, people and topics.</p>';
  const body = `<h1>Search</h1>
<form class="search-form" method="get" action="/search" role="search">
<input type="search" name="q" value="${q}" aria-label="Search terms" placeholder="e.g. election observation">
<button type="submit">Search</button>
</form>
${summary}
${kindLinks(results, page.kind)}
<ol class="hits">
${hits}
</ol>
${pager(results, page)}`;
  return renderPage({ title: results.query ? `Search: ${results.query}` : 'Search' }, body);
}
