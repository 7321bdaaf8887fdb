/**
 * The HTTP application: middleware, the route modules (thin sub-apps), and the single error mapping. Route modules
 * are mounted here, one line each.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { matchedRoutes } from 'hono/route';
import type { AppContext } from './context.js';
import { errorAnswer, errorBody } from './http/error-response.js';
import { createMetrics, memoryMetrics, saturationMetrics, statsMetrics, type Metrics } from './http/metrics.js';
import { clientKindOf, usageLimits } from './http/usage-middleware.js';
import { withQueryIds, type ClientKind } from './server/access-log.js';
import { cacheFront, type RequestListener } from './server/cache-front.js';
import { createResultCache, type ResultCache } from './server/result-cache.js';
import { graphStoreRoutes } from './routes/graph-store.js';
import { harvestRoutes } from './routes/harvest.js';
import { ingestRoutes } from './routes/ingest.js';
import { opsRoutes } from './routes/ops.js';
import { policyRoutes } from './routes/policy.js';
import { permalinkRoutes } from './routes/permalinks.js';
import { apiRoutes } from './routes/api.js';
import { assetRoutes } from './routes/assets.js';
import { linkedDataRoutes } from './routes/linked-data.js';
import { queryEditorRoutes } from './routes/query-editor.js';
import { searchRoutes } from './routes/search.js';
import { statsRoutes } from './routes/stats.js';
import { StatsService } from './stats/service.js';
import { defaultQuerySource } from './api/query-source.js';
import { searchIndexFor } from './api/search-index.js';
import { pageCsp } from './web/layout.js';
import { pageRequest } from './web/page-context.js';
import { sparqlRoutes } from './routes/sparql.js';
import { createSparqlService } from './sparql/execute.js';
import { reportAnswer } from './validation/report-answer.js';
import { createFederation } from './sparql/federation.js';

/** The first route bound to a method is the handler that answered; 'ALL' entries are middleware. */
const routeOf = (c: Context): string => matchedRoutes(c).find((r) => r.method !== 'ALL')?.path ?? 'unmatched';

/**
 * Counts and times every request the router answers, and notes its route label by request, for the result cache to
 * keep with the entry (its hits are counted under the same label, in front of the router).
 */
function observe(app: Hono, metrics: Metrics, routes: WeakMap<Request, string>): void {
  app.use('*', async (c, next) => {
    const end = metrics.requestSeconds.startTimer();
    await next();
    const route = routeOf(c);
    routes.set(c.req.raw, route);
    const labels = { method: c.req.method, route, status: String(c.res.status) };
    end(labels);
    metrics.requests.inc(labels);
  });
}

/** Headers a cross-origin script may read: where a write went, the representation, its tag, and what it cost the server. */
const EXPOSE = 'Location,Content-Type,ETag,X-Cache,Server-Timing,X-Query-Id,Retry-After,RateLimit,RateLimit-Policy,Link,X-Total-Count,Content-Range,Accept-Ranges,Content-Disposition,Allow';
/**
 * Request headers a cross-origin script may send besides the safelisted ones: conditional requests (ETag, the dumps'
 * Last-Modified), a second range of a dump (one range is safelisted), and a page's address to /ingest.
 */
const ALLOW_HEADERS = ['Content-Type', 'Authorization', 'Accept', 'If-None-Match', 'If-Modified-Since', 'Range', 'Content-Location'];
/** What every response other than a preflight carries: reads are open to any origin. */
const CORS_HEADERS: [string, string][] = [['Access-Control-Allow-Origin', '*'], ['Access-Control-Expose-Headers', EXPOSE],
  ['Timing-Allow-Origin', '*']];

/**
 * Reads are open to any origin; writes need a bearer token, which browsers never send cross-origin unasked. Preflights
 * go to Hono's CORS middleware; other responses get their headers set in place after the route answered, because
 * that middleware sets them on a placeholder response first, which makes Hono copy every response through its body
 * stream. Behind the result cache, so cached entries carry the headers too.
 */
function openCors(): MiddlewareHandler {
  const preflight = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'], allowHeaders: ALLOW_HEADERS, exposeHeaders: EXPOSE.split(',') });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    const set = (res: Response) => CORS_HEADERS.forEach(([name, value]) => res.headers.set(name, value));
    try {
      set(c.res);
    } catch {
      // immutable headers (a Response.redirect): copy the response once
      const res = new Response(c.res.body, c.res);
      set(res);
      c.res = undefined;
      c.res = res;
    }
  };
}

/**
 * Every HTML page, whichever route made it, is sent with the one Content-Security-Policy of the pages, `nosniff`
 * (a browser never runs a page or a response it links as another type) and a Referrer-Policy that sends other sites
 * the origin only, never a page's path and query (a query's text is in the editor's URL).
 */
function pagePolicy(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
    c.res.headers.set('Content-Security-Policy', pageCsp());
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  };
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
const ROUTE_HANDLERS = new WeakMap<Hono, Set<unknown>>();

