/**
 * The dataset's descriptions for harvesters: VoID at `/.well-known/void` and the DCAT-AP catalog at `/catalog`
 * (`?profile=2.1.1` for the older release), negotiated among the RDF formats.
 */
import { Hono, type Context } from 'hono';
import type { Quad } from '@rdfjs/types';
import type { AppContext } from '../context.js';
import { badRequest } from '../errors.js';
import { negotiate } from '../http/negotiate.js';
import { buildCatalog, catalogFacts, DCAT_PROFILES, type DcatProfile } from '../linked-data/catalog.js';
import { canonicalRdf, RDF_FORMATS, serializeTriples, withRdfAliases, type RdfMediaType } from '../linked-data/serialize.js';
import type { LinkedDataServices } from '../linked-data/services.js';
import { buildVoid } from '../linked-data/void.js';
import { datasetEtag, noneMatch } from '../http/conditional.js';
import { renderDescriptionPage } from '../web/description-page.js';
import { RETENTION_NOTE } from '../linked-data/snapshots.js';

/** RDF first (a harvester's `*\/*` gets Turtle), then HTML for browsers, which ask for it by name. */
const OFFERED = [...withRdfAliases(RDF_FORMATS.map((f) => f.mediaType)), 'text/html'];

/** What a browser is told about each description. */
interface Page {
  title: string;
  intro: string;
}

async function rdfResponse(c: Context, ctx: AppContext, selector: string, page: Page, build: () => Promise<Quad[]>): Promise<Response> {
  const type = canonicalRdf(negotiate(c.req.header('accept'), OFFERED));
  const etag = datasetEtag(await ctx.store.version(), selector, type);
  const headers: Record<string, string> = { ETag: etag, Vary: 'Accept', 'Cache-Control': 'public, max-age=60, must-revalidate' };
  if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  if (type === 'text/html') {
    const body = await renderDescriptionPage({ ...page, quads: await build(), iris: ctx.iris });
    return c.body(body, 200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
  }
  const body = await serializeTriples(await build(), type as RdfMediaType, ctx.iris.base);
  return c.body(body, 200, { ...headers, 'Content-Type': type.startsWith('text/') || type === 'application/n-triples' ? `${type}; charset=utf-8` : type });
}

const RDF_NOTE = 'Harvesters get it as RDF: ask with Accept: text/turtle, application/ld+json, application/n-triples or application/rdf+xml.';
const CATALOG_PAGE: Page = { title: 'DCAT-AP catalog', intro: `The dataset, its distributions (the dumps) and the SPARQL service, described in DCAT-AP. ${RDF_NOTE}` };
const VOID_PAGE: Page = { title: 'VoID description', intro: `The dataset's statistics, vocabularies and access points, described in VoID. ${RDF_NOTE}` };

function profileOf(c: Context): DcatProfile {
  const p = c.req.query('profile') ?? '3.0.1';
  const found = DCAT_PROFILES.find((x) => x === p.replace(/^dcat-ap-/, ''));
  if (!found) throw badRequest('BAD_PROFILE', `profile must be one of ${DCAT_PROFILES.join(', ')}.`);
  return found;
}

/** `services()` gives the started services with the change feed caught up, where the modification times come from. */
export function catalogRoutes(ctx: AppContext, services: () => Promise<LinkedDataServices>): Hono {
  const app = new Hono();
  app.get('/.well-known/void', async (c) => {
    const s = await services();
    const snapshots = s.dumps.snapshots.list();
    return rdfResponse(c, ctx, `void:${s.modified().toISOString()}:${[...s.dumps.files(), ...snapshots].map((d) => d.sha256).join()}`, VOID_PAGE, async () =>
      buildVoid(ctx.iris, await s.voidStats(), s.dumps.files(), s.modified(), snapshots, RETENTION_NOTE));
  });
  app.get('/catalog', async (c) => {
    const s = await services();
    const profile = profileOf(c);
    const dumps = s.dumps.files();
    const snapshots = s.dumps.snapshots.list();
    return rdfResponse(c, ctx, `catalog:${profile}:${s.modified().toISOString()}:${[...dumps, ...snapshots].map((d) => d.sha256).join()}`, CATALOG_PAGE, async () =>
      buildCatalog({ iris: ctx.iris, dumps, snapshots, retention: RETENTION_NOTE, facts: await catalogFacts(ctx.store), issued: s.issued(), modified: s.modified(), profile }));
  });
  return app;
}
