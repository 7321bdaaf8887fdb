/**
 * The HTTP application: middleware, the routing table of the route modules (thin sub-apps, each loaded by the first
 * request to one of its routes), and the single error mapping.
 */
import { Hono, type Context, type Handler, type MiddlewareHandler, type NotFoundHandler } from 'hono';
import { cors } from 'hono/cors';
import { matchedRoutes } from 'hono/route';
import type { AppContext } from './context.js';
import type { QuerySource } from './api/query-source.js';
import { errorAnswer, errorBody } from './http/error-response.js';
import { createMetrics, memoryMetrics, saturationMetrics, statsMetrics, type Metrics } from './http/metrics.js';
import { clientKindOf, usageLimits } from './http/usage-middleware.js';
import { withQueryIds, type ClientKind } from './server/access-log.js';
import { cacheFront, type RequestListener } from './server/cache-front.js';
import { createResultCache, type ResultCache } from './server/result-cache.js';
import { StatsService } from './stats/service.js';
import { pageCsp } from './web/layout.js';
import { pageRequest } from './web/page-context.js';
import { reportAnswer } from './validation/report-answer.js';

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
const EXPOSE = 'Location,Content-Type,ETag,X-Cache,Server-Timing,X-Query-Id,Retry-After,RateLimit,RateLimit-Policy,Link,X-Total-Count';
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
  const preflight = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'], allowHeaders: ['Content-Type', 'Authorization', 'Accept'], exposeHeaders: EXPOSE.split(',') });
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

/** Paths never cached: operations, writes, and resources that change without a new dataset version. */
const UNCACHED = /^\/(health|metrics|ingest|harvest|graph-store|dumps|changes|catalog|sitemap[^/]*|\.well-known|q)(\/|$)/;

/**
 * One group of routes: where it is mounted, every route it answers (methods and path under the mount, as its module
 * declares them) and how its module is loaded and built. The routes are registered here, so a request is matched
 * and labelled as if the module were mounted; the module is imported by the first request to one of its routes
 * (a test's app loads only the groups its requests use: all of them cost ~0.1-0.2 s of CPU to import), and
 * `loadRoutes()` loads every group (startServer does before it listens). test/http/app-routes.test.ts checks that
 * each list matches its module; decision 0035.
 */
export interface RouteGroup {
  readonly name: string;
  readonly mount: string;
  readonly routes: readonly (readonly [methods: string | readonly string[], path: string])[];
  readonly build: () => Promise<Hono>;
}

/** What the route groups are built over (one per app). */
interface GroupServices {
  ctx: AppContext;
  metrics: Metrics;
  stats: StatsService;
  queries: () => Promise<QuerySource>;
}

const GRAPH_STORE_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const;

/** The routing table: every route group, in the order the router tries them. */
function routeGroups({ ctx, metrics, stats, queries }: GroupServices): RouteGroup[] {
  return [
    {
      name: 'sparql', mount: '/sparql', routes: [[['GET', 'POST'], '/']],
      build: async () => {
        const [{ sparqlRoutes }, { createSparqlService }, { createFederation }, { searchIndexFor }] = await Promise.all([
          import('./routes/sparql.js'), import('./sparql/execute.js'), import('./sparql/federation.js'), import('./api/search-index.js'),
        ]);
        const federation = createFederation({ allow: ctx.config.allowService, store: ctx.store });
        const service = createSparqlService(ctx, federation, metrics, async (text, opts) => {
          const index = await searchIndexFor(ctx);
          await index.idle(); // as /search: writes already committed are found
          return index.search(text, opts);
        });
        return sparqlRoutes(ctx, service);
      },
    },
    {
      name: 'graph-store', mount: '/graph-store', routes: [[GRAPH_STORE_METHODS, '/'], [GRAPH_STORE_METHODS, '/*']],
      build: async () => (await import('./routes/graph-store.js')).graphStoreRoutes(ctx),
    },
    { name: 'ingest', mount: '/ingest', routes: [['POST', '/']], build: async () => (await import('./routes/ingest.js')).ingestRoutes(ctx) },
    {
      name: 'harvest', mount: '/harvest', routes: [['POST', '/'], ['GET', '/jobs'], ['GET', '/jobs/:id'], ['DELETE', '/jobs/:id'], ['GET', '/report']],
      build: async () => (await import('./routes/harvest.js')).harvestRoutes(ctx),
    },
    { name: 'ops', mount: '/', routes: [['GET', '/health'], ['GET', '/metrics']], build: async () => (await import('./routes/ops.js')).opsRoutes(ctx, metrics) },
    {
      name: 'linked-data', mount: '/',
      routes: [
        ['GET', '/id/:kind/:key'], ['GET', '/doc/:kind/:key'], ['GET', '/context/v1.jsonld'],
        ['GET', '/'], ['GET', '/browse'], ['GET', '/browse/:kind'],
        ['GET', '/graph/*'],
        ['GET', '/ontology'], ...['html', 'ttl', 'jsonld', 'nt', 'rdf'].map((ext) => ['GET', `/ontology.${ext}`] as const), ['GET', '/ontology/:version'],
        ['GET', '/.well-known/void'], ['GET', '/catalog'],
        ['GET', '/sitemap.xml'], ['GET', '/sitemap/:file{[0-9]{1,6}\\.xml}'],
        ['GET', '/changes'], ['GET', '/changes/page/:n'],
        // the dumps' readiness check, for any method (a request the group cannot answer is told so once they are ready)
        ['ALL', '/dumps'], ['ALL', '/dumps/*'], ['GET', '/dumps'], ['GET', '/dumps/'], ['GET', '/dumps/:date{[0-9]{4}-[0-9]{2}-[0-9]{2}}/:name'], ['GET', '/dumps/:name'],
      ],
      build: async () => (await import('./routes/linked-data.js')).linkedDataRoutes(ctx),
    },
    { name: 'stats', mount: '/', routes: [['GET', '/api/stats'], ['GET', '/stats']], build: async () => (await import('./routes/stats.js')).statsRoutes(ctx, stats) },
    {
      name: 'api', mount: '/', routes: [['GET', '/api/queries'], ['GET', '/api/queries/:name'], ['GET', '/openapi.json'], ['GET', '/api']],
      build: async () => (await import('./routes/api.js')).apiRoutes(ctx, await queries(), stats),
    },
    { name: 'search', mount: '/', routes: [['GET', '/search'], ['POST', '/search']], build: async () => (await import('./routes/search.js')).searchRoutes(ctx) },
    {
      name: 'query-editor', mount: '/', routes: [['GET', '/query']],
      build: async () => (await import('./routes/query-editor.js')).queryEditorRoutes(ctx, await queries()),
    },
    {
      name: 'permalinks', mount: '/', routes: [['POST', '/q'], ['GET', '/q/:id']],
      build: async () => (await import('./routes/permalinks.js')).permalinkRoutes(ctx, await queries()),
    },
    {
      name: 'assets', mount: '/',
      routes: [['GET', '/assets/:dir{site|yasgui|query}/*'], ['GET', '/favicon.ico'], ['GET', '/og-image.png'], ['GET', '/logo.png']],
      build: async () => (await import('./routes/assets.js')).assetRoutes(),
    },
    { name: 'policy', mount: '/', routes: [['GET', '/policy']], build: async () => (await import('./routes/policy.js')).policyRoutes(ctx) },
  ];
}