/**
 * The methods some route answers at `path` (a HEAD wherever a GET is, as Hono answers it): a request with another
 * method is a 405 naming them in `Allow` (RFC 9110 §15.5.6), not a 404 that says the resource is not there.
 */
function allowedMethods(app: Hono, path: string): string[] {
  let handlers = ROUTE_HANDLERS.get(app);
  if (!handlers) ROUTE_HANDLERS.set(app, (handlers = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => r.handler))));
  const known = handlers;
  const answers = (method: string) => app.router.match(method === 'HEAD' ? 'GET' : method, path)[0].some(([[handler]]) => known.has(handler));
  return METHODS.filter(answers);
}

/** Paths never cached: operations, writes, and resources that change without a new dataset version. */
const UNCACHED = /^\/(health|metrics|ingest|harvest|graph-store|dumps|changes|catalog|sitemap[^/]*|\.well-known|q)(\/|$)/;

export type App = Hono & {
  /** The node:http listener: the result cache in front of this router (`src/server/cache-front.ts`). */
  readonly listener: RequestListener;
  readonly cache: ResultCache;
  /** Who the usage limits took a request for, for the access log. */
  readonly clientKind: ClientKind;
};

export function createApp(ctx: AppContext): App {
  const app = new Hono();
  const metrics = createMetrics(() => ctx.store.size());
  const routes = new WeakMap<Request, string>();
  observe(app, metrics, routes);
  app.use('*', openCors());
  app.use('*', pagePolicy());
  // pages write absolute URLs (link previews) from the base, never from the Host header
  app.use('*', (c, next) => pageRequest.run({ base: ctx.iris.base, path: new URL(c.req.url).pathname }, next));
  const federation = createFederation({ allow: ctx.config.allowService, store: ctx.store });
  const service = createSparqlService(ctx, federation, metrics, async (text, opts) => {
    const index = await searchIndexFor(ctx);
    await index.idle(); // as /search: writes already committed are found
    return index.search(text, opts);
  });
  const queries = ctx.queries ?? defaultQuerySource();
  // startServer passes the statistics it started with the store; made here (an app built alone, as tests build
  // theirs), they are built by their first request, so an app never asked for them reads nothing for them
  const stats = ctx.stats ?? new StatsService(ctx.store, { mode: ctx.config.stats });
  ctx = ctx.stats ? ctx : { ...ctx, stats };
  statsMetrics(metrics, stats);
  saturationMetrics(metrics, () => ctx.store.saturation?.());
  memoryMetrics(metrics, () => ctx.store.workerMemory?.() ?? []);
  const { config } = ctx;
  const usage = usageLimits({
    clientQueries: config.clientQueries, anonymousQueries: config.anonymousQueries, budgetMs: config.queryBudgetMs,
    windowMs: config.queryBudgetWindowMs, token: config.token, trustProxy: config.trustProxy, ...(ctx.clock ? { now: ctx.clock } : {}),
  });
  app.use('/sparql', usage.middleware);
  app.use('/api/queries/:name', usage.middleware);
  app.use('/q', usage.middleware); // making a permalink writes to disk: bounded like a query

  app.route('/sparql', sparqlRoutes(ctx, service));
  app.route('/graph-store', graphStoreRoutes(ctx));
  app.route('/ingest', ingestRoutes(ctx));
  app.route('/harvest', harvestRoutes(ctx));
  app.route('/', opsRoutes(ctx, metrics));
  app.route('/', linkedDataRoutes(ctx));
  app.route('/', statsRoutes(ctx, stats));
  app.route('/', apiRoutes(ctx, queries, stats));
  app.route('/', searchRoutes(ctx));
  app.route('/', queryEditorRoutes(ctx, queries));
  app.route('/', permalinkRoutes(ctx, queries));
  app.route('/', assetRoutes());
  app.route('/', policyRoutes(ctx));
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const allow = allowedMethods(app, path);
    // a route that answers this method said not found (an unknown asset): that is a 404
    if (allow.length === 0 || allow.includes(c.req.method)) return c.json(errorBody('NOT_FOUND', `No resource at ${path}.`), 404);
    c.header('Allow', allow.join(', '));
    return c.json(errorBody('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed at ${path}; it answers ${allow.join(', ')}.`, { allow }), 405);
  });
  app.onError(async (error, c) => {
    const report = await reportAnswer(error, c.req.header('accept'));
    if (report) return report;
    const answer = errorAnswer(error);
    for (const [name, value] of Object.entries(answer.headers)) c.header(name, value);
    return c.json(answer.body, answer.status as 400);
  });
  const observeHit = (method: string, route: string, status: number, seconds: number): void => {
    const labels = { method, route, status: String(status) };
    metrics.requestSeconds.observe(labels, seconds);
    metrics.requests.inc(labels);
  };
  const cache = createResultCache({ version: () => ctx.store.version(), skip: (path) => UNCACHED.test(path) });
  const front = cacheFront(cache, app.fetch, { observe: observeHit, routeOf: (request) => routes.get(request) ?? 'unmatched' });
  return Object.assign(app, { listener: withQueryIds(front), cache, clientKind: clientKindOf });
}
