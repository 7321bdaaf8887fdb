/**
 * GET /api/stats through the real listener: every answer equals a SPARQL COUNT written independently here (YEAR(),
 * property paths) over the same store, on random releases and after random adds, replacements and deletions; bad
 * parameters are 400s; CSV and ETag/304; the fields-of-work named query answered from the statistics equals its
 * SPARQL.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import n3 from 'n3';
import { NS } from '../../src/model/ns.js';
import { DIMENSIONS, type Dimension } from '../../src/stats/types.js';
import { STATS_BASE as BASE, serveStats } from '../support/stats-served.js';

const { namedNode, quad } = n3.DataFactory;

const served = serveStats({ seed: 23, releases: 80 });
const { iris, vocab, random, maker, store, ctx } = served;
const live = new Set(served.keys);
const request = (path: string, init?: RequestInit) => served.server.request(path, init);

type Filters = Partial<Record<'state' | 'field' | 'publisher' | 'genre' | 'speaker' | 'language' | 'from' | 'to', string>>;

/** The oracle: one SPARQL COUNT per request, in forms unlike src/stats/sparql.ts. */
function oracle(by: Dimension[], f: Filters): string {
  const key = (d: Dimension, v: string): string => ({
    year: `?r schema:datePublished ?${v}d . BIND(STR(YEAR(?${v}d)) AS ?${v})`,
    month: `?r schema:datePublished ?${v}d . BIND(CONCAT(STR(YEAR(?${v}d)), "-", IF(MONTH(?${v}d) < 10, "0", ""), STR(MONTH(?${v}d))) AS ?${v})`,
    state: `?r schema:mentions ?${v} . ?${v} a osce:Country .`,
    field: `?r schema:about ?${v} .`,
    publisher: `?r schema:publisher/org:unitOf* ?${v} .`,
    genre: `?r osce:contentType ?${v} .`,
    language: `?r schema:inLanguage ?${v}l . BIND(STR(?${v}l) AS ?${v})`,
    speaker: `?r osce:quotation/schema:spokenByCharacter ?${v} .`,
  })[d];
  const pattern = [
    ...by.map((d, i) => key(d, i === 0 ? 'k' : 'k2')),
    ...(f.state ? [`?r schema:mentions <${f.state}> . <${f.state}> a osce:Country .`] : []),
    ...(f.field ? [`?r schema:about <${f.field}> .`] : []),
    ...(f.publisher ? [`?r schema:publisher/org:unitOf* <${f.publisher}> .`] : []),
    ...(f.genre ? [`?r osce:contentType <${f.genre}> .`] : []),
    ...(f.speaker ? [`?r osce:quotation ?fq . ?fq schema:spokenByCharacter <${f.speaker}> .`] : []),
    ...(f.language ? [`?r schema:inLanguage "${f.language}" .`] : []),
    // the generated releases have one date each, so a date of its own for the range is the release's date
    ...(f.from || f.to ? ['?r schema:datePublished ?fd .'] : []),
    ...(f.from ? [`FILTER(?fd >= "${f.from}"^^xsd:date)`] : []),
    ...(f.to ? [`FILTER(?fd <= "${f.to}"^^xsd:date)`] : []),
  ];
  const vars = by.length === 2 ? '?k ?k2' : '?k';
  return `PREFIX osce: <${NS.osce}> PREFIX schema: <${NS.schema}> PREFIX org: <${NS.org}> PREFIX xsd: <${NS.xsd}>
SELECT ${vars} (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a osce:PressRelease . ${pattern.join('\n')} } GROUP BY ${vars}`;
}

async function expected(by: Dimension[], f: Filters): Promise<Map<string, number>> {
  const rows = await store.select(oracle(by, f));
  return new Map(rows.map((r) => [`${r.k!.value}|${r.k2?.value ?? ''}`, Number(r.n!.value)]));
}

