/**
 * Runs the machine-readable protocol tests (mf:ProtocolTest, mf:GraphStoreProtocolTest: ht:Request lists) and the
 * service-description tests (checks implemented from their names) against the server.
 */
import type { Quad, Term } from '@rdfjs/types';
import { Parser } from 'n3';
import { CNT, HT, labelledGraphs, MF, type W3cTest } from './manifest.js';
import { compareGraphs } from './results.js';
import { dropAll, loadFile, AUTH, type Server } from './server.js';

const HTS = 'http://www.w3.org/2011/http-statusCodes#';
const STATUS: Record<string, number> = { OK: 200, Created: 201, NoContent: 204, NotFound: 404, BadRequest: 400 };
const SD = 'http://www.w3.org/ns/sparql-service-description#';

function statusMatches(status: number, expected: string[]): boolean {
  if (expected.length === 0) return true;
  return expected.some((e) => {
    const name = e.replace(HTS, '');
    const cls = /^StatusCode(\d)xx$/.exec(name);
    if (cls) return Math.floor(status / 100) === Number(cls[1]);
    return STATUS[name] === status;
  });
}

function rewritePath(path: string, location: string | undefined): string {
  let p = path.replace(/^\/sparql\/?/, '/sparql').replace(/^\/gsp/, '/graph-store');
  if (location) p = p.replace('$LOCATION$', encodeURIComponent(location));
  return p;
}

function parseRdf(text: string, contentType: string, base: string): Quad[] {
  const format = contentType.includes('n-triples') ? 'N-Triples' : 'text/turtle';
  return new Parser({ format, baseIRI: base }).parse(text);
}

async function checkResponse(t: W3cTest, resp: Term, res: Response, url: string): Promise<string | undefined> {
  const g = t.graph;
  const expected = g.objects(resp, `${MF}expectedStatus`).map((s) => s.value);
  const body = await res.text();
  if (!statusMatches(res.status, expected)) return `status ${res.status}, expected ${expected.map((e) => e.replace(HTS, '')).join('|')}: ${body.slice(0, 160)}`;
  const type = res.headers.get('content-type') ?? '';
  const format = g.value(resp, `${MF}expectedFormat`);
  if (format === 'boolean' || format === 'tabular') {
    if (!/sparql-results|text\/csv|tab-separated/.test(type)) return `content type ${type} for ${format} results`;
  }
  if (format === 'RDF' && !/turtle|n-triples|rdf\+xml|ld\+json/.test(type)) return `content type ${type} for RDF`;
  const bool = g.value(resp, `${MF}expectedBoolean`);
  if (bool !== undefined) {
    const actual = type.includes('json') ? (JSON.parse(body) as { boolean?: boolean }).boolean : /<boolean>true<\/boolean>/.test(body);
    if (String(actual) !== bool) return `boolean ${String(actual)}, expected ${bool}`;
  }
  const expectedBody = g.one(resp, `${HT}body`);
  const chars = expectedBody ? g.value(expectedBody, `${CNT}chars`) : undefined;
  if (chars !== undefined && res.status === 200) {
    return compareGraphs(parseRdf(chars, 'text/turtle', url), parseRdf(body, type, url));
  }
  return undefined;
}

function requestOf(t: W3cTest, req: Term, server: Server, location: string | undefined): { url: string; init: RequestInit } {
  const g = t.graph;
  const headers: Record<string, string> = { ...AUTH };
  for (const h of g.list(g.one(req, `${HT}headers`))) {
    const name = g.value(h, `${HT}fieldName`);
    const value = g.value(h, `${HT}fieldValue`);
    if (name && value !== undefined) headers[name.toLowerCase()] = value;
  }
  const bodyNode = g.one(req, `${HT}body`);
  const chars = bodyNode ? g.value(bodyNode, `${CNT}chars`) : undefined;
  const method = g.value(req, `${HT}methodName`) ?? 'GET';
  const url = `${server.url}${rewritePath(g.value(req, `${HT}absolutePath`) ?? '/', location)}`;
  let body: BodyInit | undefined = chars;
  // non-UTF-8 tests declare another charset: send bytes that are not valid UTF-8 for it
  if (chars !== undefined && /charset=utf-16/i.test(headers['content-type'] ?? '')) body = Buffer.from(chars, 'utf16le');
  return { url, init: { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, redirect: 'manual' } };
}

export async function runProtocolTest(server: Server, t: W3cTest): Promise<string | undefined> {
  if (t.type === 'mf:ServiceDescriptionTest') return runServiceDescription(server, t);
  await dropAll(server);
  for (const g of labelledGraphs(t.graph, t.node)) await loadFile(server, g.file, g.name);
  const action = t.graph.one(t.node, `${MF}action`);
  if (!action) return 'malformed test';
  let location: string | undefined;
  let n = 0;
  for (const req of t.graph.list(t.graph.one(action, `${HT}requests`))) {
    n++;
    const { url, init } = requestOf(t, req, server, location);
    const res = await fetch(url, init);
    location = res.headers.get('location') ?? location;
    const resp = t.graph.one(req, `${HT}resp`);
    const failure = resp ? await checkResponse(t, resp, res, url) : undefined;
    if (failure) return `request ${n} (${init.method} ${url.replace(server.url, '')}): ${failure}`;
  }
  return undefined;
}

async function runServiceDescription(server: Server, t: W3cTest): Promise<string | undefined> {
  const endpoint = `${server.url}/sparql`;
  const res = await fetch(endpoint, { headers: { Accept: 'text/turtle' } });
  if (res.status !== 200 || !(res.headers.get('content-type') ?? '').startsWith('text/turtle')) return `status ${res.status} ${res.headers.get('content-type')}`;
  const quads = parseRdf(await res.text(), 'text/turtle', endpoint);
  const services = quads.filter((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === `${SD}Service`).map((q) => q.subject);
  const of = (s: Term, p: string) => quads.filter((q) => q.subject.equals(s) && q.predicate.value === `${SD}${p}`).map((q) => q.object);
  if (t.iri.endsWith('#returns-rdf')) return quads.length > 0 ? undefined : 'empty description';
  if (t.iri.endsWith('#has-endpoint-triple')) return services.some((s) => of(s, 'endpoint').some((e) => e.value === endpoint)) ? undefined : 'no sd:endpoint matching the URL';
  // the schema: one sd:Service with an IRI endpoint, supported languages and result formats from the sd: vocabulary
  const s = services[0];
  if (services.length !== 1 || !s) return `${services.length} sd:Service nodes`;
  if (of(s, 'endpoint').some((e) => e.termType !== 'NamedNode')) return 'sd:endpoint is not an IRI';
  const languages = of(s, 'supportedLanguage').map((l) => l.value);
  if (!languages.every((l) => [`${SD}SPARQL10Query`, `${SD}SPARQL11Query`, `${SD}SPARQL11Update`].includes(l)) || languages.length === 0) return `languages ${languages.join(',')}`;
  if (of(s, 'resultFormat').length === 0) return 'no sd:resultFormat';
  return undefined;
}