/**
 * Registers a group's routes on `app`, each answered by the group's module, imported and built by the first request
 * (a failed import is tried again by the next). The module's routes are mounted on an app of their own, whose errors
 * go on to `app`'s error mapping and whose unmatched requests get `app`'s 404, as when they were mounted on `app`.
 */
function mountGroup(app: Hono, group: RouteGroup, notFound: NotFoundHandler): () => Promise<Hono> {
  let loading: Promise<Hono> | undefined;
  const load = (): Promise<Hono> => (loading ??= group.build().then((routes) => {
    const mounted = new Hono().route(group.mount, routes);
    mounted.notFound(notFound);
    mounted.onError((error) => {
      throw error;
    });
    return mounted;
  }, (error: unknown) => {
    loading = undefined;
    throw error;
  }));
  const answer: Handler = async (c) => (await load()).fetch(c.req.raw, c.env);
  const table = new Hono();
  for (const [methods, path] of group.routes) table.on(typeof methods === 'string' ? [methods] : [...methods], path, answer);
  app.route(group.mount, table);
  return load;
}

export type App = Hono & {
  /** The node:http listener: the result cache in front of this router (`src/server/cache-front.ts`). */
  readonly listener: RequestListener;
  readonly cache: ResultCache;
  /** Who the usage limits took a request for, for the access log. */
  readonly clientKind: ClientKind;
  /** The route groups, in the router's order. */
  readonly groups: readonly RouteGroup[];
  /** Loads every route group now (each is otherwise loaded by its first request). */
  loadRoutes(): Promise<void>;
};

export function createApp(given: AppContext): App {
  const app = new Hono();
  const metrics = createMetrics(() => given.store.size());
  const routes = new WeakMap<Request, string>();
  observe(app, metrics, routes);
  app.use('*', openCors());
  app.use('*', pagePolicy());
  // pages write absolute URLs (link previews) from the base, never from the Host header
  app.use('*', (c, next) => pageRequest.run({ base: given.iris.base, path: new URL(c.req.url).pathname }, next));
  // startServer passes the statistics it started with the store; made here (an app built alone, as tests build
  // theirs), they are built by their first request, so an app never asked for them reads nothing for them
  const stats = given.stats ?? new StatsService(given.store, { mode: given.config.stats });
  const ctx: AppContext = given.stats ? given : { ...given, stats };
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

  let source: Promise<QuerySource> | undefined;
  const queries = (): Promise<QuerySource> =>
    (source ??= ctx.queries ? Promise.resolve(ctx.queries) : import('./api/query-source.js').then((m) => m.defaultQuerySource()));
  const notFound: NotFoundHandler = (c) => c.json(errorBody('NOT_FOUND', `No resource at ${new URL(c.req.url).pathname}.`), 404);
  const groups = routeGroups({ ctx, metrics, stats, queries });
  const loads = groups.map((group) => mountGroup(app, group, notFound));
  app.notFound(notFound);
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
  const loadRoutes = async (): Promise<void> => {
    await Promise.all(loads.map((load) => load()));
  };
  return Object.assign(app, { listener: withQueryIds(front), cache, clientKind: clientKindOf, groups, loadRoutes });
}