async function actual(by: Dimension[], f: Filters): Promise<Map<string, number>> {
  const params = new URLSearchParams({ by: by.join(','), ...f });
  const res = await request(`/api/stats?${params}`);
  assert.equal(res.status, 200, `${params}: ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const rows = (await res.json()) as Array<{ key: string; key2?: string; label: string; releases: number }>;
  for (const r of rows) assert.equal(typeof r.label, 'string');
  return new Map(rows.map((r) => [`${r.key}|${r.key2 ?? ''}`, r.releases]));
}

function randomFilters(): Filters {
  const f: Filters = {};
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  if (random() < 0.3) f.state = pick(vocab.countries.slice(0, 12));
  if (random() < 0.3) f.field = pick(vocab.fields);
  if (random() < 0.3) f.publisher = pick([`${BASE}id/organization/osce`, ...vocab.structures]);
  if (random() < 0.2) f.genre = pick(vocab.contentTypes);
  if (random() < 0.2) f.language = pick(['en', 'fr']);
  if (random() < 0.2) f.speaker = iris.entity('person', pick(['ana-ionescu', 'chen-li']));
  if (random() < 0.3) f.from = `${2016 + Math.floor(random() * 5)}-03-01`;
  if (random() < 0.3) f.to = `${2021 + Math.floor(random() * 4)}-06-30`;
  return f;
}

async function compareMany(rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const d1 = DIMENSIONS[i % DIMENSIONS.length]!;
    const others = DIMENSIONS.filter((d) => d !== d1);
    const by: Dimension[] = random() < 0.4 ? [d1, others[Math.floor(random() * others.length)]!] : [d1];
    const f = i < DIMENSIONS.length ? {} : randomFilters();
    assert.deepEqual(await actual(by, f), await expected(by, f), `by=${by} ${JSON.stringify(f)}`);
  }
}

describe('GET /api/stats', () => {
  it('counts every dimension alone as the SPARQL COUNT does', async () => {
    for (const d of DIMENSIONS) assert.deepEqual(await actual([d], {}), await expected([d], {}), d);
    assert.ok((await actual(['year'], {})).size >= 5);
  });

  it('counts every pair of dimensions as the SPARQL COUNT does', async () => {
    for (const a of DIMENSIONS) for (const b of DIMENSIONS) if (a !== b) assert.deepEqual(await actual([a, b], {}), await expected([a, b], {}), `${a},${b}`);
  });

  it('counts under random filters as the SPARQL COUNT does', async () => {
    await compareMany(48);
  });

  it('follows random adds, replacements and deletions of releases', async () => {
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 6; i++) {
        const key = maker.key();
        await store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(key) }, quads: maker.release(key) });
        live.add(key);
      }
      const keys = [...live];
      for (let i = 0; i < 4; i++) {
        const key = keys[Math.floor(random() * keys.length)]!;
        await store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(key) }, quads: maker.release(key) }); // new facets, same release
      }
      for (let i = 0; i < 4; i++) {
        const key = keys[Math.floor(random() * keys.length)]!;
        if (!live.delete(key)) continue;
        await store.write({ type: 'delete-graph', graph: { iri: iris.releaseGraph(key) } });
      }
      await compareMany(16);
    }
    const total = [...(await actual(['genre'], {})).values()].reduce((a, b) => a + b, 0);
    assert.equal(total, live.size); // one content type each
    const metrics = await (await request('/metrics')).text();
    assert.ok(Number(/^osce_kg_stats_applied_writes (\d+)$/m.exec(metrics)?.[1]) >= 4 * 14, 'every write applied, as /metrics says');
    assert.ok(Number(/^osce_kg_stats_apply_seconds ([\d.e-]+)$/m.exec(metrics)?.[1]) > 0);
  });

  it('follows changes of the org:unitOf tree and of which IRIs are States, in every shape already asked', async () => {
    // every shape once first, so that the kept pair tables and postings exist and must follow the changes
    const shapes: Array<[Dimension[], Filters]> = [
      [['publisher', 'year'], {}], [['year', 'publisher'], {}], [['year'], { publisher: vocab.structures[0]! }], [['state'], { field: vocab.fields[0]! }],
      [['state', 'month'], {}], [['month'], { state: vocab.countries[0]! }], [['publisher'], { field: vocab.fields[1]!, from: '2018-01-01', to: '2020-12-31' }],
      [['state', 'genre'], { language: 'en' }], [['speaker', 'year'], { genre: vocab.contentTypes[0]! }], [['year'], { state: iris.entity('person', 'chen-li') }],
    ];
    const check = async (when: string) => {
      for (const [by, f] of shapes) assert.deepEqual(await actual(by, f), await expected(by, f), `${when}: by=${by} ${JSON.stringify(f)}`);
      await compareMany(8);
    };
    await check('before');
    // a new edge: every structure becomes a unit of the first, so each counts the whole tree under it
    const tree = { iri: `${BASE}graph/test/tree` };
    const unitOf = namedNode(`${NS.org}unitOf`);
    const edges = vocab.structures.slice(1).map((s) => quad(namedNode(s), unitOf, namedNode(vocab.structures[0]!), namedNode(tree.iri)));
    await store.write({ type: 'put-graph', graph: tree, quads: edges });
    await check('with the new org:unitOf edges');
    // a person declared a State: the releases mentioning them count for it
    const states = { iri: `${BASE}graph/test/states` };
    const person = namedNode(iris.entity('person', 'chen-li'));
    await store.write({ type: 'put-graph', graph: states, quads: [quad(person, namedNode(`${NS.rdf}type`), namedNode(`${NS.osce}Country`), namedNode(states.iri))] });
    assert.ok((await actual(['state'], {})).has(`${person.value}|`));
    await check('with a person as a State');
    await store.write({ type: 'delete-graph', graph: states });
    await store.write({ type: 'delete-graph', graph: tree });
    await check('after both were deleted');
  });

  it('labels things in English and times by their key, sorted', async () => {
    const res = await request(`/api/stats?by=field`);
    const rows = (await res.json()) as Array<{ key: string; label: string; releases: number }>;
    const elections = rows.find((r) => r.key === `${BASE}id/field/elections`);
    if (elections) assert.equal(elections.label, 'Elections');
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]!.releases >= rows[i]!.releases);
    const years = (await (await request('/api/stats?by=year')).json()) as Array<{ key: string; label: string }>;
    assert.deepEqual(years.map((r) => r.key), [...years.map((r) => r.key)].sort());
    assert.ok(years.every((r) => r.label === r.key && /^\d{4}$/.test(r.key)));
    const langs = (await (await request('/api/stats?by=language')).json()) as Array<{ key: string; label: string }>;
    assert.equal(langs.find((r) => r.key === 'fr')?.label, 'French');
  });

  it('sends CSV on Accept: text/csv and on format=csv, with the same counts', async () => {
    const json = (await (await request('/api/stats?by=year,genre')).json()) as Array<{ key: string; key2: string; releases: number }>;
    for (const res of [await request('/api/stats?by=year,genre', { headers: { accept: 'text/csv' } }), await request('/api/stats?by=year,genre&format=csv')]) {
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
      const lines = (await res.text()).trimEnd().split('\r\n');
      assert.equal(lines[0], 'key,label,key2,label2,releases');
      assert.deepEqual(lines.slice(1).map((l) => Number(l.split(',').at(-1))), json.map((r) => r.releases));
    }
  });

  it('answers 304 to a current ETag and a new ETag after a write', async () => {
    const first = await request('/api/stats?by=state');
    const etag = first.headers.get('etag')!;
    assert.ok(etag);
    const again = await request('/api/stats?by=state', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const key = maker.key();
    await store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(key) }, quads: maker.release(key) });
    live.add(key);
    const after = await request('/api/stats?by=state', { headers: { 'if-none-match': etag } });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), etag);
  });

  const bad: Array<[string, string]> = [
    ['', 'by'], ['by=colour', 'by'], ['by=year,year', 'by'], ['by=year,state,field', 'by'], ['by=year&state=not%20an%20iri', 'state'],
    ['by=year&from=2020-02-30', 'from'], ['by=year&from=2021&to=2020', 'from'], ['by=year&language=E%20N', 'language'],
    ['by=year&colour=red', 'colour'], ['by=year&by=state', 'by'], ['by=year&format=xml', 'format'],
  ];
  for (const [query, parameter] of bad) {
    it(`answers 400 INVALID_PARAMETER naming "${parameter}" for ?${query}`, async () => {
      const res = await request(`/api/stats?${query}`);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: string; message: string; detail: { parameter: string } } };
      assert.equal(body.error.code, 'INVALID_PARAMETER');
      assert.equal(body.error.detail.parameter, parameter);
      assert.ok(body.error.message.includes(`"${parameter}"`), body.error.message);
    });
  }

  it('answers 406 for an Accept it cannot meet', async () => {
    assert.equal((await request('/api/stats?by=year', { headers: { accept: 'image/png' } })).status, 406);
  });

  it('takes a year or month as from/to bounds', async () => {
    assert.deepEqual(await actual(['month'], { from: '2018', to: '2019-06' }), await expected(['month'], { from: '2018-01-01', to: '2019-06-30' }));
  });

  it('answers the fields-of-work named query from the statistics with the rows of its SPARQL', async () => {
    const text = ctx.queries!.bind('fields-of-work', {});
    const rows = await store.select(text);
    const want = rows.map((r) => ({ field: r.field!.value, label: r.label!.value, releases: Number(r.releases!.value) }));
    const res = await request('/api/queries/fields-of-work');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), want);
    assert.equal(res.headers.get('x-total-count'), String(want.length)); // from the statistics' rows, as the SPARQL COUNT gives it
    const paged = await request('/api/queries/fields-of-work?limit=2&offset=2');
    assert.equal(paged.headers.get('x-total-count'), String(want.length));
    assert.match(paged.headers.get('link') ?? '', /offset=4.*rel="next"/);
    assert.deepEqual(await paged.json(), want.slice(2, 4));
    assert.ok(want.some((r) => r.releases > 0));
    const csv = await (await request('/api/queries/fields-of-work', { headers: { accept: 'text/csv' } })).text();
    assert.equal(csv.split('\r\n').length - 2, want.length);
    const sr = (await (await request('/api/queries/fields-of-work?limit=3&offset=2', { headers: { accept: 'application/sparql-results+json' } })).json()) as { results: { bindings: Array<{ field: { value: string } }> } };
    assert.deepEqual(sr.results.bindings.map((b) => b.field.value), want.slice(2, 5).map((r) => r.field));
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await request('/openapi.json')).json()) as { paths: Record<string, { get: { parameters: Array<{ name: string }> } }> };
    const op = doc.paths['/api/stats']?.get;
    assert.ok(op);
    assert.deepEqual(op.parameters.map((p) => p.name).sort(), ['by', 'field', 'format', 'from', 'genre', 'language', 'publisher', 'speaker', 'state', 'to']);
  });
});
