import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import sparqljs from 'sparqljs';
import { AppError } from '../../src/errors.js';
import { Iris, NS } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';
import { bindNamedQuery, getNamedQuery, listNamedQueries, parseNamedQuery } from '../../src/api/named-queries.js';
import type { Row } from '../../src/store/types.js';
import { referenceStore, selectRows } from './reference-store.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const seedDataset = new Parser({ baseIRI: BASE, format: 'TriG' }).parse(readFileSync(join(PATHS.fixtures, 'seed-release.trig'), 'utf8'));
const store = referenceStore(BASE, seedDataset);
const run = (name: string, params: Record<string, string> = {}): Row[] => selectRows(store, bindNamedQuery(name, params));
const id = (kind: Parameters<Iris['entity']>[0], key: string) => iris.entity(kind, key);
const col = (rows: Row[], v: string) => rows.map((r) => r[v]?.value);
const find = (rows: Row[], v: string, value: string) => rows.find((r) => r[v]?.value === value);

const EXPECTED_VARIABLES: Record<string, string[]> = {
  'participating-states': ['state', 'name', 'iso3', 'since'],
  partners: ['state', 'name', 'group', 'since'],
  structures: ['structure', 'name', 'abbreviation', 'parent', 'seat'],
  'field-operations': ['operation', 'name', 'hostState', 'headquarters', 'established', 'closed'],
  chairpersonship: ['year', 'state', 'name'],
  meetings: ['meeting', 'name', 'type', 'start', 'place'],
  'fields-of-work': ['field', 'label', 'releases'],
  'press-releases': ['release', 'title', 'date', 'source', 'field'],
  memberships: ['membership', 'state', 'name', 'role', 'start', 'end'],
};

test('every named query parses, has a title and description, and projects the contracted variables', () => {
  const names = listNamedQueries().map((q) => q.name);
  assert.deepEqual(names, Object.keys(EXPECTED_VARIABLES).sort());
  for (const q of listNamedQueries()) {
    assert.ok(q.title && q.description, q.name);
    assert.deepEqual(q.variables, EXPECTED_VARIABLES[q.name], q.name);
    const bound = new sparqljs.Parser().parse(bindNamedQuery(q.name, {}));
    assert.equal(bound.type, 'query');
  }
});

test('headers are parsed into typed parameters with defaults and descriptions', () => {
  const fo = getNamedQuery('field-operations');
  assert.deepEqual(fo.params[0], { name: 'status', type: 'enum', values: ['active', 'closed', 'all'], default: 'all', description: 'which operations' });
  assert.deepEqual(getNamedQuery('press-releases').params.map((p) => [p.name, p.type, p.default]), [
    ['field', 'iri', undefined], ['source', 'iri', undefined], ['state', 'iri', undefined],
    ['from', 'date', undefined], ['to', 'date', undefined], ['limit', 'integer', '100'], ['offset', 'integer', '0'],
  ]);
  assert.throws(() => parseNamedQuery('x', '# title: X\n# param: bad thing\nSELECT * {}'), /malformed parameter line/);
});

test('participating-states: 57 States with ISO3 and date of joining; names by language with English fallback', () => {
  const rows = run('participating-states');
  assert.equal(rows.length, 57);
  const al = find(rows, 'state', id('country', 'al'))!;
  assert.deepEqual([al.name!.value, al.iso3!.value, al.since!.value], ['Albania', 'ALB', '1991-06-19']);
  assert.equal((al.since as { datatype: { value: string } }).datatype.value, `${NS.xsd}date`);
  assert.equal(find(rows, 'iso3', 'AUT')!.since!.value, '1973-06-25');
  const fr = run('participating-states', { lang: 'fr' });
  assert.equal(find(fr, 'iso3', 'DEU')!.name!.value, 'Allemagne');
  assert.equal(find(fr, 'iso3', 'VAT')!.name!.value, 'Holy See');
});

test('partners: 11 partners, filtered by group', () => {
  const rows = run('partners');
  assert.equal(rows.length, 11);
  assert.deepEqual([find(rows, 'name', 'Japan')!.since!.value, find(rows, 'name', 'Japan')!.group!.value], ['1992', 'asian']);
  assert.deepEqual(col(run('partners', { group: 'asian' }), 'name').sort(), ['Afghanistan', 'Australia', 'Japan', 'Republic of Korea', 'Thailand']);
  assert.equal(run('partners', { group: 'mediterranean' }).length, 6);
});

