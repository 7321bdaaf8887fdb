/**
 * `/stats`: releases per year under the filters of a form, then small multiples (the same timeline per field of
 * work, per State, per structure), each chart with its table and a CSV link. Everything comes from the statistics;
 * the form's choices are the States, fields, publishers and content types that have releases.
 */
import { html } from 'hono/html';
import type { StatsService } from '../stats/service.js';
import { statsQueryString } from '../stats/request.js';
import { FILTERS, type Dimension, type StatsFilters, type StatsRequest, type StatsRow } from '../stats/types.js';
import { yearChart } from './chart.js';
import { renderPage, type Fragment } from './layout.js';

/** Most charts per group of small multiples (the largest groups first). */
const MULTIPLES = 24;

const GROUPS: ReadonlyArray<[Dimension, string]> = [['field', 'Per field of work'], ['state', 'Per State mentioned'], ['publisher', 'Per structure (with the units under it)']];

function csv(req: StatsRequest): string {
  return `/api/stats?${statsQueryString(req)}&format=csv`;
}

function select(name: keyof StatsFilters, label: string, options: readonly StatsRow[], chosen: string | undefined): Fragment {
  return html`<label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}"><option value="">any</option>${options.map((o) => html`<option value="${o.key}"${chosen === o.key ? html` selected` : ''}>${o.label} (${o.releases})</option>`)}</select>`;
}

function form(f: StatsFilters, choices: Record<'state' | 'field' | 'publisher' | 'genre' | 'language', StatsRow[]>): Fragment {
  return html`<form class="stats-form" method="get" action="/stats">
${select('field', 'Field of work', choices.field, f.field)}
${select('state', 'State mentioned', choices.state, f.state)}
${select('publisher', 'Published by', choices.publisher, f.publisher)}
${select('genre', 'Content type', choices.genre, f.genre)}
${select('language', 'Language', choices.language, f.language)}
<label for="f-from">From</label><input id="f-from" name="from" placeholder="YYYY or YYYY-MM-DD" value="${f.from ?? ''}" size="10">
<label for="f-to">To</label><input id="f-to" name="to" placeholder="YYYY or YYYY-MM-DD" value="${f.to ?? ''}" size="10">
<button type="submit">Count</button>
</form>`;
}

/** The rows of one request (each answer's version noted by the caller). */
type Ask = (req: StatsRequest) => Promise<StatsRow[]>;

async function multiples(ask: Ask, dim: Dimension, title: string, filters: StatsFilters, totals: readonly StatsRow[]): Promise<Fragment> {
  const top = totals.slice(0, MULTIPLES);
  const req: StatsRequest = { by: [dim, 'year'], filters };
  const pairs = await ask(req);
  const charts = top.map((t, i) => {
    const rows = pairs.filter((p) => p.key === t.key).map((p) => ({ key: p.key2!, releases: p.releases }));
    const one: StatsRequest = { by: ['year'], filters: { ...filters, [dim]: t.key } };
    return html`<li>${yearChart(rows, { id: `${dim}-${i}`, title: `${t.label} (${t.releases})`, csvHref: csv(one), small: true })}</li>`;
  });
  const more = totals.length > top.length ? html`<p>The ${top.length} with most releases of ${totals.length}; <a href="${csv(req)}" type="text/csv">all as CSV</a>.</p>` : '';
  return html`<section aria-labelledby="h-${dim}"><h2 id="h-${dim}">${title}</h2>${more}
${top.length ? html`<ul class="multiples">${charts}</ul>` : html`<p>No releases.</p>`}</section>`;
}

/**
 * The whole page for the given filters, and the statistics' version its charts come from (undefined when a write
 * moved them between two of its answers: no one version names the page).
 */
export async function renderStatsPage(stats: StatsService, filters: StatsFilters): Promise<{ html: string; version: number | undefined }> {
  const versions = new Set<number>();
  const ask: Ask = async (req) => {
    const { rows, version } = await stats.answerAt(req);
    versions.add(version);
    return rows;
  };
  const one = (by: Dimension, f: StatsFilters = filters) => ask({ by: [by], filters: f });
  const [field, state, publisher, genre, language] = await Promise.all([one('field', {}), one('state', {}), one('publisher', {}), one('genre', {}), one('language', {})]);
  const overall: StatsRequest = { by: ['year'], filters };
  const years = await ask(overall);
  const groups = await Promise.all(GROUPS.map(async ([dim, title]) => multiples(ask, dim, title, filters, await one(dim))));
  const active = FILTERS.filter((n) => filters[n] !== undefined).length;
  const body = html`<h1>Statistics</h1>
<p>Press releases counted by year, field of work, State mentioned and structure${active ? ' under the chosen filters' : ''}.
The same counts are at <a href="/api/stats?by=year">/api/stats</a> (JSON or CSV; see <a href="/api">the API reference</a>).</p>
${form(filters, { field, state, publisher, genre, language })}
${yearChart(years, { id: 'overall', title: 'Releases per year', csvHref: csv(overall) })}
${groups}`;
  return { html: await renderPage({ title: 'Statistics', lang: 'en' }, body), version: versions.size === 1 ? [...versions][0] : undefined };
}
