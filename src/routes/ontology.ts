/**
 * The ontology under the base, so that `https://w3id.org/osce-kg/ontology#Term` dereferences once w3id.org redirects
 * to it (docs/w3id.md): `/ontology` negotiates HTML (every term), Turtle, JSON-LD, N-Triples or RDF/XML;
 * `/ontology.{ext}` picks one; `/ontology/{version}` is the version IRI (owl:versionIRI) of the version served.
 * Recipe 3 of "Best Practice Recipes for Publishing RDF Vocabularies" (W3C), with the page as the default.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { AppContext } from '../context.js';
import { negotiate } from '../http/negotiate.js';
import { noneMatch } from '../http/conditional.js';
import { ontologyQuads, ontologyVersion } from '../linked-data/ontology.js';
import { canonicalRdf, RDF_FORMATS, serializeTriples, withRdfAliases, type RdfMediaType } from '../linked-data/serialize.js';
import { renderOntologyPage } from '../web/ontology-page.js';
import { notFoundResponse } from './not-found.js';

const HTML = 'text/html';
const OFFERED = withRdfAliases([HTML, ...RDF_FORMATS.map((f) => f.mediaType)]);
const EXT_TO_TYPE: Record<string, string> = { html: HTML, ...Object.fromEntries(RDF_FORMATS.map((f) => [f.ext, f.mediaType])) };
const CACHE_CONTROL = 'public, max-age=3600';

const contentType = (type: string) => (type === HTML || type.startsWith('text/') || type === 'application/n-triples' ? `${type}; charset=utf-8` : type);

async function answer(ctx: AppContext, c: Context, ext: string | undefined): Promise<Response> {
  const type = ext ? EXT_TO_TYPE[ext]! : canonicalRdf(negotiate(c.req.header('accept'), OFFERED));
  const quads = ontologyQuads();
  const { versionIri } = ontologyVersion(quads);
  const url = ctx.iris.url('ontology');
  const etag = `"${createHash('sha256').update(`${versionIri}\u0000${type}\u0000${ctx.iris.base}`).digest('base64url').slice(0, 16)}"`;
  const alternates = [...RDF_FORMATS.map((f) => ({ type: f.mediaType, href: `${url}.${f.ext}`, label: f.ext })), { type: HTML, href: `${url}.html`, label: 'html' }];
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': CACHE_CONTROL,
    Link: [...alternates.map((a) => `<${a.href}>; rel="alternate"; type="${a.type}"`), `<${versionIri}>; rel="version"`].join(', '),
  };
  if (!ext) headers.Vary = 'Accept';
  if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  const body = type === HTML
    ? await renderOntologyPage({ quads, iris: ctx.iris, url, alternates: alternates.filter((a) => a.type !== HTML) })
    : await serializeTriples(quads, type as RdfMediaType, ctx.iris.base);
  return c.body(body, 200, { ...headers, 'Content-Type': contentType(type) });
}

/** `0.1.0.ttl` → version 0.1.0, extension ttl; `0.1.0` → no extension. */
function splitVersion(raw: string): { version: string; ext: string | undefined } {
  const ext = Object.keys(EXT_TO_TYPE).find((e) => raw.endsWith(`.${e}`));
  return ext ? { version: raw.slice(0, -ext.length - 1), ext } : { version: raw, ext: undefined };
}

export function ontologyRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/ontology', (c) => answer(ctx, c, undefined));
  for (const ext of Object.keys(EXT_TO_TYPE)) app.get(`/ontology.${ext}`, (c) => answer(ctx, c, ext));
  app.get('/ontology/:version', (c) => {
    const { version, ext } = splitVersion(c.req.param('version'));
    const current = ontologyVersion().version;
    if (version !== current) {
      const html = (ext ?? canonicalRdf(negotiate(c.req.header('accept'), OFFERED))) === HTML || ext === 'html';
      return notFoundResponse(c, html, `Version ${version} of the ontology is not served here; the current version is ${current} (${ctx.iris.url('ontology')}).`);
    }
    return answer(ctx, c, ext);
  });
  return app;
}