test('structures: abbreviation, parent and seat; no field operations; filtered by parent', () => {
  const rows = run('structures');
  const odihr = find(rows, 'structure', id('structure', 'odihr'))!;
  assert.deepEqual([odihr.abbreviation!.value, odihr.parent!.value, odihr.seat!.value], ['ODIHR', id('organization', 'osce'), id('place', 'warsaw')]);
  assert.ok(!rows.some((r) => r.structure!.value.includes('/field-operation/')));
  const tntd = run('structures', { parent: id('structure', 'transnational-threats-department') });
  assert.deepEqual(col(tntd, 'abbreviation').filter(Boolean), ['SPMU']);
  assert.equal(tntd.length, 3);
});

test('field-operations: 20 in all, 12 active, 8 closed, with hosts, headquarters and dates', () => {
  assert.equal(run('field-operations').length, 20);
  const active = run('field-operations', { status: 'active' });
  assert.equal(active.length, 12);
  assert.ok(active.every((r) => r.closed === undefined));
  const closed = run('field-operations', { status: 'closed' });
  assert.equal(closed.length, 8);
  const georgia = find(closed, 'operation', id('field-operation', 'mission-to-georgia'))!;
  assert.deepEqual([georgia.hostState!.value, georgia.established!.value, georgia.closed!.value], [id('country', 'ge'), '1992', '2009-06-30']);
  const skopje = find(active, 'operation', id('field-operation', 'mission-to-skopje'))!;
  assert.deepEqual([skopje.hostState!.value, skopje.headquarters!.value, skopje.established!.value], [id('country', 'mk'), id('place', 'skopje'), '1992-09']);
});

test('chairpersonship: 1991-2026, one State per year, 1992 Czechoslovakia', () => {
  const rows = run('chairpersonship');
  assert.deepEqual(col(rows, 'year'), Array.from({ length: 36 }, (_, i) => String(1991 + i)));
  assert.deepEqual(run('chairpersonship', { year: '1992' }).map((r) => [r.state!.value, r.name!.value]), [[id('country', 'cs'), 'Czechoslovakia']]);
  assert.equal(run('chairpersonship', { year: '2024' })[0]!.name!.value, 'Malta');
  assert.equal(run('chairpersonship', { year: '1980' }).length, 0);
});

test('meetings: Summits by type, Ministerial Councils by year', () => {
  const summits = run('meetings', { type: id('meeting-type', 'summit-meetings') });
  assert.deepEqual(col(summits, 'start'), ['1975-07-30', '1990-11-19', '1992-07-09', '1994-12-05', '1996-12-02', '1999-11-18', '2010-12-01']);
  assert.equal(find(summits, 'start', '2010-12-01')!.place!.value, id('place', 'astana'));
  const y2025 = run('meetings', { year: '2025' });
  assert.deepEqual(y2025.map((r) => [r.meeting!.value, r.place!.value]), [[id('meeting', 'ministerial-council-2025'), id('place', 'vienna')]]);
  assert.equal(run('meetings', { year: '2014' })[0]!.place!.value, id('place', 'basel'));
});

test('fields-of-work: 23 fields with the number of releases filed under each', () => {
  const rows = run('fields-of-work');
  assert.equal(rows.length, 23);
  assert.equal(find(rows, 'label', 'Policing')!.releases!.value, '1');
  assert.equal(find(rows, 'label', 'Elections')!.releases!.value, '0');
});

test('press-releases: filters by field, source, State and dates; limit applies', () => {
  const seed = iris.entity('release', '2009-10-28-osce-holds-expert-meeting-on-building-trust-5abe5c49');
  const all = run('press-releases');
  assert.equal(all.length, 10); // one release x 2 sources x 5 fields
  assert.ok(all.every((r) => r.release!.value === seed && r.date!.value === '2009-10-28'));
  assert.equal(run('press-releases', { field: id('field', 'policing') }).length, 10);
  assert.equal(run('press-releases', { field: id('field', 'elections') }).length, 0);
  assert.equal(run('press-releases', { source: id('structure', 'odihr') }).length, 10);
  assert.equal(run('press-releases', { source: id('structure', 'parliamentary-assembly') }).length, 0);
  assert.equal(run('press-releases', { state: id('country', 'at') }).length, 10); // dateline Vienna
  assert.equal(run('press-releases', { state: id('country', 'al') }).length, 0);
  assert.equal(run('press-releases', { from: '2009-10-28', to: '2009-10-28' }).length, 10);
  assert.equal(run('press-releases', { from: '2009-10-29' }).length, 0);
  assert.equal(run('press-releases', { limit: '3', offset: '1' }).length, 3);
});

