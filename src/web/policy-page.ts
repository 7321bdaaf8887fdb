/**
 * `/policy`: the usage policy, with the limits this server runs with (from its configuration, so the page never states
 * other numbers than those enforced), what a refusal looks like, the User-Agent etiquette and what is logged.
 */
import { html } from 'hono/html';
import type { Config } from '../config.js';
import { renderPage } from './layout.js';

type Limits = Pick<Config, 'clientQueries' | 'anonymousQueries' | 'queryBudgetMs' | 'queryBudgetWindowMs' | 'queryTimeoutMs' | 'accessLog'>;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function limitItems(c: Limits) {
  const budget = c.queryBudgetMs > 0
    ? html`<li><strong>${seconds(c.queryBudgetMs)} of query time per ${seconds(c.queryBudgetWindowMs)}</strong> for each client. A
query's time, the time it ran on the service's query engine (not the time it waited for it), is charged when it ends, so a long query is never cut short
by the budget (only by the ${seconds(c.queryTimeoutMs)} query timeout). Time used beyond the budget is a debt that
refills at the same rate: a client that used 90 s in a minute waits until its use is under the budget again. Time
refills as fast as it passes, so a client that sends one query at a time never meets this budget: it holds for
clients that run several at once.</li>`
    : html`<li>No query-time budget.</li>`;
  const client = c.clientQueries > 0
    ? html`<li>At most <strong>${c.clientQueries} queries queued or running</strong> at once for each client.</li>`
    : html`<li>No bound on how many queries one client may have running.</li>`;
  const all = c.anonymousQueries > 0
    ? html`<li>At most <strong>${c.anonymousQueries} queries queued or running</strong> for all anonymous clients together.</li>`
    : '';
  return html`${budget}${client}${all}`;
}

export function renderPolicy(c: Limits): Promise<string> {
  return renderPage({ title: 'Usage policy' }, html`<h1>Usage policy</h1>
<p>The SPARQL endpoint (<code>/sparql</code>), the named-query API (<code>/api/queries/…</code>) and the making of query
permalinks (<code>POST /q</code>) are open to everyone.
So that one client cannot take the service from the others, anonymous clients have these limits:</p>
<ul>${limitItems(c)}</ul>
<p>An answer served from the result cache (<code>X-Cache: HIT</code>: the same request since the data last changed) costs
nothing and counts for nothing. Documents, dumps, search and the other pages are not limited here. Clients that hold the
service's token are exempt.</p>
<h2>When a limit is reached</h2>
<p>The answer is <code>429 Too Many Requests</code> (<code>QUERY_TIME_EXCEEDED</code>: the budget is used up;
<code>TOO_MANY_QUERIES</code>: too many of your queries are queued or running), or <code>503 Service Unavailable</code>
(<code>ANONYMOUS_QUERIES_BUSY</code>: all anonymous clients together are at their bound), with a JSON error naming the
limit, and <code>Retry-After</code> in seconds. Wait that long before sending the next query. Every limited answer also
carries the IETF RateLimit fields: <code>RateLimit-Policy</code> (the limits above) and <code>RateLimit</code> (the whole
seconds of query time you have left, <code>r</code>, and the seconds until your budget is full again, <code>t</code>).</p>
<h2>Etiquette</h2>
<ul>
<li><strong>Send a User-Agent that names your tool and how to reach you</strong>, for example
<code>MyHarvester/1.2 (https://example.org/contact; someone@example.org)</code>. A generic one
(<code>python-requests/2.31</code>, <code>curl/8.5</code>) tells us nothing when your client misbehaves, and we cannot ask
you before we have to block it.</li>
<li>Send one query at a time, and honour <code>Retry-After</code>.</li>
<li>Need everything? Take the <a href="/dumps/">dumps</a> instead of paging through the endpoint. Checking for changes?
Send the <code>ETag</code> back in <code>If-None-Match</code> (a 304 costs nothing) or follow the
<a href="/changes">change feed</a>.</li>
</ul>
<h2>What is logged</h2>
<p>Every answer carries an <code>X-Query-Id</code> header; quote it when you report a problem.
${c.accessLog ? 'The access log of this server records, for each request, its time, query ID, method, path and query string, status, duration, size, whether the cache answered, whether the client was anonymous or held the token, and its User-Agent.' : 'This server keeps no access log.'}
No IP address is logged or stored: clients are told apart, for the limits only, by a keyed hash of their network
address (the key is drawn when the server starts and never written anywhere), held in memory for as long as a client
has queries running or budget to refill.</p>`);
}
