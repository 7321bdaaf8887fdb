/**
 * The charts through the real listener: the timeline on the pages of a State, a structure, a field operation, a field
 * of work and a person, and the /stats page; each chart's bars, its table and its CSV link carry the same numbers,
 * which are /api/stats's.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serveStats } from '../support/stats-served.js';

const served = serveStats({ seed: 99, releases: 120 });
const { iris, vocab, store } = served;
const server = { request: (path: string, init?: RequestInit) => served.server.request(path, init) };

interface Figure {
  id: string;
  bars: Map<string, number>;
  table: Map<string, number>;
  csv: string;
}

/** The figures of a page: bar titles "YYYY: n", table rows, CSV link. */
function figures(page: string): Figure[] {
  return [...page.matchAll(/<figure class="timeline[^"]*" id="([^"]+)">([\s\S]*?)<\/figure>/g)].map(([, id, inner]) => ({
    id: id!,
    bars: new Map([...inner!.matchAll(/<title>(\d{4}): ([\d,]+)<\/title>/g)].map(([, y, n]) => [y!, Number(n!.replace(/,/g, ''))])),
    table: new Map([...inner!.matchAll(/<tr><th scope="row">(\d{4})<\/th><td>(\d+)<\/td><\/tr>/g)].map(([, y, n]) => [y!, Number(n)])),
    csv: /<a href="([^"]+)" type="text\/csv"/.exec(inner!)?.[1]?.replace(/&amp;/g, '&') ?? '',
  }));
}

async function html(path: string): Promise<string> {
  const res = await server.request(path, { headers: { accept: 'text/html' } });
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  return res.text();
}

/** Counts per year from the CSV link, zeros dropped. */
async function csvCounts(href: string): Promise<Map<string, number>> {
  const res = await server.request(href);
  assert.equal(res.status, 200, href);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  const lines = (await res.text()).trimEnd().split('\r\n').slice(1);
  return new Map(lines.map((l) => l.split(',')).map((f) => [f[0]!, Number(f.at(-1))]));
}

const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, n]) => n > 0));

async function checkFigure(f: Figure, api?: string): Promise<void> {
  assert.ok(f.bars.size > 0, `${f.id}: no bars`);
  assert.deepEqual(f.bars, f.table, `${f.id}: bars and table differ`);
  assert.deepEqual(nonZero(f.table), await csvCounts(f.csv), `${f.id}: table and CSV differ`);
  if (api) {
    const rows = (await (await server.request(api)).json()) as Array<{ key: string; releases: number }>;
    assert.deepEqual(nonZero(f.table), new Map(rows.map((r) => [r.key, r.releases])), `${f.id}: not the API's counts`);
  }
}

describe('charts', () => {
  const entities: Array<[string, string, string]> = [
    ['country', vocab.countries[0]!, 'state'],
    ['structure', vocab.structures.find((s) => s.includes('/structure/'))!, 'publisher'],
    ['field', vocab.fields[0]!, 'field'],
    ['person', iris.entity('person', 'chen-li'), 'speaker'],
  ];
  for (const [kind, entity, filter] of entities) {
    it(`draws the releases per year on the page of a ${kind}, as /api/stats counts them`, async () => {
      const key = entity.slice(entity.lastIndexOf('/') + 1);
      const page = await html(`/doc/${kind}/${key}`);
      const [figure] = figures(page);
      assert.ok(figure, `no timeline on /doc/${kind}/${key}`);
      await checkFigure(figure, `/api/stats?by=year&${filter}=${encodeURIComponent(entity)}`);
      assert.match(page, /<svg class="chart" [^>]*role="img" aria-label="[^"]+ releases from \d{4} to \d{4}/);
    });
  }

  it('draws a timeline on the page of a field operation', async () => {
    const fo = vocab.structures.find((s) => s.includes('/field-operation/'))!;
    const page = await html(`/doc/field-operation/${fo.slice(fo.lastIndexOf('/') + 1)}`);
    assert.equal(figures(page).length, 1);
  });

  it('shows no chart on a release page', async () => {
    const rows = await store.select(`SELECT ?r WHERE { ?r a <https://w3id.org/osce-kg/ontology#PressRelease> } LIMIT 1`);
    const key = rows[0]!.r!.value.slice(rows[0]!.r!.value.lastIndexOf('/') + 1);
    assert.equal(figures(await html(`/doc/release/${key}`)).length, 0);
  });

  it('shows /stats with the overall timeline and small multiples per field, State and structure', async () => {
    const page = await html('/stats');
    const all = figures(page);
    const overall = all.find((f) => f.id === 'overall');
    assert.ok(overall);
    await checkFigure(overall, '/api/stats?by=year');
    for (const prefix of ['field-', 'state-', 'publisher-']) {
      const group = all.filter((f) => f.id.startsWith(prefix));
      assert.ok(group.length > 0, prefix);
      await checkFigure(group[0]!);
    }
    assert.match(page, /<form class="stats-form" method="get" action="\/stats">/);
  });

  it('applies the filter form, empty fields ignored', async () => {
    const field = vocab.fields[1]!;
    const page = await html(`/stats?field=${encodeURIComponent(field)}&state=&from=2019&to=`);
    const overall = figures(page).find((f) => f.id === 'overall')!;
    await checkFigure(overall, `/api/stats?by=year&field=${encodeURIComponent(field)}&from=2019`);
    assert.ok([...overall.table.keys()].every((y) => y >= '2019'));
    assert.match(page, new RegExp(`<option value="${field.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" selected>`));
  });

  it('answers 400 for a bad filter on /stats', async () => {
    const res = await server.request('/stats?from=someday');
    assert.equal(res.status, 400);
  });
});