test('memberships: 57 + 11 + 1 periods; Mongolia was an Asian Partner from 2004 until it joined on 2012-11-21', () => {
  assert.equal(run('memberships').length, 69);
  const mn = run('memberships', { state: id('country', 'mn') });
  assert.deepEqual(mn.map((r) => [r.role!.value, r.start!.value, r.end?.value]), [
    [`${NS.osce}asianPartnerRole`, '2004', '2012-11-21'],
    [`${NS.osce}participatingStateRole`, '2012-11-21', undefined],
  ]);
  assert.equal(run('memberships', { role: 'asian-partner' }).length, 6);
  assert.equal(run('memberships', { role: 'mediterranean-partner' }).length, 6);
  assert.equal(run('memberships', { role: 'participating' }).length, 57);
});

test('bad parameter values are AppError 400 INVALID_PARAMETER and never reach the query text', () => {
  const bad: [string, Record<string, string>][] = [
    ['press-releases', { field: 'not an iri' }],
    ['press-releases', { field: 'http://x/> } ; DROP ALL ; <' }],
    ['press-releases', { from: '2025-02-30' }],
    ['press-releases', { from: '2020-13-45' }],
    ['press-releases', { limit: '0' }],
    ['press-releases', { limit: '20000' }],
    ['press-releases', { offset: '-1' }],
    ['chairpersonship', { year: '92' }],
    ['field-operations', { status: 'all" || true || "' }],
    ['field-operations', { colour: 'red' }],
  ];
  for (const [name, params] of bad) {
    assert.throws(() => bindNamedQuery(name, params), (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'INVALID_PARAMETER', JSON.stringify(params));
  }
  assert.throws(() => getNamedQuery('nope'), (e: unknown) => e instanceof AppError && e.status === 404);
});

test('string-like values are bound as typed terms in a VALUES block', () => {
  const text = bindNamedQuery('chairpersonship', { year: '2025' });
  const parsed = new sparqljs.Parser().parse(text) as sparqljs.SelectQuery;
  const values = parsed.where![0] as sparqljs.ValuesPattern;
  assert.equal(values.type, 'values');
  const term = values.values[0]!['?_year']!;
  assert.deepEqual([term.termType, term.value, (term as { datatype: { value: string } }).datatype.value], ['Literal', '2025', `${NS.xsd}gYear`]);
});

test('property: any value is either rejected with INVALID_PARAMETER or bound verbatim as one term (no injection)', async () => {
  const fc = (await import('fast-check')).default;
  const params: [string, string][] = [['press-releases', 'field'], ['press-releases', 'from'], ['chairpersonship', 'year'], ['partners', 'group'], ['participating-states', 'lang']];
  fc.assert(
    fc.property(fc.constantFrom(...params), fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('asian', 'fr', '2025', '2025-01-31')), ([name, param], value) => {
      let text: string;
      try {
        text = bindNamedQuery(name, { [param]: value });
      } catch (e) {
        return e instanceof AppError && e.code === 'INVALID_PARAMETER';
      }
      const parsed = new sparqljs.Parser().parse(text) as sparqljs.SelectQuery;
      const values = parsed.where![0] as sparqljs.ValuesPattern;
      const term = values.values[0]![`?_${param}`]!;
      const original = new sparqljs.Parser().parse(getNamedQuery(name).text) as sparqljs.SelectQuery;
      // The bound query is the original plus exactly one VALUES block.
      return values.type === 'values' && term.value === value && parsed.where!.length === original.where!.length + 1;
    }),
    { numRuns: 300 },
  );
});

test('# multi: names multi-valued output columns, and a query paged by its key may only order by output variables', () => {
  assert.deepEqual(getNamedQuery('press-releases').multi, ['source', 'field']);
  assert.deepEqual(getNamedQuery('partners').multi, []);
  const head = '# title: T\n# multi: b\n';
  assert.deepEqual(parseNamedQuery('ok', `${head}SELECT ?a ?b ?c WHERE { ?a ?b ?c } ORDER BY DESC(?c) ?a`).multi, ['b']);
  assert.throws(() => parseNamedQuery('key', '# title: T\n# multi: a\nSELECT ?a ?b WHERE { ?a ?p ?b }'), /not an output variable other than the first/);
  assert.throws(() => parseNamedQuery('unknown', '# title: T\n# multi: z\nSELECT ?a ?b WHERE { ?a ?p ?b }'), /not an output variable/);
  assert.throws(() => parseNamedQuery('order', `${head}SELECT ?a ?b WHERE { ?a ?p ?b ; ?q ?d } ORDER BY ?d`), /ORDER BY may only name output variables/);
});
