/**
 * Named queries with multi-valued columns (issue 22, point 7): `press-releases` answers one row per release with its
 * sources and fields of work as arrays (compact JSON) or `|`-separated (CSV), `limit`/`offset` count releases, the
 * total is in `X-Total-Count`, and `Link: rel="next"` walks every page. Seven releases with two sources and three
 * fields each (six solutions per release) through the real listener.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import n3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { defaultQuerySource } from '../../src/api/query-source.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { NS } from '../../src/model/ns.js';
import { serveDuringTests } from '../support/listener.js';
import { BASE, fixtureContext, fixtureQuads, iris, releaseQuads } from './api-fixture.js';

const { namedNode, quad } = n3.DataFactory;
const SOURCES = ['odihr', 'secretariat'].map((k) => iris.entity('structure', k));
const FIELDS = ['elections', 'human-rights', 'policing'].map((k) => iris.entity('field', k));
const KEYS = Array.from({ length: 7 }, (_, i) => `2025-0${i + 1}-01-release-${i}`);

function manyValued(key: string, date: string): Quad[] {
  const s = namedNode(iris.entity('release', key));
  const g = namedNode(iris.releaseGraph(key));
  return [
    ...releaseQuads({ key, headline: `Release ${key}`, body: 'Text.', date }),
    ...SOURCES.map((o) => quad(s, namedNode(`${NS.schema}publisher`), namedNode(o), g)),
    ...FIELDS.map((o) => quad(s, namedNode(`${NS.schema}about`), namedNode(o), g)),
  ];
}

const quads = [...fixtureQuads(), ...KEYS.map((k) => manyValued(k, k.slice(0, 10))).flat()];
const server = serveDuringTests({ ...fixtureContext(createMemoryStore(quads, { workers: 0 })), queries: defaultQuerySource() });

type Row = Record<string, unknown>;

/** The `rel="next"` target of a Link header, or undefined. */
function next(link: string | null): string | undefined {
  return link?.split(/,\s*/).map((l) => /^<([^>]+)>;\s*rel="next"$/.exec(l)?.[1]).find(Boolean);
}

describe('named queries with multi-valued columns', () => {
  it('answers one row per release with every source and field of work as arrays', async () => {
    const res = await server.request('/api/queries/press-releases?limit=3', { headers: { accept: 'application/json' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-total-count'), '9'); // the fixture's two releases and the seven above
    const rows = (await res.json()) as Row[];
    assert.deepEqual(rows.map((r) => r.release), [6, 5, 4].map((i) => iris.entity('release', KEYS[i]!)));
    for (const row of rows) {
      assert.deepEqual([...(row.source as string[])].sort(), SOURCES);
      assert.deepEqual([...(row.field as string[])].sort(), FIELDS);
      assert.equal(typeof row.title, 'string');
    }
  });

  it('gives a release without sources or fields empty arrays', async () => {
    const rows = (await (await server.request('/api/queries/press-releases?to=2024-12-31')).json()) as Row[];
    assert.equal(rows.length, 2);
    for (const row of rows) assert.deepEqual([row.source, row.field], [[], []]);
  });

  it('walks every release exactly once by following Link rel="next"', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/api/queries/press-releases?limit=2';
    let pages = 0;
    while (path && pages < 10) {
      const res = await server.request(path);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-total-count'), '9');
      seen.push(...((await res.json()) as Row[]).map((r) => r.release as string));
      const target = next(res.headers.get('link'));
      if (target) assert.ok(target.startsWith(`${BASE}api/queries/press-releases?`), target);
      path = target;
      pages++;
    }
    assert.equal(pages, 5);
    assert.equal(seen.length, 9);
    assert.equal(new Set(seen).size, 9);
  });

  it('separates several values with | in CSV, one line per release', async () => {
    const res = await server.request('/api/queries/press-releases?limit=1', { headers: { accept: 'text/csv' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    const lines = (await res.text()).trimEnd().split('\r\n');
    assert.equal(lines.length, 2);
    assert.equal(lines[0], 'release,title,date,source,field');
    const cells = lines[1]!.split(',');
    assert.equal(cells[0], iris.entity('release', KEYS[6]!));
    assert.deepEqual(cells[3]!.split('|').sort(), SOURCES);
    assert.deepEqual(cells[4]!.split('|').sort(), FIELDS);
  });

  it('pages SPARQL results by release too: every solution of the page\'s releases', async () => {
    const res = await server.request('/api/queries/press-releases?limit=2&offset=1', { headers: { accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { results: { bindings: Array<Record<string, { value: string }>> } };
    const releases = body.results.bindings.map((b) => b.release!.value);
    assert.equal(releases.length, 12); // 2 releases × 2 sources × 3 fields
    assert.deepEqual([...new Set(releases)], [5, 4].map((i) => iris.entity('release', KEYS[i]!)));
  });

  it('counts and links a query without multi-valued columns by its rows', async () => {
    const res = await server.request('/api/queries/partners?limit=4&offset=8');
    assert.equal(res.headers.get('x-total-count'), '11');
    assert.equal(((await res.json()) as Row[]).length, 3);
    const link = res.headers.get('link') ?? '';
    assert.equal(next(link), undefined);
    assert.match(link, /^<http:\/\/localhost:8080\/api\/queries\/partners\?limit=4&offset=4>; rel="prev"$/);
  });

  it('exposes the paging headers to cross-origin scripts', async () => {
    const res = await server.request('/api/queries/partners?limit=4');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /(^|,)Link(,|$)/);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /(^|,)X-Total-Count(,|$)/);
    assert.equal(next(res.headers.get('link')), `${BASE}api/queries/partners?limit=4&offset=4`);
  });
});
